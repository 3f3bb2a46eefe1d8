import type { Database } from 'better-sqlite3';
import { featureBlob } from '../featureBlob';
import type { Migration } from '../migrate';

/**
 * Data in and out: a project's stable identity across machines (so opening a `.tandem`
 * file that is already in the library is noticed), each dataset's column profile, and the
 * report of the last import of each kind.
 */
export const m002DataIo: Migration = {
  version: 2,
  name: 'data-io',
  up: (db) => {
    db.exec(`
      ALTER TABLE projects ADD COLUMN uid TEXT;
      UPDATE projects SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
      CREATE INDEX projects_uid ON projects(uid);

      ALTER TABLE datasets ADD COLUMN profile TEXT CHECK (profile IS NULL OR json_valid(profile));
      -- Audience rows store their features as a float64 blob and their attributes as a JSON
      -- array, both in the order this layout names ({"features": [...], "attributes": [...]}):
      -- no key names repeated a million times, no numbers turned into text and back.
      ALTER TABLE datasets ADD COLUMN layout TEXT CHECK (layout IS NULL OR json_valid(layout));
      CREATE TABLE audience_users_v2 (
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        user_id    TEXT NOT NULL,
        features   BLOB NOT NULL,
        attributes TEXT NOT NULL,
        PRIMARY KEY (project_id, user_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE import_reports (
        project_id     INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        kind           TEXT NOT NULL,
        source         TEXT NOT NULL,
        imported_at    TEXT NOT NULL,
        mode           TEXT NOT NULL CHECK (mode IN ('replace','append')),
        rows_read      INTEGER NOT NULL,
        rows_imported  INTEGER NOT NULL,
        rows_rejected  INTEGER NOT NULL,
        rejected_total INTEGER NOT NULL,
        -- The first rejections (at most 10,000) as JSON; the count above is the whole story.
        rejected       TEXT NOT NULL CHECK (json_valid(rejected)),
        PRIMARY KEY (project_id, kind)
      ) STRICT;
    `);
    rewriteAudience(db);
    db.exec('DROP TABLE audience_users; ALTER TABLE audience_users_v2 RENAME TO audience_users;');
  },
};

/** Audience rows written as keyed objects (schema 1) move to the new table under one layout per project. */
function rewriteAudience(db: Database): void {
  const projects = db.prepare('SELECT DISTINCT project_id FROM audience_users').pluck().all() as number[];
  const insert = db.prepare('INSERT INTO audience_users_v2 (project_id, user_id, features, attributes) VALUES (?, ?, ?, ?)');
  for (const id of projects) {
    const rows = db.prepare('SELECT user_id, features, attributes FROM audience_users WHERE project_id = ?').all(id) as {
      user_id: string;
      features: string;
      attributes: string;
    }[];
    const parsed = rows.map((r) => ({ id: r.user_id, f: JSON.parse(r.features) as Record<string, number>, a: JSON.parse(r.attributes) as Record<string, unknown> }));
    const features = [...new Set(parsed.flatMap((r) => Object.keys(r.f)))];
    const attributes = [...new Set(parsed.flatMap((r) => Object.keys(r.a)))];
    for (const r of parsed) insert.run(id, r.id, featureBlob(features, r.f), JSON.stringify(attributes.map((k) => r.a[k] ?? null)));
    db.prepare("UPDATE datasets SET layout = ? WHERE project_id = ? AND kind = 'audience'").run(JSON.stringify({ features, attributes }), id);
  }
}
