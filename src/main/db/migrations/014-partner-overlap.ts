import type { Migration } from '../migrate';

/**
 * Audience overlap with partners (issue 22). A deal per partner: the key Tandem made for it,
 * the partner's sketch once it came back (as Tandem re-wrote it after checking it), and our
 * own sketch under the same key — the whole audience, then each segment of the run it was made
 * for. The project's settings say where our identifiers are and what the ranking scores.
 */
export const m014PartnerOverlap: Migration = {
  version: 14,
  name: 'partner-overlap',
  up: (db) => {
    db.exec(`
      CREATE TABLE overlap_deals (
        project_id        INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        partner_id        TEXT NOT NULL CHECK (length(partner_id) BETWEEN 1 AND 200),
        deal_key          TEXT NOT NULL CHECK (length(deal_key) = 64),
        key_id            TEXT NOT NULL CHECK (length(key_id) = 16),
        created_at        TEXT NOT NULL,
        their_sketch      TEXT CHECK (their_sketch IS NULL OR json_valid(their_sketch)),
        their_file        TEXT,
        their_imported_at TEXT,
        our_sketch        TEXT CHECK (our_sketch IS NULL OR json_valid(our_sketch)),
        our_basis         TEXT CHECK (our_basis IS NULL OR json_valid(our_basis)),
        PRIMARY KEY (project_id, partner_id)
      ) STRICT;
      CREATE TABLE overlap_settings (
        project_id INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
        universe   REAL NOT NULL CHECK (universe >= 1),
        measure    TEXT NOT NULL CHECK (measure IN ('incrementalReach', 'affinity')),
        id_column  TEXT NOT NULL CHECK (length(id_column) BETWEEN 1 AND 200),
        id_kind    TEXT CHECK (id_kind IS NULL OR id_kind IN ('mobile', 'email', 'id')),
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
