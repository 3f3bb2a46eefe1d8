import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/main/core/random';
import { openLibrary } from '../../src/main/db/library';
import { generateDemo } from '../../src/main/demo/generate';
import { RECIPE } from '../../src/main/demo/recipe';
import { writeDemo } from '../../src/main/demo/write';
import { fitCampaignModel } from '../../src/main/forecast/campaign/campaignModel';
import type { CampaignRow } from '../../src/main/forecast/campaign/campaignRows';
import { loadCampaignRows } from '../../src/main/forecast/campaign/campaignRows';
import { CampaignModelService } from '../../src/main/forecast/campaign/campaignService';
import { ChecklistRepo } from '../../src/main/risk/checklistRepo';
import { refusal, tempDir } from './helpers';

/** The truth the simulated campaigns are drawn from. */
const TRUTH = { perWeek: 2000, perBudget: 0.01, perAddressable: 0.006, type: { kol: 0, museum: 3000, brand: -1500, automaker: -3000 } as Record<string, number>, noise: 1500 };

function campaign(rng: Random, i: number): CampaignRow {
  const weeks = rng.int(3, 12);
  const budget = Math.round(weeks * rng.uniform(80_000, 150_000));
  const addressable = Math.round(rng.lognormal(13, 0.8));
  const type = rng.pick(Object.keys(TRUTH.type));
  const outcome = TRUTH.perWeek * weeks + TRUTH.perBudget * budget + TRUTH.perAddressable * addressable + TRUTH.type[type] + rng.normal(0, TRUTH.noise);
  return { id: `C${i}`, from: '2024-01-01', to: '2024-02-01', outcome, drivers: { budget, duration_weeks: weeks, addressable_audience: addressable, partner_type: type, partner_fee: Math.round(addressable * rng.uniform(0.05, 0.2)) } };
}

