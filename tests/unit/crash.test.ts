import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { audienceToSchema12, dropTablesAfter, tempDir } from './helpers';

const bin = path.resolve('bin/tandem.mjs');

function writeAudience(file: string, rows: number, tag: string): void {
  let text = 'user_id,minutes,spend,city_tier\n';
  for (let i = 0; i < rows; i++) text += `${tag}${i},${i % 500},${(i * 7) % 1000}.5,${['一线', '二线', '三线'][i % 3]}\n`;
  fs.writeFileSync(file, text);
}

/** A library with one project holding a 1,000-user audience, and the 150,000-user file whose import gets killed. */
function crashWorld() {
  const dir = tempDir();
  const data = path.join(dir, 'data');
  const cli = (...args: string[]) => spawnSync(process.execPath, [bin, '--data-dir', data, '--json', ...args], { encoding: 'utf8' });
  expect(cli('project', 'create', '--name', 'crash').status).toBe(0);
  const small = path.join(dir, 'small.csv');
  const big = path.join(dir, 'big.csv');
  writeAudience(small, 1_000, 's');
  writeAudience(big, 150_000, 'b');
  expect(cli('import', '--project', '1', '--kind', 'audience', small).status).toBe(0);
  return { data, cli, small, big };
}

/** After a kill: the library passes SQLite's check and holds the audience whole, old or new; its row count. */
function audienceAfterKill(data: string): number {
  const db = new Database(path.join(data, 'library.sqlite'));
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = db.prepare("SELECT coalesce(sum(rows), 0) FROM audience_chunks WHERE project_id = 1 AND field = 'id'").pluck().get() as number;
    const recorded = db.prepare("SELECT rows FROM datasets WHERE project_id = 1 AND kind = 'audience'").pluck().get() as number;
    expect([1_000, 150_000]).toContain(rows);
    expect(recorded).toBe(rows);
    return rows;
  } finally {
    db.close();
  }
}

