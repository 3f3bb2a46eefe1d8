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
  const mem = new Database(':memory:');
  migrate(mem, MIGRATIONS.slice(0, 12));
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
}
