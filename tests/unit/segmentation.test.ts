import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSegmentation } from '../../src/main/audience/runSegmentation';
import { RunsRepo } from '../../src/main/audience/runsRepo';
import { importFile } from '../../src/main/data/importer';
import { openLibrary } from '../../src/main/db/library';
import { ProjectsRepo } from '../../src/main/db/projectsRepo';
import { generateDemo } from '../../src/main/demo/generate';
import { writeDemo } from '../../src/main/demo/write';
import { DEFAULT_PROJECT_FIELDS } from '../../src/shared/project';
import { exportProject } from '../../src/main/projectFile/exportProject';
import { checkProjectFile } from '../../src/main/projectFile/inspect';
import { copyIntoLibrary } from '../../src/main/projectFile/openProject';
import { tempDir } from './helpers';

function demoLibrary() {
  const lib = openLibrary(tempDir());
  const id = writeDemo(lib.db, generateDemo(20261123), new Date());
  return { lib, id };
}

function audienceProject(csv: string) {
  const dir = tempDir();
  const lib = openLibrary(path.join(dir, 'lib'));
  const id = new ProjectsRepo(lib.db).insert({ ...DEFAULT_PROJECT_FIELDS, name: 'seg' }, new Date().toISOString());
  const file = path.join(dir, 'a.csv');
  fs.writeFileSync(file, csv);
  importFile(lib.db, { projectId: id, kind: 'audience', file });
  return { lib, id };
}

describe('segmentation of the audience', () => {
  it('on the demo: chooses the largest stable k in the useful range, describes personas in both languages with distinct names, keeps the run, repeats with a seed', async () => {
    const { lib, id } = demoLibrary();
    const run = await runSegmentation(lib.db, id, { seed: 4, kMax: 6 });
    expect(run.silhouetteByK.map((s) => s.k)).toEqual([3, 4, 5, 6]);
    // The largest k whose prediction strength reaches 0.8 with no segment under 3% (else the most stable).
    const stable = run.silhouetteByK.filter((s) => s.stability! >= 0.8 && s.smallest! >= 0.03);
    if (stable.length) expect(run).toMatchObject({ k: stable.at(-1)!.k, kRule: 'stable' });
    else expect(run).toMatchObject({ k: run.silhouetteByK.reduce((a, b) => (b.stability! > a.stability! ? b : a)).k, kRule: 'mostStable' });
    expect(run.k).toBeGreaterThanOrEqual(3);
    expect(run.silhouette).toBeGreaterThan(0.1);
    expect(new Set(run.segments.map((s) => s.nameEn)).size).toBe(run.k);
    expect(new Set(run.segments.map((s) => s.nameZh)).size).toBe(run.k);
    expect(run.segments.reduce((n, s) => n + s.size, 0)).toBe(20_000);
    expect(run.segments.every((s) => s.nameEn.length > 0 && /[\u4e00-\u9fff]/.test(s.nameZh))).toBe(true);
    expect(run.features.find((f) => f.name === 'spend')).toMatchObject({ log1p: true });
    expect(run.segments[0].attributes.city_tier.length).toBeGreaterThan(0);
    expect(run.chosen).toBe(true);
    const again = await runSegmentation(lib.db, id, { seed: 4, kMax: 6 });
    expect(again.segments.map((s) => s.size)).toEqual(run.segments.map((s) => s.size));
    expect(again.chosen).toBe(false);
    const repo = new RunsRepo(lib.db);
    expect(repo.list(id).map((r) => r.id)).toEqual([again.id, run.id]);
    expect([...repo.assignments(again.id)]).toEqual([...repo.assignments(run.id)]);
    repo.choose(id, again.id);
    expect(repo.chosen(id)!.id).toBe(again.id);
  });

  it('treats bad input as documented: missing values imputed and counted, constant columns left out, k too large refused, one user', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `u${i},${i % 3 === 0 ? '' : i * 2},7,${i % 2 ? 100 : 1}`);
    const { lib, id } = audienceProject(`user_id,minutes,constant,spend\n${rows.join('\n')}\n`);
    const run = await runSegmentation(lib.db, id, { k: 2, seed: 1 });
    expect(run.features.find((f) => f.name === 'minutes')).toMatchObject({ missing: 20 });
    expect(run.dropped).toEqual([{ name: 'constant', reason: 'constant' }]);
    expect(Number.isFinite(run.inertia) && Number.isFinite(run.silhouette)).toBe(true);
    await expect(runSegmentation(lib.db, id, { k: 61 })).rejects.toThrow(/k \(61\) is larger than the number of users \(60\)/);
    await expect(runSegmentation(lib.db, id, { features: ['city'] })).rejects.toThrow(/no numeric feature "city"/);
    const single = audienceProject('user_id,minutes\nu1,5\n');
    const one = await runSegmentation(single.lib.db, single.id, {});
    expect(one).toMatchObject({ k: 1, segments: [{ size: 1, share: 1 }] });
    const empty = audienceProject('user_id,minutes\nu1,\nu2,\n');
    await expect(runSegmentation(empty.lib.db, empty.id, {})).rejects.toThrow(/no usable numeric feature/);
  });

  it('travels with the project: a run survives export and open as a copy, renumbered, still chosen', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `u${i},${i},${(i * 7) % 13}`);
    const { lib, id } = audienceProject(`user_id,minutes,spend\n${rows.join('\n')}\n`);
    const run = await runSegmentation(lib.db, id, { k: 3, seed: 2 });
    const file = path.join(tempDir(), 'p.tandem');
    exportProject(lib.db, id, file);
    const checked = checkProjectFile(file, tempDir());
    const copy = copyIntoLibrary(lib.db, checked, 'copy');
    checked.dispose();
    const repo = new RunsRepo(lib.db);
    const [copied] = repo.list(copy.projectId);
    expect(copied.id).not.toBe(run.id);
    expect(repo.get(copied.id)).toMatchObject({ chosen: true, k: 3, segments: run.segments });
    expect([...repo.assignments(copied.id)]).toEqual([...repo.assignments(run.id)]);
  });

  it('runs from the built CLI: the JSON of DESIGN §2 and every user in the assignments CSV', () => {
    const dir = tempDir();
    const run = (...args: string[]) => spawnSync(process.execPath, [path.resolve('bin/tandem.mjs'), '--json', '--data-dir', dir, ...args], { encoding: 'utf8' });
    expect(run('demo').status).toBe(0);
    const out = path.join(dir, 'assignments.csv');
    const seg = run('segment', '--project', '1', '--k', '4', '--seed', '2', '--assignments', out);
    expect(seg.status, seg.stderr).toBe(0);
    const result = JSON.parse(seg.stdout);
    expect(Object.keys(result)).toEqual(['k', 'engine', 'iterations', 'inertia', 'silhouette', 'ms', 'segments']);
    expect(result).toMatchObject({ k: 4, engine: 'wasm' });
    expect(Object.keys(result.segments[0])).toEqual(['id', 'name', 'size', 'share', 'distinguishing']);
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split(/\r?\n/);
    expect(lines).toHaveLength(20_001);
    expect(lines[0]).toBe('\ufeffuser_id,segment');
    const engine = run('engine');
    expect(engine.status).toBe(0);
    expect(JSON.parse(engine.stdout).engine).toMatchObject({ default: 'wasm', wasm: { available: true }, onnx: { available: true, using: 'cpu' }, tfjs: { backend: 'wasm' } });
    const bad = run('segment', '--project', '1', '--k', '0');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--k');
  });
});
