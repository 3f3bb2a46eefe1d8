import { createHash } from 'node:crypto';
import type { Db } from '../db/connection';
import { PROJECT_TABLES } from './manifest';

/**
 * SHA-256 over every row of every project table, in stored order (rowid, or the primary
 * key of WITHOUT ROWID tables), each row as its JSON array of values. The manifest is
 * not part of it. Blobs hash by their bytes in hex.
 */
export function contentHash(db: Db, schema = 'main', onProgress?: (rows: number) => void): string {
  const hash = createHash('sha256');
  let rows = 0;
  for (const table of PROJECT_TABLES) {
    hash.update(`\u0000table ${table}\u0000`);
    const statement = db.prepare(`SELECT * FROM ${schema}.${table} ORDER BY ${orderOf(db, schema, table)}`).raw();
    for (const row of statement.iterate() as Iterable<unknown[]>) {
      hash.update(JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? `x'${v.toString('hex')}'` : v)));
      hash.update('\n');
      if (++rows % 50000 === 0) onProgress?.(rows);
    }
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
