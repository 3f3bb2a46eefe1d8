import type { Migration } from '../migrate';

/**
 * The rights register (licences per partner: licensor, asset, places, uses, window,
 * exclusivity, fee) and saved revenue-share scenarios (revenue points and each party's
 * split model, as JSON checked by the contract's schema before it is written).
 */
export const m005RightsRevenue: Migration = {
  version: 5,
  name: 'rights-revenue',
  up: (db) => {
    db.exec(`
      CREATE TABLE licences (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        partner_id TEXT NOT NULL,
        licensor   TEXT NOT NULL,
        asset      TEXT NOT NULL,
        territory  TEXT NOT NULL CHECK (json_valid(territory)),
        channels   TEXT NOT NULL CHECK (json_valid(channels)),
        start      TEXT NOT NULL CHECK (date(start) = start),
        end        TEXT NOT NULL CHECK (date(end) = end AND end >= start),
        exclusive  INTEGER NOT NULL CHECK (exclusive IN (0, 1)),
        fee        REAL NOT NULL CHECK (fee >= 0),
        notes      TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX licences_project ON licences(project_id);
      CREATE TABLE revenue_scenarios (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        name       TEXT NOT NULL,
        revenues   TEXT NOT NULL CHECK (json_valid(revenues)),
        parties    TEXT NOT NULL CHECK (json_valid(parties)),
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX revenue_scenarios_project ON revenue_scenarios(project_id);
    `);
  },
};