describe('a crash in the middle of an import', () => {
  it('killed with SIGKILL at 24 random moments: the library stays intact and holds none or all of the import', async () => {
    const { data, cli, small, big } = crashWorld();

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
      seen.add(audienceAfterKill(data));
      // Put the small import back so the next kill can again land mid-import.
      if (seen.has(150_000)) expect(cli('import', '--project', '1', '--kind', 'audience', small, '--mode', 'replace').status).toBe(0);
    }
    // Some kills landed before the commit (nothing written): the test did interrupt imports.
    expect(seen.has(1_000)).toBe(true);
  }, 240_000);

  it('killed while the import writes its pages (triggered by the WAL changing, so kills land inside the commit): intact, none or all', async () => {
    const { data, cli, small, big } = crashWorld();
    const wal = path.join(data, 'library.sqlite-wal');
    /**
     * Whether the WAL's current generation holds at least `n` frames: frame n's salts match the
     * header's (SQLite writes the header anew when it restarts the WAL, so stale frames from an
     * earlier generation do not count). Opening the library writes a few frames; the import's
     * transaction writes thousands, so this fires while its pages, and then its commit, go out.
     */
    const framesAtLeast = (n: number) => {
      let fd: number;
      try {
        fd = fs.openSync(wal, 'r');
      } catch {
        return false;
      }
      try {
        const head = Buffer.alloc(32);
        if (fs.readSync(fd, head, 0, 32, 0) < 32) return false;
        const pageSize = head.readUInt32BE(8);
        const frame = Buffer.alloc(24);
        if (fs.readSync(fd, frame, 0, 24, 32 + (n - 1) * (24 + pageSize)) < 24) return false;
        return frame.readUInt32BE(8) === head.readUInt32BE(16) && frame.readUInt32BE(12) === head.readUInt32BE(20);
      } finally {
        fs.closeSync(fd);
      }
    };
    const args = [bin, '--data-dir', data, '--json', 'import', '--project', '1', '--kind', 'audience', big, '--mode', 'replace'];
    /** Starts the import and resolves once the WAL holds 500 frames of this generation (the transaction's pages going out). */
    const startWatched = async () => {
      const started = performance.now();
      const child = spawn(process.execPath, args, { stdio: 'ignore' });
      let ended = false;
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve(void (ended = true))));
      // A checkpoint restarts the WAL only when the next transaction begins: wait for the generation to turn over first.
      const salt = () => {
        try {
          const b = Buffer.alloc(8);
          const fd = fs.openSync(wal, 'r');
          fs.readSync(fd, b, 0, 8, 16);
          fs.closeSync(fd);
          return b.toString('hex');
        } catch {
          return '';
        }
      };
      const before = salt();
      while (!ended && (salt() === before || !framesAtLeast(500))) await new Promise((resolve) => setImmediate(resolve));
      return { child, exited, ended: () => ended, walAt: performance.now() - started };
    };

    // Calibration: how long the writing lasts, from the 500th frame to the process's end.
    const calibration = await startWatched();
    const changedAt = performance.now();
    await calibration.exited;
    const writing = performance.now() - changedAt;
    expect(cli('import', '--project', '1', '--kind', 'audience', small, '--mode', 'replace').status).toBe(0);

    const outcomes: number[] = [];
    let insideWrite = 0;
    for (let i = 0; i < 16; i++) {
      const run = await startWatched();
      // Spread over the writing: early ones land among spilled pages, late ones in the commit itself.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * writing));
      if (!run.ended()) insideWrite++;
      run.child.kill('SIGKILL');
      await run.exited;
      outcomes.push(audienceAfterKill(data));
      if (outcomes.at(-1) === 150_000) expect(cli('import', '--project', '1', '--kind', 'audience', small, '--mode', 'replace').status).toBe(0);
    }
    // The kills did land while pages were being written, not only before or after.
    expect(insideWrite).toBeGreaterThanOrEqual(8);
  }, 300_000);

  it('killed while the library moves its audience to column chunks (migration 13): schema 12 as it was, or schema 13 holding every user', async () => {
    const { data, cli, big } = crashWorld();
    expect(cli('import', '--project', '1', '--kind', 'audience', big, '--mode', 'replace').status).toBe(0);
    const file = path.join(data, 'library.sqlite');
    // The library as Tandem before column chunks left it, kept aside to start every kill from.
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    audienceToSchema12(db);
    dropTablesAfter(db, 12);
    db.pragma('user_version = 12');
    const oldIds = db.prepare('SELECT user_id FROM audience_users WHERE project_id = 1 ORDER BY user_id').pluck().all() as string[];
    db.pragma('journal_mode = DELETE');
    db.close();
    const pristine = path.join(path.dirname(data), 'schema12.sqlite');
    fs.copyFileSync(file, pristine);
    const reset = () => {
      for (const f of fs.readdirSync(data)) if (f.startsWith('library.sqlite')) fs.rmSync(path.join(data, f));
      fs.copyFileSync(pristine, file);
    };
    const t0 = performance.now();
    const first = cli('project', 'list');
    expect(first.status, first.stderr).toBe(0);
    const full = performance.now() - t0;
    const seen = new Set<number>();
    for (let i = 0; i < 10; i++) {
      reset();
      const child = spawn(process.execPath, [bin, '--data-dir', data, '--json', 'project', 'list'], { stdio: 'ignore' });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, 30 + Math.random() * full));
      child.kill('SIGKILL');
      await exited;
      const after = new Database(file);
      try {
        expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
        const version = after.pragma('user_version', { simple: true }) as number;
        seen.add(version);
        if (version === 12) expect(after.prepare('SELECT count(*) FROM audience_users').pluck().get()).toBe(150_000);
        else {
          expect(version).toBeGreaterThanOrEqual(13);
          const rows = after.prepare("SELECT sum(rows) FROM audience_chunks WHERE field = 'id'").pluck().get();
          expect(rows).toBe(150_000);
        }
      } finally {
        after.close();
      }
    }
    // Migrated to the end once more: the users in the order the old layout read them.
    reset();
    expect(cli('project', 'list').status).toBe(0);
    const migrated = new Database(file, { readonly: true });
    const ids: string[] = [];
    for (const chunk of migrated.prepare("SELECT data FROM audience_chunks WHERE field = 'id' ORDER BY chunk").pluck().all() as Buffer[]) ids.push(...(JSON.parse(chunk.toString('utf8')) as string[]));
    migrated.close();
    expect(ids).toEqual(oldIds);
    // Some kills landed before the commit: the migration was interrupted, not only waited for.
    expect(seen.has(12)).toBe(true);
  }, 240_000);
});
