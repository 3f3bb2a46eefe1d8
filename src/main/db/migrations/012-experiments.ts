import type { Migration } from '../migrate';

/**
 * Lift tests (the `experiments` data kind): what a holdout or spend-change test measured a
 * channel bringing over its window, with its standard error. The marketing-mix fit is
 * calibrated by them; the checks mirror the import's refusals.
 */
export const m012Experiments: Migration = {
  version: 12,
  name: 'experiments',
  up: (db) => {
    db.exec(`
      CREATE TABLE experiments (
        project_id     INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        name           TEXT NOT NULL,
        channel        TEXT NOT NULL CHECK (length(channel) > 0),
        start_date     TEXT NOT NULL,
        end_date       TEXT NOT NULL CHECK (end_date >= start_date),
        lift           REAL NOT NULL,
        standard_error REAL NOT NULL CHECK (standard_error > 0)
      ) STRICT;
      CREATE INDEX experiments_project ON experiments(project_id);
    `);
  },
};
