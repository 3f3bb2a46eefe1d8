import type { Database } from 'better-sqlite3';
import type { Migration } from '../migrate';
import { randomUUID } from 'node:crypto';
import { AudienceChunkWriter } from '../audienceWriter';
import { writeLabels } from '../labelChunks';

/**
 * The audience moves from one row per user (a float64 blob and a JSON array each) to column
 * chunks (audienceChunks.ts): segmenting a million users read 1M rows and decoded 16M values one
 * by one; now it reads 16 columns × 16 blobs. Users keep the order the old layout read them in
 * (user_id), which is the order every stored segment run's labels follow, so old runs still
 * open with the same labels. Every value is kept: features bit for bit (NaN stays missing),
 * attributes through per-column dictionaries. Segment runs' labels move to chunks too
 * (segment_labels), bit for bit.
 */
export const m013AudienceColumns: Migration = {
  version: 13,
  name: 'audience-columns',
  up: (db) => {
    db.exec(`
      CREATE TABLE audience_chunks (
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        field      TEXT NOT NULL CHECK (field IN ('id', 'feature', 'attribute', 'dictionary')),
        position   INTEGER NOT NULL CHECK (position >= 0),
        chunk      INTEGER NOT NULL CHECK (chunk >= 0),
        rows       INTEGER NOT NULL CHECK (rows > 0),
        data       BLOB NOT NULL,
        crc32      INTEGER NOT NULL,
        PRIMARY KEY (project_id, field, position, chunk)
      ) STRICT;
    `);
    rewriteAudience(db);
    db.exec('DROP TABLE audience_users');
    // Segment labels the same way, found by a key that stays when a project is copied.
    db.exec(`
      CREATE TABLE segment_labels (
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        labels_key TEXT NOT NULL,
        chunk      INTEGER NOT NULL CHECK (chunk >= 0),
        rows       INTEGER NOT NULL CHECK (rows > 0),
        data       BLOB NOT NULL,
        crc32      INTEGER NOT NULL,
        PRIMARY KEY (project_id, labels_key, chunk)
      ) STRICT;
      ALTER TABLE segment_runs ADD COLUMN labels_key TEXT NOT NULL DEFAULT '';
    `);
    rewriteLabels(db);
    db.exec('ALTER TABLE segment_runs DROP COLUMN assignments');
  },
};

function rewriteLabels(db: Database): void {
  const runs = db.prepare('SELECT id, project_id, users, assignments FROM segment_runs ORDER BY id').raw().all() as [number, number, number, unknown][];
  for (const [id, projectId, users, blob] of runs) {
    if (!Buffer.isBuffer(blob) || blob.length !== users * 4) throw new Error(`segment_runs row ${id}: not ${users} segment labels`);
    const key = randomUUID();
    const labels = new Int32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.length));
    writeLabels(db, projectId, key, labels);
    db.prepare('UPDATE segment_runs SET labels_key = ? WHERE id = ?').run(key, id);
  }
}

function rewriteAudience(db: Database): void {
  const projects = db.prepare('SELECT DISTINCT project_id FROM audience_users').pluck().all() as number[];
  for (const projectId of projects) {
    const raw = db.prepare("SELECT layout FROM datasets WHERE project_id = ? AND kind = 'audience'").pluck().get(projectId) as string | null | undefined;
    const layout = raw ? (JSON.parse(raw) as { features: string[]; attributes: string[] }) : { features: [], attributes: [] };
    const writer = new AudienceChunkWriter(db, projectId, { features: layout.features.length, attributes: layout.attributes.length });
    const features = new Float64Array(layout.features.length);
    let row = 0;
    // Read in pages by key (a statement being iterated would block the writer's inserts).
    const page = db.prepare('SELECT user_id, features, attributes FROM audience_users WHERE project_id = ? AND user_id > ? ORDER BY user_id LIMIT 16384').raw();
    let after = '';
    for (let rows = page.all(projectId, after) as [string, unknown, string][]; rows.length; rows = page.all(projectId, after) as [string, unknown, string][]) {
      for (const [userId, blob, attributes] of rows) {
        row++;
        // A crafted older project file is migrated before its content check: refuse it, located.
        if (!Buffer.isBuffer(blob)) throw new Error(`audience_users row ${row}: features are not stored numbers`);
        features.fill(NaN);
        for (let j = 0; j < features.length && j * 8 + 8 <= blob.length; j++) features[j] = blob.readDoubleLE(j * 8);
        let texts: unknown;
        try {
          texts = JSON.parse(attributes);
        } catch {
          throw new Error(`audience_users row ${row}: attributes are not valid JSON`);
        }
        if (!Array.isArray(texts) || texts.some((t) => t !== null && typeof t !== 'string')) throw new Error(`audience_users row ${row}: attributes are not text values`);
        writer.add(userId, features, texts as (string | null)[]);
      }
      after = rows[rows.length - 1][0];
    }
    writer.finish();
  }
}
