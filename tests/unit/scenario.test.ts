import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitMmm } from '../../src/main/forecast/mmm/mmm';
import { runScenario } from '../../src/main/forecast/scenario';
import { ScenarioService } from '../../src/main/forecast/scenarioService';
import { FitsRepo } from '../../src/main/forecast/fitsRepo';
import { openLibrary } from '../../src/main/db/library';
import { ProjectService } from '../../src/main/projects/service';
import { compareActuals } from '../../src/main/forecast/actuals';
import { DomainError } from '../../src/shared/result';
import { tempDir } from './helpers';

const rows = fs.readFileSync(path.resolve('tests/fixtures/mmm/mmm_example.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const fit = fitMmm({ periods: rows.map((r) => r[0]), outcome: rows.map((r) => +r[1]), spend: { x1: rows.map((r) => +r[2]), x2: rows.map((r) => +r[3]) }, controls: { event_1: rows.map((r) => +r[4]), event_2: rows.map((r) => +r[5]) } }, { holdout: 36, seed: 0, bootstrap: 20 });
const next = (k: number) => new Date(Date.parse('2021-08-30T00:00:00Z') + k * 7 * 86_400_000).toISOString().slice(0, 10);
const weeks = Array.from({ length: 8 }, (_, i) => next(i + 1));

describe('the scenario planner', () => {
  it('weekly P10 ≤ P50 ≤ P90; more spend, more outcome; past spend carries into a silent plan and fades', () => {
    const steady = runScenario(fit, { weeks, spend: { x1: weeks.map(() => 0.4), x2: weeks.map(() => 0.3) } });
    const silent = runScenario(fit, { weeks, spend: { x1: weeks.map(() => 0), x2: weeks.map(() => 0) } });
    for (const w of steady.weeks) expect(w.p10 <= w.p50 && w.p50 <= w.p90).toBe(true);
    expect(steady.total.p50).toBeGreaterThan(silent.total.p50);
    expect(silent.weeks[0].media).toBeGreaterThan(0);
    expect(silent.weeks[7].media).toBeLessThan(silent.weeks[0].media);
    expect(silent.weeks[7].media).toBeCloseTo(0, 6);
    // The steady plan's weeks sit in the range the history's outcome took.
    for (const w of steady.weeks) expect(w.p50).toBeGreaterThan(3000), expect(w.p50).toBeLessThan(9000);
    // The total's band is no wider than the weeks' bands added up.
    expect(steady.total.p90 - steady.total.p10).toBeLessThanOrEqual(steady.weeks.reduce((s, w) => s + w.p90 - w.p10, 0) + 1e-6);
  });

  it('bands carry the model’s out-of-sample error: a model that under-predicts its held-out weeks widens the band upward, and runs of weeks keep their correlation', () => {
    const history = { ...fit.history, residuals: { p10: -50, p90: 50 } };
    // Held-out errors all about +300: the model under-predicts, persistently.
    const biased = { ...fit, history: { ...history, errors: Array.from({ length: 20 }, (_, i) => 300 + (i % 3) * 10) } };
    const r = runScenario(biased, { weeks, spend: { x1: weeks.map(() => 0.4), x2: weeks.map(() => 0.3) } });
    for (const w of r.weeks) expect(w.p90 - w.p50).toBeGreaterThanOrEqual(300 - 1e-6), expect(w.p50 - w.p10).toBeCloseTo(50, 6);
    // Eight weeks of a persistent +300 error: the total's upper end is about 8 × 300, not √8 × 300.
    expect(r.total.p90 - r.total.p50).toBeGreaterThan(8 * 300 - 1);
    // Errors of alternating sign cancel over a run: the total's band stays near the noise's √h.
    const noisy = { ...fit, history: { ...history, errors: Array.from({ length: 20 }, (_, i) => (i % 2 ? 60 : -60)) } };
    const n = runScenario(noisy, { weeks, spend: { x1: weeks.map(() => 0.4), x2: weeks.map(() => 0.3) } });
    expect(n.total.p90 - n.total.p50).toBeCloseTo(Math.sqrt(8) * 50, 1);
    // A fit stored before the errors existed still runs, on the training residuals alone.
    const old = runScenario({ ...fit, history: { ...history, errors: undefined } }, { weeks, spend: { x1: weeks.map(() => 0.4), x2: weeks.map(() => 0.3) } });
    expect(old.weeks[0].p90 - old.weeks[0].p50).toBeCloseTo(50, 6);
  });

  it('bad plans: a week not after the history, a gap, an unknown channel, negative spend, lengths that disagree', () => {
    const fail = (plan: { weeks: string[]; spend: Record<string, number[]> }) => {
      try {
        runScenario(fit, plan);
      } catch (e) {
        return (e as DomainError).issues?.[0];
      }
      throw new Error('expected a refusal');
    };
    expect(fail({ weeks: ['2021-08-30'], spend: { x1: [1] } })).toMatchObject({ path: 'weeks.0', message: 'forecast.problem.planInPast' });
    expect(fail({ weeks: [next(1), next(3)], spend: { x1: [1, 1] } })).toMatchObject({ path: 'weeks.1', message: 'forecast.problem.gap' });
    expect(fail({ weeks: [next(1)], spend: { radio: [1] } })).toMatchObject({ path: 'spend.radio', message: 'forecast.problem.unknownChannel' });
    expect(fail({ weeks: [next(1)], spend: { x1: [-1] } })).toMatchObject({ path: 'spend.x1.0', message: 'forecast.problem.negativeSpend' });
    expect(fail({ weeks: [next(1), next(2)], spend: { x1: [1] } })).toMatchObject({ path: 'spend.x1', message: 'forecast.problem.lengths' });
  });

  it('saved scenarios: at most four, each run under the latest fit, refused or explained when they cannot be', () => {
    const lib = openLibrary(tempDir());
    const id = new ProjectService(lib.db).create({ name: 'Scenarios' } as never).id;
    const service = new ScenarioService(lib.db);
    let list = service.save(id, { name: 'Today', weeks: 8, spend: { x1: 0.4, x2: 0.3 } });
    expect(list[0]).toMatchObject({ name: 'Today', result: null, problem: { message: 'forecast.problem.noFit' } });
    new FitsRepo(lib.db).save(id, {}, fit, new Date());
    list = service.save(id, { name: 'No x2', weeks: 8, spend: { x1: 0.4, x2: 0 } });
    expect(list).toHaveLength(2);
    expect(list[0].result!.total.p50).toBeGreaterThan(list[1].result!.total.p50);
    expect(list[0].result!.weeks).toHaveLength(8);
    service.save(id, { name: 'Radio', weeks: 4, spend: { radio: 1 } });
    expect(service.list(id)[2].problem).toEqual({ message: 'forecast.problem.unknownChannel', params: { channel: 'radio' } });
    service.save(id, { name: 'Four', weeks: 4, spend: {} });
    const full = (() => { try { service.save(id, { name: 'Five', weeks: 4, spend: {} }); } catch (e) { return e as DomainError; } throw new Error('expected a refusal'); })();
    expect(full.issues?.[0].message).toBe('forecast.problem.tooManyScenarios');
    expect(service.list(id)).toHaveLength(4);
    expect(service.remove(id, list[0].id)).toHaveLength(3);
  });

  it('actuals after launch: a KPI summed per scenario week against its band — MAPE, bias, coverage; no actuals or an unknown KPI refused', () => {
    const lib = openLibrary(tempDir());
    const id = new ProjectService(lib.db).create({ name: 'Launched' } as never).id;
    new FitsRepo(lib.db).save(id, {}, fit, new Date());
    const [scenario] = new ScenarioService(lib.db).save(id, { name: 'Plan', weeks: 6, spend: { x1: 0.4, x2: 0.3 } });
    const fail = (kpi?: string) => { try { compareActuals(lib.db, id, scenario, kpi); } catch (e) { return e as DomainError; } throw new Error('expected a refusal'); };
    expect(fail().code).toBe('refused');
    const insert = lib.db.prepare('INSERT INTO actuals (project_id, date, kpis) VALUES (?, ?, ?)');
    // Three weeks of daily sign-ups: on P50, 10% above, 50% above.
    scenario.result!.weeks.slice(0, 3).forEach((w, k) => {
      for (let d = 0; d < 7; d++) insert.run(id, new Date(Date.parse(`${w.week}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10), JSON.stringify({ signups: (w.p50 * [1, 1.1, 1.5][k]) / 7, visits: 1 }));
    });
    const r = compareActuals(lib.db, id, scenario, 'signups');
    expect(r.kpis).toEqual(['signups', 'visits']);
    expect(r.matched).toBe(3);
    expect(r.weeks[3].actual).toBeNull();
    expect(r.weeks[1].actual).toBeCloseTo(scenario.result!.weeks[1].p50 * 1.1, 1);
    expect(r.mape).toBeCloseTo((0 + 0.1 / 1.1 + 0.5 / 1.5) / 3, 3);
    expect(r.bias).toBeLessThan(0);
    expect(r.coverage).toBeCloseTo(1 / 3, 3);
    expect(fail('revenue').issues?.[0]).toMatchObject({ path: 'kpi', message: 'forecast.problem.unknownKpi' });
  });

  it('forecast scenario from the built CLI on the demo: a plan CSV in, weekly P10/P50/P90 out', () => {
    const dir = tempDir();
    const run = (...args: string[]) => spawnSync(process.execPath, [path.resolve('bin/tandem.mjs'), '--json', '--data-dir', dir, ...args], { encoding: 'utf8' });
    expect(run('demo').status).toBe(0);
    expect(run('forecast', 'mmm', '--project', '1', '--holdout-weeks', '26', '--bootstrap', '20').status).toBe(0);
    const last = '2026-10-26';
    const plan = path.join(dir, 'plan.csv');
    const lines = ['week,douyin,wechat,xiaohongshu,bilibili,spend.search'];
    for (let k = 1; k <= 6; k++) lines.push(`${new Date(Date.parse(`${last}T00:00:00Z`) + k * 7 * 86_400_000).toISOString().slice(0, 10)},40000,30000,25000,15000,14000`);
    fs.writeFileSync(plan, lines.join('\n'));
    const r = run('forecast', 'scenario', '--project', '1', '--plan', plan);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['weeks', 'total', 'contributions']);
    expect(out.weeks).toHaveLength(6);
    expect(Object.keys(out.weeks[0])).toEqual(['week', 'p10', 'p50', 'p90']);
    for (const w of out.weeks) expect(w.p10 <= w.p50 && w.p50 <= w.p90).toBe(true);
    fs.writeFileSync(plan, 'week,radio\n2026-11-02,5');
    const bad = run('forecast', 'scenario', '--project', '1', '--plan', plan);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('There is no channel radio in the model.');
  }, 90_000);
});
