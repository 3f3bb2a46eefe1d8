import type { Migration } from '../migrate';

/** Saved spend scenarios of the forecast (up to four per project are compared): a name and the weekly plan as JSON. */
export const m008ForecastScenarios: Migration = {
  version: 8,
  name: 'forecast-scenarios',
  up: (db) => {
    db.exec(`
      CREATE TABLE forecast_scenarios (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        name       TEXT NOT NULL,
        plan       TEXT NOT NULL CHECK (json_valid(plan)),
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX forecast_scenarios_project ON forecast_scenarios(project_id);
    `);
  },
};
