import type { Migration } from '../migrate';

/**
 * The latest marketing-mix fit of each project (its options and result as JSON), so the
 * allocator, the scenarios and the report read one model until the strategist refits.
 */
export const m007MmmFits: Migration = {
  version: 7,
  name: 'mmm-fits',
  up: (db) => {
    db.exec(`
      CREATE TABLE mmm_fits (
        project_id INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
        options    TEXT NOT NULL CHECK (json_valid(options)),
        result     TEXT NOT NULL CHECK (json_valid(result)),
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
