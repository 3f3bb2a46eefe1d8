import type { Migration } from '../migrate';

/**
 * How much each event type counts in the targeting models, per project (event → weight, JSON):
 * none stored means the defaults (view < listen < finish < purchase).
 */
export const m011EventWeights: Migration = {
  version: 11,
  name: 'event-weights',
  up: (db) => {
    db.exec(`
      CREATE TABLE targeting_settings (
        project_id    INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
        event_weights TEXT NOT NULL CHECK (json_valid(event_weights)),
        updated_at    TEXT NOT NULL
      ) STRICT;
    `);
  },
};
