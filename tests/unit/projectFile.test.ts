import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/main/data/importer';
import { DatasetsRepo } from '../../src/main/db/datasetsRepo';
import { openLibrary } from '../../src/main/db/library';
import { ProjectsRepo } from '../../src/main/db/projectsRepo';
import { exportProject } from '../../src/main/projectFile/exportProject';
import { checkProjectFile, ProjectFileError } from '../../src/main/projectFile/inspect';
import { copyIntoLibrary } from '../../src/main/projectFile/openProject';
import { DATASET_KINDS, DEFAULT_PROJECT_FIELDS } from '../../src/shared/project';
import { audienceToSchema12, dropTablesAfter, sha256, tempDir } from './helpers';
import { contentHash } from '../../src/main/projectFile/contentHash';
import { MANIFEST_TABLE } from '../../src/main/projectFile/manifest';
import { EventWeightsRepo } from '../../src/main/partners/targeting/eventWeights';
import { runSegmentation } from '../../src/main/audience/runSegmentation';
import { RunsRepo } from '../../src/main/audience/runsRepo';

const fixture = (name: string) => path.resolve('tests/fixtures/import', name);

/** A library holding one project with five kinds of data, exported to a `.tandem` file. */
function exportedProject() {
  const dir = tempDir();
  const lib = openLibrary(path.join(dir, 'lib'));
  const projectId = new ProjectsRepo(lib.db).insert({ ...DEFAULT_PROJECT_FIELDS, name: '联名 pitch', tags: ['国潮'] }, '2026-11-23T00:00:00.000Z');
  for (const [kind, file] of [['audience', 'audience-zh.csv'], ['catalog', 'catalog.csv'], ['partners', 'partners.tsv'], ['campaigns', 'campaigns.csv'], ['actuals', 'actuals.csv'], ['experiments', 'experiments.csv']] as const) {
    importFile(lib.db, { projectId, kind, file: fixture(file) });
  }
  const file = path.join(dir, 'pitch.tandem');
  exportProject(lib.db, projectId, file);
  return { dir, lib, projectId, file };
}

function libraryDigest(dataDir: string): string {
  return ['library.sqlite', 'library.sqlite-wal']
    .map((f) => path.join(dataDir, f))
    .map((f) => (fs.existsSync(f) ? sha256(f) : '-'))
    .join('/');
}

function refusal(file: string, scratch: string): string {
  try {
    checkProjectFile(file, scratch).dispose();
    return 'accepted';
  } catch (e) {
    if (e instanceof ProjectFileError) return e.problem;
    throw e;
  }
}

