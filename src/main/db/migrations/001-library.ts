import type { Migration } from '../migrate';

/** The project library and the seven dataset kinds of DESIGN §1 step 2. */
export const m001Library: Migration = {
  version: 1,
  name: 'library',
  up: (db) => {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE projects (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        name           TEXT NOT NULL CHECK (length(trim(name)) > 0),
        client         TEXT NOT NULL DEFAULT '',
        kind           TEXT NOT NULL CHECK (kind IN ('course','audio','ebook','live','column')),
        product_title  TEXT NOT NULL DEFAULT '',
        description    TEXT NOT NULL DEFAULT '',
        tags           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
        price          REAL CHECK (price IS NULL OR price >= 0),
        goals          TEXT NOT NULL DEFAULT '',
        kpi_awareness  REAL NOT NULL DEFAULT 25,
        kpi_engagement REAL NOT NULL DEFAULT 25,
        kpi_conversion REAL NOT NULL DEFAULT 25,
        kpi_quality    REAL NOT NULL DEFAULT 25,
        budget         REAL NOT NULL DEFAULT 0 CHECK (budget >= 0),
        currency       TEXT NOT NULL DEFAULT 'CNY',
        start_date     TEXT,
        end_date       TEXT,
        exclusions     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(exclusions)),
        status         TEXT NOT NULL DEFAULT 'draft'
                       CHECK (status IN ('draft','review','ready','live','closed')),
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        opened_at      TEXT,
        deleted_at     TEXT,
        CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date)
      ) STRICT;
      CREATE INDEX projects_deleted ON projects(deleted_at);

      CREATE TABLE datasets (
        project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        kind        TEXT NOT NULL,
        rows        INTEGER NOT NULL,
        source      TEXT,
        imported_at TEXT NOT NULL,
        mapping     TEXT CHECK (mapping IS NULL OR json_valid(mapping)),
        PRIMARY KEY (project_id, kind)
      ) STRICT;

      -- Audience: numeric behaviour features and categorical attributes as JSON objects,
      -- because every platform exports different columns.
      CREATE TABLE audience_users (
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        user_id    TEXT NOT NULL,
        features   TEXT NOT NULL,
        attributes TEXT NOT NULL,
        PRIMARY KEY (project_id, user_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE catalog_items (
        project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        item_id     TEXT NOT NULL,
        title       TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        tags        TEXT NOT NULL DEFAULT '[]',
        category    TEXT NOT NULL DEFAULT '',
        price       REAL,
        extra       TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (project_id, item_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE interactions (
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        user_id    TEXT NOT NULL,
        item_id    TEXT NOT NULL,
        event      TEXT NOT NULL DEFAULT 'view',
        weight     REAL NOT NULL DEFAULT 1,
        ts         TEXT
      ) STRICT;
      CREATE INDEX interactions_project_user ON interactions(project_id, user_id);

      CREATE TABLE partners (
        project_id       INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        partner_id       TEXT NOT NULL,
        name             TEXT NOT NULL,
        type             TEXT NOT NULL DEFAULT '',
        industry         TEXT NOT NULL DEFAULT '',
        description      TEXT NOT NULL DEFAULT '',
        tags             TEXT NOT NULL DEFAULT '[]',
        audience_size    REAL,
        audience_profile TEXT NOT NULL DEFAULT '',
        reputation       REAL CHECK (reputation IS NULL OR reputation BETWEEN 0 AND 100),
        fee              REAL CHECK (fee IS NULL OR fee >= 0),
        conflict_tags    TEXT NOT NULL DEFAULT '[]',
        extra            TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (project_id, partner_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE collaborations (
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        partner_a  TEXT NOT NULL,
        partner_b  TEXT NOT NULL,
        year       INTEGER,
        kind       TEXT NOT NULL DEFAULT '',
        outcome    TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX collaborations_project ON collaborations(project_id);

      -- One row per period (week) of past campaigns: spend per channel and controls as JSON.
      CREATE TABLE campaign_periods (
        project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        period      TEXT NOT NULL,
        outcome     REAL NOT NULL,
        spend       TEXT NOT NULL,
        controls    TEXT NOT NULL DEFAULT '{}',
        campaign_id TEXT
      ) STRICT;
      CREATE INDEX campaign_periods_project ON campaign_periods(project_id, period);

      CREATE TABLE actuals (
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        date       TEXT NOT NULL,
        kpis       TEXT NOT NULL,
        PRIMARY KEY (project_id, date)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
