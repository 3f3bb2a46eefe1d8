import type { Migration } from '../migrate';

/**
 * Segmentation runs: each run's settings, engine, metrics, segments (personas) and the
 * segment of every user — an int32 per user in user_id order, with the number of users,
 * so that a later import of a different audience shows the run is stale. One run per
 * project may be chosen: later steps (partner fit, targeting) read that one.
 */
export const m003SegmentRuns: Migration = {
  version: 3,
  name: 'segment-runs',
  up: (db) => {
    db.exec(`
      CREATE TABLE segment_runs (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        created_at  TEXT NOT NULL,
        name        TEXT NOT NULL DEFAULT '',
        settings    TEXT NOT NULL CHECK (json_valid(settings)),
        engine      TEXT NOT NULL,
        metrics     TEXT NOT NULL CHECK (json_valid(metrics)),
        segments    TEXT NOT NULL CHECK (json_valid(segments)),
        users       INTEGER NOT NULL,
        assignments BLOB NOT NULL,
        chosen      INTEGER NOT NULL DEFAULT 0 CHECK (chosen IN (0, 1))
      ) STRICT;
      CREATE INDEX segment_runs_project ON segment_runs(project_id);
      CREATE UNIQUE INDEX segment_runs_chosen ON segment_runs(project_id) WHERE chosen = 1;
    `);
  },
};
