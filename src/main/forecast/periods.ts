import type { Db } from '../db/connection';
import { DatasetsRepo } from '../db/datasetsRepo';
import type { ExperimentRow } from '../../shared/datasets';
import { DomainError } from '../../shared/result';
import type { MmmData } from './mmm/mmm';

/**
 * A project's campaign periods as the marketing-mix model reads them: one row per period
 * (several campaigns in one week are added up — outcome and every channel's spend; numeric
 * controls averaged, categorical ones taken from the first row), in period order; a channel
 * missing from a period spent nothing there.
 */
export function loadMmmData(db: Db, projectId: number): MmmData {
  const rows = db.prepare('SELECT period, outcome, spend, controls FROM campaign_periods WHERE project_id = ? ORDER BY period, rowid').all(projectId) as { period: string; outcome: number; spend: string; controls: string }[];
  if (!rows.length) throw new DomainError('refused', 'The project has no campaign periods: import the campaigns dataset (period, outcome, spend.<channel>) first.');
  const periods: string[] = [];
  const outcome: number[] = [];
  const spends: Record<string, number>[] = [];
  const controls: Record<string, (number | string | null)[]>[] = [];
  for (const r of rows) {
    const at = periods.length - 1;
    const spend = JSON.parse(r.spend) as Record<string, number | null>;
    const ctl = JSON.parse(r.controls) as Record<string, number | string | null>;
    if (at < 0 || periods[at] !== r.period) {
      periods.push(r.period);
      outcome.push(0);
      spends.push({});
      controls.push({});
    }
    const i = periods.length - 1;
    outcome[i] += r.outcome;
    for (const [c, v] of Object.entries(spend)) spends[i][c] = (spends[i][c] ?? 0) + (v ?? 0);
    for (const [c, v] of Object.entries(ctl)) (controls[i][c] ??= []).push(v);
  }
  const channels = [...new Set(spends.flatMap((s) => Object.keys(s)))].sort();
  const controlNames = [...new Set(controls.flatMap((c) => Object.keys(c)))].sort();
  return {
    periods,
    outcome,
    spend: Object.fromEntries(channels.map((c) => [c, spends.map((s) => s[c] ?? 0)])),
    controls: Object.fromEntries(
      controlNames.map((name) => [
        name,
        controls.map((c) => {
          const vs = c[name] ?? [];
          const nums = vs.filter((v): v is number => typeof v === 'number');
          return nums.length === vs.length && nums.length ? nums.reduce((s, v) => s + v, 0) / nums.length : (vs.find((v) => v !== null) ?? null);
        }),
      ]),
    ),
  };
}

/** The project's lift tests, in start order (none when it has not imported or entered any). */
export function loadExperiments(db: Db, projectId: number): ExperimentRow[] {
  return new DatasetsRepo(db).page(projectId, 'experiments', 0, MAX_EXPERIMENTS);
}

/** More lift tests than any project runs: the fit reads at most these. */
export const MAX_EXPERIMENTS = 1000;
