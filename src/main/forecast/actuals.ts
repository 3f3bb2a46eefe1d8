import type { Db } from '../db/connection';
import type { ActualsComparison, SavedScenario } from '../../shared/forecast';
import { DomainError } from '../../shared/result';

const DAY = 86_400_000;

/**
 * After launch: a KPI of the imported actuals, summed over each week of a scenario (a week
 * runs from its date for seven days), set against that scenario's band — MAPE and bias of
 * P50 over the weeks that have actuals, and the share of them inside P10–P90.
 */
export function compareActuals(db: Db, projectId: number, scenario: SavedScenario, kpi?: string): ActualsComparison {
  const rows = db.prepare('SELECT date, kpis FROM actuals WHERE project_id = ? ORDER BY date').all(projectId) as { date: string; kpis: string }[];
  if (!rows.length) throw new DomainError('refused', 'The project has no actuals: import the actuals dataset (date, then KPI columns) after launch.');
  const kpis = [...new Set(rows.flatMap((r) => Object.keys(JSON.parse(r.kpis) as Record<string, unknown>)))].sort();
  const chosen = kpi ?? kpis[0];
  if (!kpis.includes(chosen)) throw new DomainError('invalid_input', `The actuals have no KPI "${chosen}"; they hold ${kpis.join(', ')}.`, [{ path: 'kpi', message: 'forecast.problem.unknownKpi', params: { kpi: chosen } }]);
  if (!scenario.result) throw new DomainError('refused', 'This scenario has no forecast to compare with: fit the model first.', [{ path: 'scenarioId', message: 'forecast.problem.noFit' }]);
  const weeks = scenario.result.weeks.map((w) => {
    const from = Date.parse(`${w.week}T00:00:00Z`);
    let sum = 0;
    let seen = false;
    for (const r of rows) {
      const d = Date.parse(`${r.date.slice(0, 10)}T00:00:00Z`);
      if (d >= from && d < from + 7 * DAY) {
        const v = (JSON.parse(r.kpis) as Record<string, unknown>)[chosen];
        if (typeof v === 'number' && Number.isFinite(v)) (sum += v), (seen = true);
      }
    }
    return { week: w.week, actual: seen ? Math.round(sum * 100) / 100 : null, p10: w.p10, p50: w.p50, p90: w.p90 };
  });
  const matched = weeks.filter((w): w is typeof w & { actual: number } => w.actual !== null);
  const mape = matched.length ? matched.reduce((s, w) => s + (w.actual ? Math.abs(w.actual - w.p50) / Math.abs(w.actual) : 0), 0) / matched.length : null;
  const bias = matched.length ? matched.reduce((s, w) => s + (w.p50 - w.actual), 0) / matched.length : null;
  const coverage = matched.length ? matched.filter((w) => w.actual >= w.p10 && w.actual <= w.p90).length / matched.length : null;
  const r4 = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);
  return { kpis, kpi: chosen, weeks, matched: matched.length, mape: r4(mape), bias: r4(bias), coverage: r4(coverage) };
}
