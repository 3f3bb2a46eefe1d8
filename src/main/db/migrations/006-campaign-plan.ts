import type { Migration } from '../migrate';

/**
 * The partner-selection wizard's plan, one per project: the step it was left on and its
 * answers as JSON checked by the contract's schema before it is written (needs and target
 * segments, cooperation model and weights, the partners compared, content forms with
 * channels and dates, success metrics).
 */
export const m006CampaignPlan: Migration = {
  version: 6,
  name: 'campaign-plan',
  up: (db) => {
    db.exec(`
      CREATE TABLE campaign_plans (
        project_id INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
        data       TEXT NOT NULL CHECK (json_valid(data)),
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
