import { CHUNK_ROWS, checksum, int32s } from './audienceChunks';
import type { Db } from './connection';

/**
 * A segment run's labels (one int32 per user, in the audience's row order, -1 for none) as
 * chunks of CHUNK_ROWS users with their CRC-32, like the audience's columns: ten million users
 * are 153 blobs of 256 KB, not one of 40 MB. A run finds its chunks by its `labels_key` (a
 * random id), which survives a project being copied or opened elsewhere (run ids do not).
 */
export const LABELS_TABLE = 'segment_labels';

export function writeLabels(db: Db, projectId: number, key: string, labels: Int32Array): void {
  const insert = db.prepare(`INSERT INTO ${LABELS_TABLE} (project_id, labels_key, chunk, rows, data, crc32) VALUES (?, ?, ?, ?, ?, ?)`);
  for (let from = 0, chunk = 0; from < labels.length; from += CHUNK_ROWS, chunk++) {
    const part = labels.subarray(from, Math.min(labels.length, from + CHUNK_ROWS));
    const data = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
    insert.run(projectId, key, chunk, part.length, data, checksum(data));
  }
}

export function readLabels(db: Db, projectId: number, key: string): Int32Array {
  const chunks = db.prepare(`SELECT rows, data FROM ${LABELS_TABLE} WHERE project_id = ? AND labels_key = ? ORDER BY chunk`).raw().all(projectId, key) as [number, Buffer][];
  const out = new Int32Array(chunks.reduce((n, [rows]) => n + rows, 0));
  let at = 0;
  for (const [rows, data] of chunks) {
    out.set(int32s(data).subarray(0, rows), at);
    at += rows;
  }
  return out;
}
