import { createHash } from 'node:crypto';
import type { Db } from '../db/connection';
import { PROJECT_TABLES } from './manifest';

/** Rows hashed together: one JSON text and one run of blob bytes per group. */
const GROUP = 4096;

/**
 * SHA-256 over every row of every project table, in stored order (rowid, or the primary
 * key of WITHOUT ROWID tables). Rows go in groups of 4096: the group's rows as one JSON
 * array (a blob written as `{"blob": length}`), then the bytes of its blobs in order. The
 * manifest is not part of it. Grouping keeps the hashing to a few native calls per
 * thousand rows, so a million-row project hashes in about a second. A file of an older
 * schema lacks the tables added since (its exporter never hashed them): only the tables
 * present are read, and the structure check has already held the file to its own schema.
 */
export function contentHash(db: Db, schema = 'main', onProgress?: (rows: number) => void): string {
  const hash = createHash('sha256');
  let rows = 0;
  for (const table of presentTables(db, schema)) {
    hash.update(`\u0000table ${table}\u0000`);
    const statement = db.prepare(`SELECT * FROM ${schema}.${table} ORDER BY ${orderOf(db, schema, table)}`).raw();
    let group: unknown[][] = [];
    let blobs: Buffer[] = [];
    const flush = () => {
      hash.update(JSON.stringify(group));
      if (blobs.length) hash.update(Buffer.concat(blobs));
      group = [];
      blobs = [];
    };
    for (const row of statement.iterate() as Iterable<unknown[]>) {
      for (let i = 0; i < row.length; i++) {
        const v = row[i];
        if (Buffer.isBuffer(v)) {
          blobs.push(v);
          row[i] = { blob: v.length };
        }
      }
      group.push(row);
      if (group.length === GROUP) flush();
      if (++rows % 50000 === 0) onProgress?.(rows);
    }
    flush();
  }
  return hash.digest('hex');
}

function orderOf(db: Db, schema: string, table: string): string {
  const info = db.prepare(`PRAGMA ${schema}.table_info(${table})`).all() as { name: string; pk: number }[];
  const withoutRowid = (db.prepare(`SELECT sql FROM ${schema}.sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(table) as string)
    .toUpperCase()
    .includes('WITHOUT ROWID');
  if (!withoutRowid) return 'rowid';
  return info
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name)
    .join(', ');
}

/** The project tables this schema holds, in hashing order. */
export function presentTables(db: Db, schema = 'main'): string[] {
  const present = new Set(db.prepare(`SELECT name FROM ${schema}.sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
  return PROJECT_TABLES.filter((t) => present.has(t));
}
