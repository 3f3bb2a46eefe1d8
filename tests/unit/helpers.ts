import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { AudienceStore } from '../../src/main/db/audienceStore';
import { DatasetsRepo } from '../../src/main/db/datasetsRepo';
import { featureBlob } from '../../src/main/db/featureBlob';
import { MIGRATIONS, migrate } from '../../src/main/db/migrate';
import { DomainError } from '../../src/shared/result';

const made: string[] = [];

/** A temp folder removed after the test: each test builds its own world. */
export function tempDir(prefix = 'tandem-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(() => {
  while (made.length) fs.rmSync(made.pop()!, { recursive: true, force: true });
});

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The DomainError a call refuses with (anything else, or no refusal, fails the test). */
export function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/**
 * Turns a library or project file of schema 13+ back into what schema 12 wrote for its
 * audience: one `audience_users` row per user (float64 blob, JSON attribute array, in the
 * layout's order), the table's DDL exactly as migrations 1–12 left it.
 */
export function audienceToSchema12(db: Database.Database): void {
  const mem = mem12();
  const ddl = mem.prepare("SELECT sql FROM sqlite_master WHERE name = 'audience_users'").pluck().get() as string;
  mem.close();
  db.exec(ddl);
  const insert = db.prepare('INSERT INTO audience_users (project_id, user_id, features, attributes) VALUES (?, ?, ?, ?)');
  for (const projectId of db.prepare("SELECT project_id FROM datasets WHERE kind = 'audience'").pluck().all() as number[]) {
    const store = new AudienceStore(db);
    const layout = new DatasetsRepo(db).layout(projectId);
    for (const row of store.iterate(projectId, layout)) {
      insert.run(projectId, row.userId, featureBlob(layout.features, row.features), JSON.stringify(layout.attributes.map((a) => row.attributes[a] ?? null)));
    }
  }
  db.exec('DROP TABLE audience_chunks');
  // Segment runs with their labels in one blob again, under schema 12's own DDL.
  const runs = mem12().prepare("SELECT type, sql FROM sqlite_master WHERE tbl_name = 'segment_runs' AND sql IS NOT NULL ORDER BY type DESC").all() as { type: string; sql: string }[];
  const labels = new Map<number, Buffer>();
  for (const [id, projectId, key] of db.prepare('SELECT id, project_id, labels_key FROM segment_runs').raw().all() as [number, number, string][]) {
    const chunks = db.prepare('SELECT data FROM segment_labels WHERE project_id = ? AND labels_key = ? ORDER BY chunk').pluck().all(projectId, key) as Buffer[];
    labels.set(id, Buffer.concat(chunks));
  }
  db.exec('ALTER TABLE segment_runs RENAME TO segment_runs_13');
  for (const r of runs) if (r.type === 'table') db.exec(r.sql);
  const columns = 'id, project_id, created_at, name, settings, engine, metrics, segments, users, chosen';
  db.exec(`INSERT INTO segment_runs (${columns}, assignments) SELECT ${columns}, x'' FROM segment_runs_13`);
  for (const [id, blob] of labels) db.prepare('UPDATE segment_runs SET assignments = ? WHERE id = ?').run(blob, id);
  db.exec('DROP TABLE segment_runs_13; DROP TABLE segment_labels');
  for (const r of runs) if (r.type === 'index') db.exec(r.sql);
}

/** An empty database of schema 12 (for its DDL). */
function mem12(): Database.Database {
  const mem = new Database(':memory:');
  migrate(mem, MIGRATIONS.slice(0, 12));
  return mem;
}

/** The tables each migration after 13 added: what a library or file of an older schema lacks. */
export const TABLES_ADDED: [version: number, tables: string[]][] = [
  [14, ['overlap_deals', 'overlap_settings']],
  [15, ['brand_personality']],
];

/** Drops the tables migrations after `version` added, as a database of that schema never had them. */
export function dropTablesAfter(db: Database.Database, version: number): void {
  for (const [v, tables] of TABLES_ADDED) if (v > version) for (const t of tables) db.exec(`DROP TABLE IF EXISTS ${t}`);
}
