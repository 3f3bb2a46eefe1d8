import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/main/db/library';
import { generateDemo } from '../../src/main/demo/generate';
import { RECIPE } from '../../src/main/demo/recipe';
import { writeDemo } from '../../src/main/demo/write';
import { FitsRepo } from '../../src/main/forecast/fitsRepo';
import { runMmmTask } from '../../src/main/forecast/mmmTask';
import { ScenarioService } from '../../src/main/forecast/scenarioService';
import type { MmmResult } from '../../src/shared/forecast';
import { refusal, tempDir } from './helpers';

const DAY = 86_400_000;

describe('refitting the marketing-mix model with actuals', () => {
  it('appends the scenario’s weeks that have actuals (their spend, the KPI’s weekly sum) and refits; a week without actuals ends the run; none at all is refused', () => {
    const dir = tempDir();
    const lib = openLibrary(dir);
    const id = writeDemo(lib.db, generateDemo(20261123, { recipe: { ...RECIPE, counts: { ...RECIPE.counts, users: 2000, interactions: 10000 } } }), new Date('2026-11-23T09:00:00Z'));
    const ctx = { dataDir: dir, progress: () => {}, checkCancelled: () => {} };
    const fast = { projectId: id, bootstrap: 0, seed: 3 };
    const first = runMmmTask(fast, ctx) as MmmResult;
    const scenarios = new ScenarioService(lib.db);
    const spend = Object.fromEntries(first.channels.map((c) => [c.name, Math.round(c.saturation.spendScale)]));
    const [saved] = scenarios.save(id, { name: 'Launch', weeks: 8, spend });
    const weeks = saved.result!.weeks.map((w) => w.week);

    // No actuals in the scenario's weeks yet: refused, located, and the fit is left as it was.
    lib.db.prepare('INSERT INTO actuals (project_id, date, kpis) VALUES (?, ?, ?)').run(id, '2020-01-01', JSON.stringify({ signups: 10 }));
    expect(refusal(() => runMmmTask({ ...fast, actuals: { scenarioId: saved.id } }, ctx)).issues?.[0]).toMatchObject({ path: 'actuals', message: 'forecast.problem.noActualWeeks' });
    expect(new FitsRepo(lib.db).latest(id)!.result.weeks.total).toBe(first.weeks.total);

    // Daily actuals for weeks 1–3 and 5: weeks 1–3 are taken (week 4 has none), each the sum of its days.
    const insert = lib.db.prepare('INSERT INTO actuals (project_id, date, kpis) VALUES (?, ?, ?)');
    for (const k of [0, 1, 2, 4]) for (let d = 0; d < 7; d++) insert.run(id, new Date(Date.parse(`${weeks[k]}T00:00:00Z`) + d * DAY).toISOString().slice(0, 10), JSON.stringify({ signups: 500 + k, visits: 9 }));
    const refit = runMmmTask({ ...fast, actuals: { scenarioId: saved.id, kpi: 'signups' } }, ctx) as MmmResult;
    expect(refit.actuals).toEqual({ weeks: 3, kpi: 'signups', scenario: 'Launch' });
    expect(refit.weeks.total).toBe(first.weeks.total + 3);
    expect(refit.series.periods.slice(-3)).toEqual(weeks.slice(0, 3));
    expect(refit.series.actual.slice(-3)).toEqual([3500, 3507, 3514]);
    for (const c of refit.channels) expect(refit.history.spend[c.name].slice(-3)).toEqual([spend[c.name], spend[c.name], spend[c.name]]);
    // Kept as the latest fit: scenarios now start after the weeks taken in.
    expect(new FitsRepo(lib.db).latest(id)!.result.actuals?.weeks).toBe(3);
    expect(scenarios.list(id)[0].result!.weeks[0].week).toBe(weeks[3]);
    expect(refusal(() => runMmmTask({ ...fast, actuals: { scenarioId: 999 } }, ctx)).code).toBe('not_found');
  }, 120_000);
});
