import type { Migration } from '../migrate';

/**
 * Brand personality (issue 22): the product's and each partner's ratings on the five
 * dimensions, 1–5, by hand or as a survey's means (with their respondents and standard errors).
 */
export const m015BrandPersonality: Migration = {
  version: 15,
  name: 'brand-personality',
  up: (db) => {
    db.exec(`
      CREATE TABLE brand_personality (
        project_id     INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        subject        TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
        sincerity      REAL NOT NULL CHECK (sincerity BETWEEN 1 AND 5),
        excitement     REAL NOT NULL CHECK (excitement BETWEEN 1 AND 5),
        competence     REAL NOT NULL CHECK (competence BETWEEN 1 AND 5),
        sophistication REAL NOT NULL CHECK (sophistication BETWEEN 1 AND 5),
        ruggedness     REAL NOT NULL CHECK (ruggedness BETWEEN 1 AND 5),
        respondents    INTEGER NOT NULL CHECK (respondents >= 0),
        standard_errors TEXT CHECK (standard_errors IS NULL OR json_valid(standard_errors)),
        source         TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        PRIMARY KEY (project_id, subject)
      ) STRICT;
    `);
  },
};
