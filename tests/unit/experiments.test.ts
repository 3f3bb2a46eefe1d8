import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { liftTests, oracleFit, recoveryOf, simulateHistory, spread } from '../../scripts/peers/mmmSuite';
import { importFile } from '../../src/main/data/importer';
import { DatasetsRepo } from '../../src/main/db/datasetsRepo';
import { openLibrary } from '../../src/main/db/library';
import { ProjectsRepo } from '../../src/main/db/projectsRepo';
import { ExperimentService } from '../../src/main/forecast/experimentService';
import { fitMmm } from '../../src/main/forecast/mmm/mmm';
import { experimentAddSchema } from '../../src/shared/forecast';
import { nextTest } from '../../src/shared/nextTest';
import { DEFAULT_PROJECT_FIELDS } from '../../src/shared/project';
import { refusal, tempDir } from './helpers';

/**
 * Lift tests: a data kind imported with located refusals, entered by hand, and a calibration
 * the marketing-mix fit honours (its figure for each test within the test's error, shares
 * nearer the truth than without them on the recovery suite's histories, ROI intervals
 * narrower); and the next test to run.
 */
function project() {
  const lib = openLibrary(tempDir());
  const projectId = new ProjectsRepo(lib.db).insert({ ...DEFAULT_PROJECT_FIELDS, name: 'Lift tests' }, new Date().toISOString());
  return { lib, projectId, rows: () => new DatasetsRepo(lib.db).page(projectId, 'experiments', 0, 100) };
}

function withCampaigns() {
  const p = project();
  const dir = tempDir();
  const file = path.join(dir, 'campaigns.csv');
  const lines = ['period,outcome,spend.tv,spend.search'];
  for (let t = 0; t < 20; t++) lines.push(`${new Date(Date.UTC(2024, 0, 1) + t * 7 * 86_400_000).toISOString().slice(0, 10)},${1000 + t},${100 + t},${50}`);
  fs.writeFileSync(file, lines.join('\n'));
  importFile(p.lib.db, { projectId: p.projectId, kind: 'campaigns', file });
  return { ...p, dir };
}

describe('lift tests as data', () => {
  it('import reads a standard error or a 95% interval and refuses, located, an end before its start, a non-positive error, an unknown channel and a window outside the campaign weeks', () => {
    const { lib, projectId, rows, dir } = withCampaigns();
    const file = path.join(dir, 'lift.csv');
    fs.writeFileSync(
      file,
      [
        '实验名称,渠道,开始日期,结束日期,增量,标准误,下限,上限',
        'tv spring,tv,2024-02-05,2024-03-03,5200,800,,',
        'search holdout,search,2024-03-04,2024-03-24,900,,508,1292',
        'backwards,tv,2024-03-10,2024-03-01,100,10,,',
        'zero error,tv,2024-02-05,2024-02-11,100,0,,',
        'radio,radio,2024-02-05,2024-02-11,100,10,,',
        'too late,tv,2024-05-06,2024-06-30,100,10,,',
        'no error,tv,2024-02-05,2024-02-11,100,,,',
      ].join('\n'),
    );
    const r = importFile(lib.db, { projectId, kind: 'experiments', file });
    expect(r).toMatchObject({ rowsRead: 7, rowsImported: 2, written: true });
    expect(r.rejected.map((x) => `${x.row}:${x.column}:${x.code}`)).toEqual(['4:结束日期:endBeforeStart', '5:标准误:nonPositiveError', '6:渠道:unknownChannel', '7:结束日期:outsidePeriods', '8:标准误:noError']);
    expect(rows()).toEqual([
      { name: 'tv spring', channel: 'tv', start: '2024-02-05', end: '2024-03-03', lift: 5200, standardError: 800 },
      { name: 'search holdout', channel: 'search', start: '2024-03-04', end: '2024-03-24', lift: 900, standardError: expect.closeTo(784 / 3.92, 6) },
    ]);
    // Strict: one refused row and nothing is written.
    const strict = importFile(lib.db, { projectId, kind: 'experiments', file, mode: 'replace', strict: true });
    expect(strict.written).toBe(false);
    expect(rows()).toHaveLength(2);
  });

  it('a mapping with neither a standard error nor both ends of an interval is refused before any row is read', () => {
    const { lib, projectId, dir } = withCampaigns();
    const file = path.join(dir, 'lift.csv');
    fs.writeFileSync(file, 'channel,start,end,lift\ntv,2024-02-05,2024-02-11,100\n');
    expect(refusal(() => importFile(lib.db, { projectId, kind: 'experiments', file })).issues?.map((i) => i.message)).toEqual(['import.problem.noError']);
  });

  it('entered by hand: checked against the campaigns (channel, weeks), added and removed in one transaction each; the contract refuses a non-positive error and an end before its start', () => {
    const { lib, projectId, rows } = withCampaigns();
    const service = new ExperimentService(lib.db);
    expect(service.view(projectId)).toMatchObject({ experiments: [], channels: ['search', 'tv'], from: '2024-01-01', to: '2024-05-19' });
    const good = { channel: 'tv', start: '2024-02-05', end: '2024-02-25', lift: 3000, standardError: 400 };
    expect(service.add(projectId, good).experiments).toEqual([{ name: 'tv 2024-02-05', ...good }]);
    expect(refusal(() => service.add(projectId, { ...good, channel: 'radio' })).issues?.[0]).toMatchObject({ path: 'channel', message: 'forecast.problem.experimentChannel' });
    expect(refusal(() => service.add(projectId, { ...good, end: '2024-07-01' })).issues?.[0]).toMatchObject({ path: 'end', message: 'forecast.problem.experimentOutsideCampaigns' });
    expect(rows()).toHaveLength(1);
    const bad = (e: object) => experimentAddSchema.safeParse({ projectId, experiment: { ...good, ...e } }).error?.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    expect(bad({ standardError: 0 })).toEqual(['experiment.standardError:validation.aboveZero']);
    expect(bad({ standardError: -3 })).toEqual(['experiment.standardError:validation.aboveZero']);
    expect(bad({ end: '2024-01-01' })).toEqual(['experiment.end:validation.endBeforeStart']);
    expect(service.add(projectId, { ...good, name: 'second', start: '2024-03-04', end: '2024-03-10' }).experiments).toHaveLength(2);
    expect(service.remove(projectId, 0).experiments.map((e) => e.name)).toEqual(['second']);
    expect(new DatasetsRepo(lib.db).meta(projectId, 'experiments')?.rows).toBe(1);
    expect(refusal(() => service.remove(projectId, 5)).code).toBe('not_found');
  });
});

