import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BACKUPS_KEPT, backupIfDue, listBackups, takeBackup } from '../../src/main/db/backup';
import { RunsRepo } from '../../src/main/audience/runsRepo';
import { CHUNK_ROWS } from '../../src/main/db/audienceChunks';
import { AudienceStore } from '../../src/main/db/audienceStore';
import { DatasetsRepo } from '../../src/main/db/datasetsRepo';
import { LibraryError, libraryPaths, openLibrary } from '../../src/main/db/library';
import { type Migration, MIGRATIONS, migrate, SCHEMA_VERSION, SchemaTooNewError, schemaVersion } from '../../src/main/db/migrate';
import { sha256, tempDir } from './helpers';

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  it('bring an empty database to the newest schema, and running again changes nothing', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual({ from: 0, to: SCHEMA_VERSION });
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(tables(db)).toEqual(expect.arrayContaining(['projects', 'datasets', 'audience_chunks', 'interactions', 'partners', 'campaign_periods', 'settings']));
    expect(migrate(db)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
  });

  it('apply all pending migrations in one transaction: a failure leaves the database as it was', () => {
    const db = new Database(':memory:');
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: SCHEMA_VERSION + 1, name: 'adds a table', up: (d) => d.exec('CREATE TABLE extra (x INTEGER)') },
      { version: SCHEMA_VERSION + 2, name: 'fails', up: (d) => d.exec('ALTER TABLE nowhere ADD COLUMN y') },
    ];
    expect(() => migrate(db, broken)).toThrow(/nowhere/);
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
  });

  it('refuse a database newer than the app without writing to it', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    expect(() => migrate(db)).toThrow(SchemaTooNewError);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION + 5);
  });

  it('keep the schema that released migrations produce (migrations only add)', () => {
    const db = new Database(':memory:');
    migrate(db);
    const schema = (db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { sql: string }[])
      .map((r) => ({ ...r, sql: r.sql.replace(/\s+/g, ' ') }));
    expect(schema).toMatchSnapshot();
  });

  it('002 moves an audience stored as keyed JSON (schema 1) to float64 features and attribute arrays, losing nothing', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    db.exec(`INSERT INTO projects (name, kind, created_at, updated_at) VALUES ('p', 'audio', 'a', 'a');
      INSERT INTO datasets (project_id, kind, rows, source, imported_at) VALUES (1, 'audience', 2, 'demo', 'a');
      INSERT INTO audience_users VALUES (1, 'u1', '{"minutes": 12.5, "spend": 3}', '{"city": "一线"}'),
                                        (1, 'u2', '{"spend": 0}', '{"city": "二线", "age": "18-24"}');`);
    migrate(db, MIGRATIONS.slice(0, 12));
    expect(db.prepare('SELECT typeof(features) FROM audience_users LIMIT 1').pluck().get()).toBe('blob');
    migrate(db);
    const rows = new DatasetsRepo(db).page(1, 'audience', 0, 10);
    expect(rows).toEqual([
      { userId: 'u1', features: { minutes: 12.5, spend: 3 }, attributes: { city: '一线' } },
      { userId: 'u2', features: { spend: 0 }, attributes: { city: '二线', age: '18-24' } },
    ]);
    expect(db.prepare('SELECT uid FROM projects').pluck().get()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('013 moves a row-per-user audience to column chunks: every value bit for bit, users in the order old segment runs label them', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 12));
    db.exec("INSERT INTO projects (name, kind, created_at, updated_at) VALUES ('p', 'audio', 'a', 'a')");
    const layout = { features: ['minutes', 'spend', 'odd'], attributes: ['city', 'note'] };
    const n = CHUNK_ROWS + 4_321;
    db.prepare("INSERT INTO datasets (project_id, kind, rows, source, imported_at, layout) VALUES (1, 'audience', ?, 'old', 'a', ?)").run(n, JSON.stringify(layout));
    const specials = [0, -0, 5e-324, 1.7976931348623157e308, -2.5, Number.NaN, 1 / 3];
    const user = (i: number) => ({
      id: `u${(i * 7919) % n}`,
      features: [i % 11 === 0 ? Number.NaN : i / 4, specials[i % specials.length], (i * 37) % 101],
      // A short blob (an older row missing the last feature) reads as missing there.
      short: i % 97 === 0,
      texts: [['一线', '二线', null][i % 3], i % 5 === 0 ? `第${i}条 "引号"` : null],
    });
    const insert = db.prepare('INSERT INTO audience_users (project_id, user_id, features, attributes) VALUES (1, ?, ?, ?)');
    const expected = new Map<string, ReturnType<typeof user>>();
    for (let i = 0; i < n; i++) {
      const u = user(i);
      expected.set(u.id, u);
      const blob = Buffer.from(Float64Array.from(u.short ? u.features.slice(0, 2) : u.features).buffer);
      insert.run(u.id, blob, JSON.stringify(u.texts));
    }
    // A run stored before: labels in user_id order (the old layout's read order).
    const sorted = [...expected.keys()].sort();
    const labels = Int32Array.from(sorted, (id) => Number(id.slice(1)) % 4);
    db.prepare("INSERT INTO segment_runs (project_id, created_at, name, settings, engine, metrics, segments, users, assignments, chosen) VALUES (1, 'a', 'old', '{}', 'js', '{}', '[]', ?, ?, 1)").run(n, Buffer.from(labels.buffer));

    migrate(db);
    const repo = new DatasetsRepo(db);
    expect(tables(db)).not.toContain('audience_users');
    expect(repo.count(1, 'audience')).toBe(n);
    expect(db.prepare("SELECT count(*) FROM audience_chunks WHERE field = 'id'").pluck().get()).toBe(2);
    const columns = repo.audienceColumns(1, true);
    expect(columns.userIds).toEqual(sorted);
    columns.userIds.forEach((id, i) => {
      const u = expected.get(id)!;
      u.features.forEach((v, j) => expect(Object.is(columns.features[j][i], u.short && j === 2 ? Number.NaN : v), `${id} ${layout.features[j]}`).toBe(true));
      expect(columns.attributes.map(({ codes, values }) => (codes[i] >= 0 ? values[codes[i]] : null))).toEqual(u.texts);
    });
    // The old run's labels, now in chunks, still belong to the same users.
    expect(db.prepare('SELECT count(*) FROM segment_labels').pluck().get()).toBe(2);
    const stored = new RunsRepo(db).assignments(1);
    expect(Buffer.compare(Buffer.from(stored.buffer), Buffer.from(labels.buffer))).toBe(0);
    expect(new AudienceStore(db).ids(1).map((id) => Number(id.slice(1)) % 4)).toEqual([...labels]);
  });

  it('use the indexes that keep per-project reads fast', () => {
    const db = new Database(':memory:');
    migrate(db);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT * FROM interactions WHERE project_id = 1 AND user_id = 'u1'")).toMatch(/USING INDEX interactions_project_user/);
    expect(plan("SELECT data FROM audience_chunks WHERE project_id = 1 AND field = 'feature' AND position = 3")).toMatch(/USING INDEX sqlite_autoindex_audience_chunks_1/);
    expect(plan('SELECT * FROM campaign_periods WHERE project_id = 1 ORDER BY period')).toMatch(/campaign_periods_project/);
  });
});

