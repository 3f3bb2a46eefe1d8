import type { Migration } from '../migrate';

/**
 * The risk and rights checklist. Items are keyed by a text id stable within the project
 * (`artist-ip.chain-of-title@p012`), so the history and the evidence refer to an item by
 * that key and survive a project file's trip into another library. Template items keep
 * their bilingual title and detail, so a project file reads the same in any version.
 * Evidence files live in the project as blobs with the SHA-256 recorded when they were
 * added, checked again whenever the checklist is read. The shortlist is the set of chosen
 * partners (by their partner_id in the partners dataset) whose kinds add items.
 */
export const m004RiskChecklist: Migration = {
  version: 4,
  name: 'risk-checklist',
  up: (db) => {
    db.exec(`
      CREATE TABLE shortlist (
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        partner_id TEXT NOT NULL,
        position   INTEGER NOT NULL,
        added_at   TEXT NOT NULL,
        PRIMARY KEY (project_id, partner_id)
      ) STRICT;
      CREATE TABLE checklist_items (
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        item_key   TEXT NOT NULL,
        kind       TEXT NOT NULL,
        partner_id TEXT,
        title_en   TEXT NOT NULL,
        title_zh   TEXT NOT NULL,
        detail_en  TEXT NOT NULL DEFAULT '',
        detail_zh  TEXT NOT NULL DEFAULT '',
        severity   TEXT NOT NULL CHECK (severity IN ('blocking', 'high', 'medium', 'low')),
        status     TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done', 'na')),
        owner      TEXT NOT NULL DEFAULT '',
        due        TEXT CHECK (due IS NULL OR date(due) = due),
        notes      TEXT NOT NULL DEFAULT '',
        na_reason  TEXT NOT NULL DEFAULT '',
        position   INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (project_id, item_key)
      ) STRICT;
      CREATE TABLE checklist_history (
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        item_key   TEXT NOT NULL,
        at         TEXT NOT NULL,
        who        TEXT NOT NULL,
        field      TEXT NOT NULL,
        old_value  TEXT NOT NULL,
        new_value  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX checklist_history_item ON checklist_history(project_id, item_key);
      CREATE TABLE checklist_evidence (
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        item_key   TEXT NOT NULL,
        sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
        name       TEXT NOT NULL,
        size       INTEGER NOT NULL CHECK (size >= 0),
        data       BLOB NOT NULL,
        added_at   TEXT NOT NULL,
        PRIMARY KEY (project_id, item_key, sha256)
      ) STRICT;
    `);
  },
};