describe('calibration with lift tests', () => {
  it('the fit refuses, located, a test on a channel it does not have, ending before it starts, outside the fitted weeks or with a non-positive error', () => {
    const h = simulateHistory(3);
    const tests = liftTests(h);
    const fit = (change: object) => refusal(() => fitMmm(h.data, { holdout: h.holdout, generations: 2, bootstrap: 0, experiments: [{ ...tests[0], ...change }] })).issues?.map((i) => `${i.path}:${i.message}`);
    expect(fit({ channel: 'radio' })).toEqual(['experiments.0.channel:forecast.problem.experimentChannel']);
    expect(fit({ start: tests[0].end, end: tests[0].start })).toContain('experiments.0.end:forecast.problem.experimentEndBeforeStart');
    expect(fit({ standardError: 0 })).toEqual(['experiments.0.standardError:forecast.problem.experimentError']);
    // The held-out weeks are never fitted: a test inside them cannot calibrate.
    const heldOut = h.data.periods[h.data.periods.length - 2];
    expect(fit({ start: heldOut, end: heldOut })).toEqual(['experiments.0.start:forecast.problem.experimentOutside']);
  });

  it('with one test per channel the shares come nearer the truth than without on the suite’s histories, each test is honoured within its error, and the ROI intervals narrow', () => {
    // Seeds apart from the bench's (1000 on); a short search keeps the test quick.
    const seeds = [3, 8, 10, 13];
    const without: number[] = [];
    const withTests: number[] = [];
    const z: number[] = [];
    const narrowing: number[] = [];
    for (const seed of seeds) {
      const h = simulateHistory(seed);
      const o = { holdout: h.holdout, seed: 0, generations: 25, bootstrap: 60 };
      without.push(recoveryOf(h, fitMmm(h.data, o).channels, null).maxShareError);
      const calibrated = fitMmm(h.data, { ...o, experiments: liftTests(h) });
      withTests.push(recoveryOf(h, calibrated.channels, null).maxShareError);
      z.push(...calibrated.calibration!.experiments.map((e) => Math.abs(e.z)));
      narrowing.push(...Object.values(calibrated.calibration!.roiNarrowing));
      for (const e of calibrated.calibration!.experiments) expect(e.modelP10).toBeLessThanOrEqual(e.modelP90);
    }
    expect(spread(withTests).median).toBeLessThan(spread(without).median / 2);
    expect(Math.max(...z)).toBeLessThan(2);
    expect(spread(z).median).toBeLessThan(1);
    expect(spread(narrowing).median).toBeGreaterThan(0.1);
    // No better than the oracle given the true transforms is expected; near it is.
    expect(spread(withTests).median).toBeLessThan(0.08);
    expect(oracleFit(simulateHistory(3))).toHaveLength(4);
  });
});

describe('the next test to run', () => {
  const h = simulateHistory(10);
  const fit = fitMmm(h.data, { holdout: h.holdout, seed: 0, generations: 20, bootstrap: 60 });

  it('ranks the channels by the outcome their ROI uncertainty spans, and a longer or larger test detects less and narrows more', () => {
    const plan = nextTest(fit, { weeks: 6, size: 1 });
    expect(plan.channels.map((c) => c.atStake)).toEqual([...plan.channels.map((c) => c.atStake)].sort((a, b) => b - a));
    expect(plan.best).toBe(plan.channels[0].name);
    expect(plan.sigma).toBeGreaterThan(0);
    const longer = nextTest(fit, { weeks: 12, size: 1 });
    const smaller = nextTest(fit, { weeks: 6, size: 0.3 });
    for (const c of plan.channels) {
      const l = longer.channels.find((x) => x.name === c.name)!;
      const s = smaller.channels.find((x) => x.name === c.name)!;
      expect(l.mdeShare!).toBeLessThan(c.mdeShare!);
      expect(l.narrowing).toBeGreaterThanOrEqual(c.narrowing);
      expect(s.narrowing).toBeLessThanOrEqual(c.narrowing);
      expect(c.narrowing).toBeGreaterThanOrEqual(0);
      expect(c.narrowing).toBeLessThan(1);
      expect(c.roiP90After - c.roiP10After).toBeLessThanOrEqual(c.roiP90 - c.roiP10 + 1e-3);
      expect(c.mde).toBeCloseTo(2.8016 * c.standardError, 0);
    }
  });
});
