import type { Migration } from '../migrate';

/** The pitch report's settings per project (sections, order, notes, cover, language) and the cover's logo. */
export const m009ReportSettings: Migration = {
  version: 9,
  name: 'report-settings',
  up: (db) => {
    db.exec(`
      CREATE TABLE report_settings (
        project_id INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
        data       TEXT NOT NULL CHECK (json_valid(data)),
        logo       BLOB,
        logo_mime  TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
