// npm run bench: Tandem's figures, each beside a peer's (or the target) measured in the
// same run, as a ratio. Medians of several runs; the machine is noisy (about ±30%).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatasetsRepo } from '../src/main/db/datasetsRepo';
import { openLibrary } from '../src/main/db/library';
import { generateDemo } from '../src/main/demo/generate';
import { writeDemo } from '../src/main/demo/write';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows: { figure: string; tandem: string; peer: string; ratio: string; note: string }[] = [];

// 1. The JavaScript the first screen loads: the entry script and what it imports statically
//    (the modulepreload links); pages are lazy chunks and not counted.
{
  const dir = 'out/renderer';
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const bytes = files.reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0);
  const target = 1024 * 1024;
  rows.push({ figure: 'first-screen JS (minified)', tandem: `${(bytes / 1024).toFixed(0)} KiB`, peer: '1024 KiB (target)', ratio: (bytes / target).toFixed(2), note: files.join(', ') });
}

// 2. Generating and writing the demo project (20k users, 200k interactions…) in one transaction.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-'));
{
  const gen: number[] = [];
  const write: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    const demo = generateDemo(1000 + i);
    gen.push(performance.now() - t);
    const lib = openLibrary(path.join(tmp, `gen-${i}`));
    t = performance.now();
    writeDemo(lib.db, demo, new Date());
    write.push(performance.now() - t);
    lib.close();
  }
  rows.push({ figure: 'demo generation (ms)', tandem: median(gen).toFixed(0), peer: '-', ratio: '-', note: 'no peer: deterministic generator' });

  // Peer: Python's sqlite3 executemany inserting the same interactions (Debian's python3).
  const demo = generateDemo(1000);
  const csv = path.join(tmp, 'interactions.tsv');
  fs.writeFileSync(csv, demo.interactions.map((r) => [r.userId, r.itemId, r.event, r.weight, r.ts].join('\t')).join('\n'));
  const py = `
import sqlite3, sys, time, statistics
rows = [l.rstrip('\\n').split('\\t') for l in open(sys.argv[1], encoding='utf-8')]
rows = [(1, u, i, e, float(w), ts) for u, i, e, w, ts in rows]
times = []
for run in range(${RUNS}):
    db = sqlite3.connect(sys.argv[2] + f'/py-{run}.sqlite')
    db.execute('PRAGMA journal_mode=WAL'); db.execute('PRAGMA synchronous=NORMAL')
    db.execute('CREATE TABLE interactions (project_id INTEGER NOT NULL, user_id TEXT NOT NULL, item_id TEXT NOT NULL, event TEXT NOT NULL, weight REAL NOT NULL, ts TEXT) STRICT')
    db.execute('CREATE INDEX interactions_project_user ON interactions(project_id, user_id)')
    t = time.perf_counter()
    with db:
        db.executemany('INSERT INTO interactions VALUES (?,?,?,?,?,?)', rows)
    times.append((time.perf_counter() - t) * 1000)
    db.close()
print(statistics.median(times))
`;
  const peer = spawnSync('/usr/bin/python3', ['-c', py, csv, tmp], { encoding: 'utf8' });
  // Tandem: the repository every dataset write goes through (batched INSERTs, one transaction).
  const lib = openLibrary(path.join(tmp, 'ours'));
  const repo = new DatasetsRepo(lib.db);
  const ours: number[] = [];
  lib.db.prepare("INSERT INTO projects (name, kind, created_at, updated_at) VALUES ('bench', 'course', 'now', 'now')").run();
  for (let i = 0; i < RUNS; i++) {
    lib.db.prepare('DELETE FROM interactions').run();
    const t = performance.now();
    lib.db.transaction(() => repo.replace(1, 'interactions', demo.interactions, { source: 'bench', importedAt: 'now' }))();
    ours.push(performance.now() - t);
  }
  lib.close();
  const peerMs = Number(peer.stdout.trim());
  rows.push({
    figure: 'write 200k interactions (ms)',
    tandem: median(ours).toFixed(0),
    peer: peer.status === 0 ? `${peerMs.toFixed(0)} (python3 sqlite3 executemany)` : `unavailable: ${peer.stderr.trim().split('\n').pop()}`,
    ratio: peer.status === 0 ? (median(ours) / peerMs).toFixed(2) : '-',
    note: 'one transaction, same schema and index; ratio < 1 is faster',
  });
  rows.push({ figure: 'write whole demo project (ms)', tandem: median(write).toFixed(0), peer: '-', ratio: '-', note: '6 datasets, ~240k rows, one transaction' });
}
fs.rmSync(tmp, { recursive: true, force: true });

const widths = ['figure', 'tandem', 'peer', 'ratio'].map((k) => Math.max(k.length, ...rows.map((r) => String(r[k as keyof (typeof rows)[0]]).length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
console.log(`Tandem bench (median of ${RUNS} runs, node ${process.version}, ${os.cpus().length} cores)`);
console.log(line(['figure', 'tandem', 'peer', 'ratio', 'note']));
for (const r of rows) console.log(line([r.figure, r.tandem, r.peer, r.ratio, r.note]));
