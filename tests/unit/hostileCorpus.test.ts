import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/main/projectFile/contentHash';
import { type CorpusCase, writeCorpus } from '../corpus/craft';

/**
 * Every crafted file of the corpus (tests/corpus/craft.ts) through the built CLI, as a
 * strategist's machine would meet it: each ends within 30 s and 1.5 GB, exits 0, 2 or 3 with
 * a located message, leaves the library intact, and changes nothing when it is refused.
 * Peak memory is read by GNU time (the `time` package, installed by .ci/run).
 */
const TIME = '/usr/bin/time';
const LIMIT_S = 30;
const LIMIT_KB = 1.5 * 1024 * 1024;

let work = '';
let dataDir = '';
let cases: CorpusCase[] = [];
let itemId = '';

function cli(...args: string[]) {
  const r = spawnSync(TIME, ['-f', '\nTANDEM-TIME %e %M', process.execPath, path.resolve('bin/tandem.mjs'), '--data-dir', dataDir, ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
  const m = /TANDEM-TIME ([\d.]+) (\d+)\s*$/.exec(r.stderr);
  return { status: r.status, output: `${r.stdout}\n${r.stderr.replace(/\nTANDEM-TIME .*\s*$/, '')}`, seconds: m ? Number(m[1]) : Infinity, peakKb: m ? Number(m[2]) : Infinity };
}

/** The library's state: its project tables' content hash and whether SQLite finds it whole. */
function library(): { hash: string; check: string; projects: number } {
  const db = new Database(path.join(dataDir, 'library.sqlite'), { readonly: true });
  try {
    return { hash: contentHash(db), check: String(db.pragma('integrity_check', { simple: true })), projects: db.prepare('SELECT count(*) FROM projects').pluck().get() as number };
  } finally {
    db.close();
  }
}

beforeAll(() => {
  expect(fs.existsSync(TIME), `${TIME} (Debian's time package) measures peak memory; .ci/run installs it`).toBe(true);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-corpus-'));
  dataDir = path.join(work, 'lib');
  expect(cli('project', 'create', '--name', 'Corpus').status).toBe(0);
  expect(cli('import', '--project', '1', '--kind', 'catalog', path.resolve('tests/fixtures/import/catalog.csv')).status).toBe(0);
  expect(cli('import', '--project', '1', '--kind', 'audience', path.resolve('tests/fixtures/import/audience-zh.csv')).status).toBe(0);
  const base = path.join(work, 'base.tandem');
  expect(cli('export', '--project', '1', '--out', base).status).toBe(0);
  const items = JSON.parse(cli('--json', 'checklist', '--project', '1').output.trim().split('\n')[0]) as { items: { id: string }[] };
  itemId = items.items[0].id;
  cases = writeCorpus(path.join(work, 'corpus'), base);
}, 600_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

function argsOf(c: CorpusCase): string[] {
  if (c.via === 'import') return ['import', '--project', '1', '--kind', c.kind!, c.file, '--mode', 'replace'];
  if (c.via === 'open') return ['open', c.file];
  return ['checklist', 'set', '--project', '1', '--item', itemId, '--evidence', c.file];
}

describe('the hostile-file corpus', () => {
  it('every file ends within 30 s and 1.5 GB, with an allowed exit code, a located message, the library intact and unchanged when refused', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    const failures: string[] = [];
    const report: { file: string; via: string; exit: number | null; seconds: number; peakMb: number; said: string }[] = [];
    for (const c of cases) {
      const before = library();
      const r = cli(...argsOf(c));
      const after = library();
      const problems = [
        !c.exit.includes(r.status ?? -1) && `exit ${r.status}, expected ${c.exit.join(' or ')}`,
        r.seconds > LIMIT_S && `${r.seconds} s`,
        r.peakKb > LIMIT_KB && `${Math.round(r.peakKb / 1024)} MB peak`,
        !c.says.test(r.output) && `said ${JSON.stringify(r.output.trim().slice(0, 300))}, expected ${c.says}`,
        after.check !== 'ok' && `library check: ${after.check}`,
        r.status !== 0 && after.hash !== before.hash && 'the refusal changed the library',
        after.projects !== before.projects && 'a project appeared',
      ].filter(Boolean);
      if (problems.length) failures.push(`${c.name}: ${problems.join('; ')}`);
      report.push({ file: c.name, via: c.via, exit: r.status, seconds: r.seconds, peakMb: Math.round(r.peakKb / 1024), said: r.output.trim().split('\n').slice(-2).join(' ').slice(0, 200) });
    }
    // What each file cost, for the figures and a look after a red run.
    fs.mkdirSync('reports', { recursive: true });
    fs.writeFileSync('reports/hostile-corpus.json', JSON.stringify(report, null, 1));
    expect(failures).toEqual([]);
  }, 1_800_000);
});
