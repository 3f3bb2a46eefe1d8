import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/main';
import { tempDir } from './helpers';

async function cli(dataDir: string, ...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['--data-dir', dataDir, ...args], { out: (s) => (out += `${s}\n`), err: (s) => (err += s), interactive: false });
  return { code, out, err, json: () => JSON.parse(out) };
}

describe('the tandem CLI', () => {
  it('creates, shows, lists, trashes and restores projects, printing the documented JSON', async () => {
    const dir = tempDir();
    const created = await cli(dir, '--json', 'project', 'create', '--name', '宋画沙龙', '--kind', 'live', '--tags', '宋画、看展;salon', '--exclude', '博彩,竞品', '--budget', '120,000', '--currency', 'usd');
    expect(created.code).toBe(0);
    const { project } = created.json();
    expect(project).toMatchObject({ id: 1, name: '宋画沙龙', kind: 'live', tags: ['宋画', '看展', 'salon'], exclusions: ['博彩', '竞品'], budget: 120000, currency: 'USD', status: 'draft', datasets: [] });
    for (const key of ['productTitle', 'description', 'startDate', 'endDate']) expect(project).toHaveProperty(key);

    expect((await cli(dir, '--json', 'project', 'show', '1')).json().project.name).toBe('宋画沙龙');
    expect((await cli(dir, '--json', 'project', 'status', '1', 'review')).json().project.status).toBe('review');
    expect((await cli(dir, 'project', 'delete', '1')).code).toBe(0);
    expect((await cli(dir, '--json', 'project', 'list')).json()).toEqual({ projects: [] });
    expect((await cli(dir, '--json', 'project', 'list', '--trash')).json().projects).toHaveLength(1);
    expect((await cli(dir, '--json', 'project', 'restore', '1')).json().project.deletedAt).toBeNull();
    expect((await cli(dir, 'project', 'list')).out).toContain('宋画沙龙');
  });

  it('refuses bad input on stderr with exit code 2 and changes nothing', async () => {
    const dir = tempDir();
    await cli(dir, 'project', 'create', '--name', 'Keep');
    const cases = [
      ['project', 'create', '--name', 'X', '--budget', '-5'],
      ['project', 'create', '--name', 'X', '--budget', 'lots'],
      ['project', 'create', '--name', '   '],
      ['project', 'create', '--name', 'X', '--start', '2027-05-01', '--end', '2027-04-01'],
      ['project', 'create', '--name', 'X', '--kind', 'podcast'],
      ['project', 'create', '--name', 'X', '--colour', 'red'],
      ['project', 'show', 'abc'],
      ['project', 'show', '99'],
      ['project', 'status', '1', 'famous'],
      ['frobnicate'],
    ];
    for (const args of cases) {
      const r = await cli(dir, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(/^tandem: /);
      expect(r.out).toBe('');
    }
    const negative = await cli(dir, 'project', 'create', '--name', 'X', '--budget', '-5');
    expect(negative.err).toContain('--budget: Must be zero or more.');
    const timeline = await cli(dir, 'project', 'create', '--name', 'X', '--start', '2027-05-01', '--end', '2027-04-01');
    expect(timeline.err).toContain('--end: The end date is before the start date.');
    expect((await cli(dir, '--json', 'project', 'list')).json().projects.map((p: { name: string }) => p.name)).toEqual(['Keep']);
  });

  it('asks before emptying the trash (exit 3 without --yes)', async () => {
    const dir = tempDir();
    await cli(dir, 'project', 'create', '--name', 'Old');
    await cli(dir, 'project', 'delete', '1');
    expect((await cli(dir, 'project', 'empty-trash')).code).toBe(3);
    expect((await cli(dir, '--json', 'project', 'list', '--trash')).json().projects).toHaveLength(1);
    expect((await cli(dir, '--json', 'project', 'empty-trash', '--yes')).json()).toEqual({ deleted: 1 });
  });

  it('says when the library cannot be used (exit 1), leaving it as it is', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'library.sqlite'), Buffer.alloc(4096, 9));
    const r = await cli(dir, 'project', 'list');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/damaged/);
    expect(fs.readFileSync(path.join(dir, 'library.sqlite')).equals(Buffer.alloc(4096, 9))).toBe(true);
  });

  it('runs as the built bin/tandem.mjs: demo, then project list shows the datasets', () => {
    const bin = path.resolve('bin/tandem.mjs');
    expect(fs.existsSync(path.resolve('out/main/cli.js')), 'run `npm run build` before the unit tests').toBe(true);
    const dir = tempDir();
    const demo = spawnSync(process.execPath, [bin, '--json', '--data-dir', dir, 'demo'], { encoding: 'utf8' });
    expect(demo.status, demo.stderr).toBe(0);
    const { project } = JSON.parse(demo.stdout);
    expect(project.kind).toBe('audio');
    const list = spawnSync(process.execPath, [bin, '--data-dir', dir, '--json', 'project', 'list'], { encoding: 'utf8' });
    expect(list.status).toBe(0);
    const { projects } = JSON.parse(list.stdout);
    expect(projects).toHaveLength(1);
    expect(Object.fromEntries(projects[0].datasets.map((d: { kind: string; rows: number }) => [d.kind, d.rows]))).toMatchObject({
      audience: 20000, catalog: 300, interactions: 200000, partners: 120, campaigns: 156,
    });
    const bad = spawnSync(process.execPath, [bin, '--data-dir', dir, 'project', 'create', '--name', 'X', '--budget', '-1'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--budget');
  });

  it('imports, exports and opens through the built bin: the JSON shapes and exit codes of DESIGN §2', () => {
    const bin = path.resolve('bin/tandem.mjs');
    const dir = tempDir();
    const run = (...args: string[]) => spawnSync(process.execPath, [bin, '--json', '--data-dir', path.join(dir, 'd'), ...args], { encoding: 'utf8' });
    expect(run('project', 'create', '--name', 'P').status).toBe(0);
    const catalog = path.resolve('tests/fixtures/import/catalog.csv');
    const strict = run('import', '--project', '1', '--kind', 'catalog', catalog, '--strict');
    expect(strict.status).toBe(3);
    expect(JSON.parse(run('project', 'show', '1').stdout).project.datasets).toEqual([]);
    const ok = run('import', '--project', '1', '--kind', 'catalog', catalog, '--map', '简介=extra.blurb');
    expect(ok.status, ok.stderr).toBe(0);
    const result = JSON.parse(ok.stdout);
    expect(Object.keys(result)).toEqual(['rowsRead', 'rowsImported', 'rejected', 'ms']);
    expect(result).toMatchObject({ rowsRead: 4, rowsImported: 2 });
    expect(result.rejected[0]).toEqual({ row: 4, column: '标题', value: '', reason: 'title is required' });
    const again = run('import', '--project', '1', '--kind', 'catalog', catalog);
    expect(again.status).toBe(3);
    expect(again.stderr).toMatch(/replace them or append/);
    expect(run('import', '--project', '1', '--kind', 'nope', catalog).status).toBe(2);
    expect(run('import', '--project', '1', '--kind', 'partners', path.join(dir, 'missing.csv')).status).toBe(2);

    const xlsx = path.join(dir, 'catalog.xlsx');
    expect(run('dataset', 'export', '--project', '1', '--kind', 'catalog', '--out', xlsx).status).toBe(0);
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    const file = path.join(dir, 'p.tandem');
    expect(run('export', '--project', '1', '--out', file).status).toBe(0);
    const copy = run('open', file, '--as-copy');
    expect(copy.status, copy.stderr).toBe(0);
    expect(JSON.parse(copy.stdout).project).toMatchObject({ id: 2, name: 'P (copy)', datasets: [{ kind: 'catalog', rows: 2 }] });
    fs.appendFileSync(file, Buffer.from('junk'));
    const damaged = run('open', file);
    expect(damaged.status).toBe(2);
    expect(damaged.stderr).toMatch(/p\.tandem/);
  });
});
