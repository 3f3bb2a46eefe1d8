import type { Db } from '../db/connection';
import { DomainError } from '../../shared/result';
import { compareActuals } from './actuals';
import type { MmmData } from './mmm/mmm';
import { ScenarioService } from './scenarioService';

/**
 * After launch, the history grows by the campaign's weeks that have actuals: each such week
 * of a saved scenario is appended with the scenario's spend per channel and the KPI's weekly
 * sum as outcome; controls take their usual value (numeric: the history's mean; categorical:
 * its most frequent level). Only the unbroken run of weeks from the scenario's first week
 * is taken — the model reads consecutive weeks — so a week without actuals ends it.
 */
export function withActuals(db: Db, projectId: number, data: MmmData, ref: { scenarioId: number; kpi?: string }): { data: MmmData; info: { weeks: number; kpi: string; scenario: string } } {
  const scenario = new ScenarioService(db).list(projectId).find((s) => s.id === ref.scenarioId);
  if (!scenario) throw new DomainError('not_found', `Project ${projectId} has no scenario ${ref.scenarioId}.`, [{ path: 'actuals.scenarioId', message: 'forecast.problem.noScenario' }]);
  // The model reads unbroken weeks: a campaign that starts after a gap in the history cannot
  // be appended until the weeks between are imported as campaign periods.
  const lastWeek = data.periods.at(-1);
  const next = lastWeek ? new Date(Date.parse(`${lastWeek}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10) : null;
  const first = scenario.weekDates[0];
  if (next && first && first > next) {
    throw new DomainError(
      'refused',
      `The history ends with the week of ${lastWeek} and "${scenario.name}" starts on ${first}: import the campaign periods in between before refitting with actuals.`,
      [{ path: 'actuals', message: 'forecast.problem.actualsGap', params: { last: lastWeek!, first, scenario: scenario.name } }],
    );
  }
  const comparison = compareActuals(db, projectId, scenario, ref.kpi);
  const run = comparison.weeks.findIndex((w) => w.actual === null);
  const weeks = comparison.weeks.slice(0, run < 0 ? comparison.weeks.length : run) as { week: string; actual: number }[];
  if (!weeks.length) {
    throw new DomainError('refused', `No actuals of ${comparison.kpi} fall in the first week of "${scenario.name}" (${comparison.weeks[0]?.week ?? '—'}): nothing to refit with.`, [{ path: 'actuals', message: 'forecast.problem.noActualWeeks', params: { kpi: comparison.kpi, week: comparison.weeks[0]?.week ?? '—' } }]);
  }
  const usual = (values: (number | string | null)[]): number | string | null => {
    const nums = values.filter((v): v is number => typeof v === 'number');
    if (nums.length === values.length && nums.length) return nums.reduce((s, v) => s + v, 0) / nums.length;
    const counts = new Map<string, number>();
    for (const v of values) if (v !== null) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    return counts.size ? [...counts].reduce((a, b) => (b[1] > a[1] ? b : a))[0] : null;
  };
  return {
    data: {
      periods: [...data.periods, ...weeks.map((w) => w.week)],
      outcome: [...data.outcome, ...weeks.map((w) => w.actual)],
      spend: Object.fromEntries(Object.entries(data.spend).map(([c, xs]) => [c, [...xs, ...weeks.map(() => scenario.spend[c] ?? 0)]])),
      controls: Object.fromEntries(Object.entries(data.controls).map(([name, xs]) => [name, [...xs, ...weeks.map(() => usual(xs))]])),
    },
    info: { weeks: weeks.length, kpi: comparison.kpi, scenario: scenario.name },
  };
}