describe('.tandem project files', () => {
  it('export then open: as new (refused while the project is there), as a copy, or replacing it', () => {
    const { dir, lib, projectId, file } = exportedProject();
    const manifest = checkProjectFile(file, path.join(dir, 'scratch'));
    expect(manifest.manifest).toMatchObject({ format: 'tandem-project', formatVersion: 1, projectName: '联名 pitch' });
    const repo = new DatasetsRepo(lib.db);
    const content = (id: number) => Object.fromEntries(DATASET_KINDS.map((k) => [k, repo.page(id, k, 0, 100)]));

    expect(() => copyIntoLibrary(lib.db, manifest, 'new')).toThrowError(/already holds this project/);
    const copy = copyIntoLibrary(lib.db, manifest, 'copy', { copySuffix: '（副本）' });
    const projects = new ProjectsRepo(lib.db);
    expect(projects.get(copy.projectId)!.name).toBe('联名 pitch（副本）');
    expect(projects.uid(copy.projectId)).not.toBe(projects.uid(projectId));
    expect(content(copy.projectId)).toEqual(content(projectId));

    const replaced = copyIntoLibrary(lib.db, manifest, 'replace');
    expect(replaced.replaced).toBe(projectId);
    expect(projects.get(projectId)!.deletedAt).not.toBeNull();
    expect(projects.get(replaced.projectId)!.datasets).toEqual(projects.get(projectId)!.datasets);
    manifest.dispose();
    expect(fs.readdirSync(path.join(dir, 'scratch'))).toEqual([]);
  });

  it('files from the Tandem before event weights (schema 10), lift tests (11), column chunks (12) and overlap deals (13) open, migrated, with the default weights, no lift tests, every audience value and the same segment labels', async () => {
    const { dir, lib, projectId } = exportedProject();
    const run = await runSegmentation(lib.db, projectId, { k: 2, engine: 'js', seed: 3 });
    const labels = [...new RunsRepo(lib.db).assignments(run.id)];
    expect(labels.length).toBeGreaterThan(1);
    const file = path.join(dir, 'with-run.tandem');
    exportProject(lib.db, projectId, file);
    // What schemas 10–13 wrote: the audience one row per user, the tables added since left out,
    // the hash over the tables they had.
    const audience = new DatasetsRepo(lib.db).page(1, 'audience', 0, 100);
    expect(audience.length).toBeGreaterThan(0);
    const added: [number, (db: Database.Database) => void][] = [[11, (db) => db.exec('DROP TABLE targeting_settings')], [12, (db) => db.exec('DROP TABLE experiments')], [13, audienceToSchema12], [14, (db) => dropTablesAfter(db, 13)]];
    for (const schema of [10, 11, 12, 13]) {
      const old = path.join(dir, `old${schema}.tandem`);
      fs.copyFileSync(file, old);
      const db = new Database(old);
      for (const [version, change] of added) if (version > schema) change(db);
      db.pragma(`user_version = ${schema}`);
      db.prepare(`UPDATE ${MANIFEST_TABLE} SET value = ? WHERE key = 'schemaVersion'`).run(String(schema));
      db.prepare(`UPDATE ${MANIFEST_TABLE} SET value = ? WHERE key = 'contentSha256'`).run(contentHash(db));
      db.pragma('journal_mode = DELETE');
      db.close();
      const checked = checkProjectFile(old, path.join(dir, `scratch${schema}`));
      const copy = copyIntoLibrary(lib.db, checked, 'copy', { copySuffix: ` (${schema})` });
      checked.dispose();
      expect(new EventWeightsRepo(lib.db).weights(copy.projectId).purchase).toBe(5);
      expect(new DatasetsRepo(lib.db).count(copy.projectId, 'experiments')).toBe(schema < 12 ? 0 : 2);
      // Every user and value comes through the move to column chunks, and the run's labels with them.
      expect(new DatasetsRepo(lib.db).page(copy.projectId, 'audience', 0, 100)).toEqual(audience);
      const copied = new RunsRepo(lib.db).chosen(copy.projectId)!;
      expect([...new RunsRepo(lib.db).assignments(copied.id)]).toEqual(labels);
    }
    // A schema-12 file without a table of its schema is not what Tandem writes: refused.
    const broken = path.join(dir, 'broken.tandem');
    fs.copyFileSync(file, broken);
    const b = new Database(broken);
    b.exec('DROP TABLE experiments');
    b.prepare(`UPDATE ${MANIFEST_TABLE} SET value = ? WHERE key = 'contentSha256'`).run(contentHash(b));
    b.pragma('journal_mode = DELETE');
    b.close();
    expect(refusal(broken, path.join(dir, 'scratch2'))).toBe('tampered');
  });

  it('refuses damaged, truncated, tampered, hostile and newer files, saying which, and never touches the library', () => {
    const { dir, lib, file } = exportedProject();
    const scratch = path.join(dir, 'scratch');
    lib.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = libraryDigest(path.join(dir, 'lib'));
    const variant = (name: string, change: (db: Database.Database) => void) => {
      const out = path.join(dir, name);
      fs.copyFileSync(file, out);
      const db = new Database(out);
      change(db);
      db.close();
      return out;
    };
    const truncated = path.join(dir, 'truncated.tandem');
    fs.writeFileSync(truncated, fs.readFileSync(file).subarray(0, Math.floor(fs.statSync(file).size / 2)));
    const noise = path.join(dir, 'noise.tandem');
    fs.writeFileSync(noise, Buffer.from('user_id,spend\nu1,5\n'.repeat(100)));
    const damaged = path.join(dir, 'damaged.tandem');
    const bytes = fs.readFileSync(file);
    for (let i = 4096 + 100; i < bytes.length; i += 997) bytes[i] ^= 0x5a;
    fs.writeFileSync(damaged, bytes);

    const cases: [string, string][] = [
      [truncated, 'damaged'],
      [noise, 'not_tandem'],
      [damaged, 'damaged'],
      [variant('edited.tandem', (db) => db.exec("UPDATE partners SET fee = 1 WHERE partner_id = 'p1'")), 'tampered'],
      [variant('trigger.tandem', (db) => db.exec('CREATE TRIGGER t AFTER INSERT ON partners BEGIN DELETE FROM partners; END')), 'tampered'],
      [variant('view.tandem', (db) => db.exec('CREATE VIEW v AS SELECT 1')), 'tampered'],
      [variant('extra-table.tandem', (db) => db.exec('CREATE TABLE payload (x)')), 'tampered'],
      [variant('newer.tandem', (db) => db.exec("UPDATE tandem_manifest SET value = '99' WHERE key = 'formatVersion'")), 'newer'],
      [variant('newer-schema.tandem', (db) => db.pragma('user_version = 99')), 'newer'],
      [variant('no-manifest.tandem', (db) => db.exec('DROP TABLE tandem_manifest')), 'not_tandem'],
      [variant('two-projects.tandem', (db) => db.exec("INSERT INTO projects (name, kind, created_at, updated_at, uid) VALUES ('x', 'course', 'a', 'a', 'u')")), 'tampered'],
    ];
    for (const [f, problem] of cases) expect(`${path.basename(f)}: ${refusal(f, scratch)}`).toBe(`${path.basename(f)}: ${problem}`);
    expect(() => checkProjectFile(path.join(dir, 'pitch.tandem'), scratch, { maxBytes: 1000 })).toThrowError(/larger than a project file may be/);
    expect(fs.readdirSync(scratch)).toEqual([]);
    expect(libraryDigest(path.join(dir, 'lib'))).toBe(before);
  });
});
