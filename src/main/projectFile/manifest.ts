/**
 * The manifest inside every `.tandem` file: what made it, when, and the SHA-256 of its
 * content, so that a damaged or edited file is caught before it reaches the library.
 */
export const PROJECT_FILE_FORMAT = 'tandem-project';
/** Bumped when the file layout changes in a way an older Tandem cannot read. */
export const PROJECT_FILE_VERSION = 1;
export const MANIFEST_TABLE = 'tandem_manifest';
export const MANIFEST_DDL = `CREATE TABLE ${MANIFEST_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`;

export interface Manifest {
  format: string;
  formatVersion: number;
  schemaVersion: number;
  appVersion: string;
  createdAt: string;
  projectUid: string;
  projectName: string;
  contentSha256: string;
}

/**
 * Tables a project file holds, in the order the content hash reads them. A file holds the
 * tables of its own schema: `audience_users` until schema 12 (its hash still covers it),
 * `audience_chunks` from 13.
 */
export const PROJECT_TABLES = [
  'projects',
  'datasets',
  'import_reports',
  'audience_users',
  'audience_chunks',
  'catalog_items',
  'interactions',
  'partners',
  'collaborations',
  'campaign_periods',
  'actuals',
  'experiments',
  'segment_runs',
  'segment_labels',
  'shortlist',
  'checklist_items',
  'checklist_history',
  'checklist_evidence',
  'licences',
  'revenue_scenarios',
  'campaign_plans',
  'mmm_fits',
  'forecast_scenarios',
  'report_settings',
  'targeting_settings',
  'overlap_deals',
  'overlap_settings',
  'brand_personality',
] as const;

/** Tables whose own INTEGER PRIMARY KEY is renumbered when a project is copied into a library. */
export { OWN_ID_TABLES } from '../db/projectsRepo';
