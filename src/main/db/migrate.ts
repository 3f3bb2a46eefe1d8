import type { Database } from 'better-sqlite3';
import { m001Library } from './migrations/001-library';
import { m002DataIo } from './migrations/002-data-io';
import { m003SegmentRuns } from './migrations/003-segment-runs';
import { m004RiskChecklist } from './migrations/004-risk-checklist';
import { m005RightsRevenue } from './migrations/005-rights-revenue';
import { m006CampaignPlan } from './migrations/006-campaign-plan';
import { m007MmmFits } from './migrations/007-mmm-fits';
import { m008ForecastScenarios } from './migrations/008-forecast-scenarios';
import { m009ReportSettings } from './migrations/009-report-settings';
import { m010EvidenceOrigin } from './migrations/010-evidence-origin';
import { m011EventWeights } from './migrations/011-event-weights';
import { m012Experiments } from './migrations/012-experiments';
import { m013AudienceColumns } from './migrations/013-audience-columns';
import { m014PartnerOverlap } from './migrations/014-partner-overlap';
import { m015BrandPersonality } from './migrations/015-brand-personality';

export interface Migration {
  /** 1, 2, 3…: stored in `PRAGMA user_version` once applied. */
  version: number;
  name: string;
  up(db: Database): void;
}

/** Append only: a released migration is never edited (the schema-snapshot test watches). */
export const MIGRATIONS: readonly Migration[] = [m001Library, m002DataIo, m003SegmentRuns, m004RiskChecklist, m005RightsRevenue, m006CampaignPlan, m007MmmFits, m008ForecastScenarios, m009ReportSettings, m010EvidenceOrigin, m011EventWeights, m012Experiments, m013AudienceColumns, m014PartnerOverlap, m015BrandPersonality];
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The library was written by a newer Tandem (schema ${found}; this app knows up to ${supported}). ` +
        'Update Tandem to open it; the file has not been changed.',
    );
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Applies every pending migration in one transaction: either the library moves to the
 * newest schema or it stays exactly as it was. A database newer than the app is refused
 * before anything is written.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  checkOrder(migrations);
  const from = schemaVersion(db);
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (from > latest) throw new SchemaTooNewError(from, latest);
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      // user_version is written inside the transaction, so it rolls back with the DDL.
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return { from, to: latest };
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
}
