import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers';

const bin = path.resolve('bin/tandem.mjs');

function writeAudience(file: string, rows: number, tag: string): void {
  let text = 'user_id,minutes,spend,city_tier\n';
  for (let i = 0; i < rows; i++) text += `${tag}${i},${i % 500},${(i * 7) % 1000}.5,${['一线', '二线', '三线'][i % 3]}\n`;
  fs.writeFileSync(file, text);
}

describe('a crash in the middle of an import', () => {
  it('killed with SIGKILL at 24 random moments: the library stays intact and holds none or all of the import', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    const cli = (...args: string[]) => spawnSync(process.execPath, [bin, '--data-dir', data, '--json', ...args], { encoding: 'utf8' });
    expect(cli('project', 'create', '--name', 'crash').status).toBe(0);
    const small = path.join(dir, 'small.csv');
    const big = path.join(dir, 'big.csv');
    writeAudience(small, 1_000, 's');
    writeAudience(big, 150_000, 'b');
    expect(cli('import', '--project', '1', '--kind', 'audience', small).status).toBe(0);

    // How long a whole import takes here, to spread the kills over it.
    const t0 = performance.now();
    expect(cli('import', '--project', '1', '--kind', 'audience', big, '--mode', 'replace').status).toBe(0);
    const full = performance.now() - t0;
    expect(cli('import', '--project', '1', '--kind', 'audience', small, '--mode', 'replace').status).toBe(0);

    const seen = new Set<number>();
    for (let i = 0; i < 24; i++) {
      const child = spawn(process.execPath, [bin, '--data-dir', data, '--json', 'import', '--project', '1', '--kind', 'audience', big, '--mode', 'replace'], { stdio: 'ignore' });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * full));
      child.kill('SIGKILL');
      await exited;
      const db = new Database(path.join(data, 'library.sqlite'));
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const rows = db.prepare('SELECT count(*) FROM audience_users WHERE project_id = 1').pluck().get() as number;
        const recorded = db.prepare("SELECT rows FROM datasets WHERE project_id = 1 AND kind = 'audience'").pluck().get() as number;
        expect([1_000, 150_000]).toContain(rows);
        expect(recorded).toBe(rows);
        seen.add(rows);
      } finally {
        db.close();
      }
      // Put the small import back so the next kill can again land mid-import.
      if (seen.has(150_000)) expect(cli('import', '--project', '1', '--kind', 'audience', small, '--mode', 'replace').status).toBe(0);
    }
    // Some kills landed before the commit (nothing written): the test did interrupt imports.
    expect(seen.has(1_000)).toBe(true);
  }, 240_000);
});