describe('the campaign-level model', () => {
  it('recovers known effects on simulated campaigns (three seeds), its P10–P90 covers about 80% of new campaigns, and it beats the least-squares line', () => {
    for (const seed of [1, 2, 3]) {
      const rng = new Random(seed);
      const past = Array.from({ length: 40 }, (_, i) => campaign(rng, i));
      const m = fitCampaignModel(past, { seed });
      const coef = (driver: string, level: string | null = null) => m.coefficients.find((c) => c.driver === driver && c.level === level)!;
      const addressable = coef('addressable_audience');
      expect(Math.abs(addressable.estimate - TRUTH.perAddressable) / TRUTH.perAddressable, `seed ${seed}`).toBeLessThan(0.25);
      expect(addressable.p10).toBeLessThan(addressable.estimate);
      expect(addressable.p90).toBeGreaterThan(addressable.estimate);
      expect(Math.abs(coef('duration_weeks').estimate - TRUTH.perWeek)).toBeLessThan(800);
      // Partner types against the most frequent one: the museum's lead over the automaker shows.
      const level = (l: string) => coef('partner_type', l)?.estimate ?? 0;
      expect(level('museum') - level('automaker'), `seed ${seed}`).toBeGreaterThan(3000);
      // A fee that has no effect of its own is not credited with much (its interval straddles 0 or is small).
      const fee = coef('partner_fee');
      expect(fee.p10 < 0 || Math.abs(fee.perSd) < 0.2 * Math.abs(addressable.perSd)).toBe(true);
      expect(m.score.mape).toBeLessThan(m.baseline.score.mape);
      expect(m.baseline.driver).toBe('addressable_audience');

      const fresh = Array.from({ length: 400 }, (_, i) => campaign(rng, 100 + i));
      const covered = fresh.filter((c) => {
        const p = m.predict(c.drivers);
        expect(p.p10).toBeLessThanOrEqual(p.p50);
        expect(p.p90).toBeGreaterThanOrEqual(p.p50);
        return c.outcome >= p.p10 && c.outcome <= p.p90;
      }).length / fresh.length;
      expect(covered, `seed ${seed}`).toBeGreaterThan(0.7);
      expect(covered, `seed ${seed}`).toBeLessThan(0.95);
    }
  });

  it('same seed, same model; a level never seen and a value beyond the past range are flagged', () => {
    const rng = new Random(9);
    const past = Array.from({ length: 20 }, (_, i) => campaign(rng, i));
    expect(JSON.stringify(fitCampaignModel(past, { seed: 4 }).coefficients)).toBe(JSON.stringify(fitCampaignModel(past, { seed: 4 }).coefficients));
    const m = fitCampaignModel(past);
    expect(m.outside({ partner_type: 'school', addressable_audience: 1e9, budget: 500_000 }).sort()).toEqual(['addressable_audience', 'partner_type']);
  });

  it('refuses too few campaigns, a constant outcome and drivers that never vary, with located messages', () => {
    const rng = new Random(5);
    const past = Array.from({ length: 12 }, (_, i) => campaign(rng, i));
    expect(refusal(() => fitCampaignModel(past.slice(0, 4))).issues?.[0]).toMatchObject({ path: 'campaigns', message: 'campaign.problem.tooFew', params: { n: 4, min: 5 } });
    expect(refusal(() => fitCampaignModel(past.map((c) => ({ ...c, outcome: 100 })))).issues?.[0].message).toBe('campaign.problem.constant');
    const flat = past.map((c) => ({ ...c, drivers: { budget: 1000, partner_type: 'kol', code: c.id } }));
    expect(refusal(() => fitCampaignModel(flat)).issues?.[0].message).toBe('campaign.problem.noDrivers');
  });

  it('on the demo: one row per past campaign from its weeks, and each shortlisted partner’s outcome with its interval, drivers and their sources', () => {
    const lib = openLibrary(tempDir());
    const demo = generateDemo(20261123, { recipe: { ...RECIPE, counts: { ...RECIPE.counts, users: 3000, interactions: 20000 } } });
    const id = writeDemo(lib.db, demo, new Date('2026-11-23T09:00:00Z'));
    const rows = loadCampaignRows(lib.db, id);
    expect(rows.map((r) => r.id)).toEqual(demo.truth.campaigns.flights.map((f) => f.id));
    const first = demo.truth.campaigns.flights[0];
    const weeks = demo.campaigns.filter((r) => r.campaignId === first.id);
    expect(rows[0]).toMatchObject({ outcome: weeks.reduce((s, r) => s + r.outcome, 0), drivers: { duration_weeks: first.weeks, addressable_audience: first.addressable, partner_type: first.partnerType, partner_fee: first.fee } });
    expect(rows[0].drivers.budget).toBe(weeks.reduce((s, r) => s + Object.values(r.spend).reduce((a, b) => a + b, 0), 0));

    const model = new CampaignModelService(lib.db).model({ projectId: id });
    const shortlist = new ChecklistRepo(lib.db).shortlist(id);
    expect(model.predictions.map((p) => p.partnerId)).toEqual(shortlist);
    // The demo's partners add sign-ups in proportion to addressable audience: the model finds it, with an interval above 0.
    const addr = model.coefficients.find((c) => c.driver === 'addressable_audience')!;
    expect(addr.p10).toBeGreaterThan(0);
    expect(model.score.mape).toBeLessThan(model.baseline.score.mape);
    for (const p of model.predictions) {
      expect(p.p10).toBeLessThanOrEqual(p.p50);
      expect(p.p50).toBeLessThanOrEqual(p.p90);
      expect(p.sources).toMatchObject({ addressable_audience: 'partner', partner_type: 'partner', duration_weeks: 'plan', budget: 'plan' });
      expect(p.drivers.duration_weeks).toBe(12);
      expect(p.drivers.budget).toBe(800_000 - (p.drivers.partner_fee as number));
    }
    // A partner with a bigger addressable audience is predicted to bring more, other things equal.
    const named = new CampaignModelService(lib.db).model({ projectId: id, partners: ['p001', 'p002', 'p003', 'p004'] });
    expect(named.predictions).toHaveLength(4);
    expect(refusal(() => new CampaignModelService(lib.db).model({ projectId: id, partners: [''] })).code).toBe('invalid_input');
  }, 60_000);

  it('forecast campaign from the built CLI on the demo; a project without campaigns is refused', () => {
    const dir = tempDir();
    const run = (...args: string[]) => spawnSync(process.execPath, [path.resolve('bin/tandem.mjs'), '--json', '--data-dir', dir, ...args], { encoding: 'utf8' });
    expect(run('demo').status).toBe(0);
    const r = run('forecast', 'campaign', '--project', '1');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['campaigns', 'lambda', 'score', 'baseline', 'coefficients', 'predictions', 'verdict']);
    expect(out.verdict.level).toMatch(/^(good|care|untrustworthy)$/);
    expect(out.campaigns).toBe(15);
    expect(out.predictions.length).toBeGreaterThan(0);
    expect(out.predictions[0]).toMatchObject({ partnerId: expect.any(String), p10: expect.any(Number), p50: expect.any(Number), p90: expect.any(Number) });
    expect(run('project', 'create', '--name', 'Empty').status).toBe(0);
    const empty = run('forecast', 'campaign', '--project', '2');
    expect(empty.status).toBe(3);
    expect(empty.stderr).toContain('campaign_id');
  }, 90_000);
});