describe('the library file', () => {
  it('is created with WAL and foreign keys on', () => {
    const dir = tempDir();
    const lib = openLibrary(dir);
    expect(lib.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(lib.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(lib.migrated).toEqual({ from: 0, to: SCHEMA_VERSION });
    lib.close();
  });

  it('newer than the app is refused with a clear message, left byte for byte as it was', () => {
    const dir = tempDir();
    openLibrary(dir).close();
    const { file } = libraryPaths(dir);
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = sha256(file);
    let error: unknown;
    try {
      openLibrary(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LibraryError);
    expect((error as LibraryError).kind).toBe('too_new');
    expect((error as LibraryError).message).toMatch(/newer Tandem/);
    expect((error as LibraryError).message).toContain('backup');
    expect(sha256(file)).toBe(before);
  });

  it('damaged is refused, never overwritten, and the message says where the backup is', () => {
    const dir = tempDir();
    const lib = openLibrary(dir);
    const backup = takeBackup(lib.db, libraryPaths(dir).backupDir, new Date('2026-11-20T10:00:00Z'));
    lib.close();
    const { file } = libraryPaths(dir);
    fs.writeFileSync(file, Buffer.concat([Buffer.from('this is not SQLite at all'), Buffer.alloc(8192, 7)]));
    const before = sha256(file);
    expect(() => openLibrary(dir)).toThrow(LibraryError);
    try {
      openLibrary(dir);
    } catch (e) {
      expect((e as LibraryError).kind).toBe('corrupt');
      expect((e as LibraryError).latestBackup).toBe(backup);
      expect((e as LibraryError).message).toContain(backup);
    }
    expect(sha256(file)).toBe(before);
  });

  it('is backed up before migrations change an existing library', () => {
    const dir = tempDir();
    const { file, backupDir } = libraryPaths(dir);
    const old = new Database(file);
    old.exec('CREATE TABLE legacy (x INTEGER); INSERT INTO legacy VALUES (42);');
    old.close();
    const lib = openLibrary(dir, { now: () => new Date('2026-11-23T08:00:00Z') });
    lib.close();
    const backups = listBackups(backupDir);
    expect(backups.some((b) => path.basename(b).includes(`pre-v${SCHEMA_VERSION}`))).toBe(true);
    const copy = new Database(backups.find((b) => b.includes('pre-v'))!, { readonly: true });
    expect(copy.prepare('SELECT x FROM legacy').get()).toEqual({ x: 42 });
    expect(schemaVersion(copy)).toBe(0);
    copy.close();
  });

  it('keeps the last seven backups, one a day', () => {
    const dir = tempDir();
    const lib = openLibrary(dir);
    const backupDir = libraryPaths(dir).backupDir;
    for (let day = 1; day <= 10; day++) {
      const now = new Date(Date.UTC(2026, 10, day, 9));
      const taken = takeBackup(lib.db, backupDir, now, 'daily');
      fs.utimesSync(taken, now, now);
    }
    const kept = listBackups(backupDir);
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(path.basename(kept[0])).toContain('20261104');
    // The newest is from day 10: another one is due only a day later.
    expect(backupIfDue(lib.db, backupDir, new Date(Date.UTC(2026, 10, 10, 20)))).toBeNull();
    expect(backupIfDue(lib.db, backupDir, new Date(Date.UTC(2026, 10, 11, 10)))).not.toBeNull();
    expect(listBackups(backupDir)).toHaveLength(BACKUPS_KEPT);
    lib.close();
  });
});
