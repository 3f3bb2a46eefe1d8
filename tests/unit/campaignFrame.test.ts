import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campaignFrame, planFlags, planWeeks } from '../../src/shared/campaignFrame';

const channels = [
  { name: 'douyin', averageSpend: 120_000 },
  { name: 'search', averageSpend: 60_000 },
  { name: 'kol', averageSpend: 40_205 },
];
const fit = { channels, lastWeek: '2026-10-26' };

describe('the campaign the forecasts plan for', () => {
  it('takes the project’s weeks on the history’s grid and spreads its budget over them (the demo’s case)', () => {
    const f = campaignFrame({ budget: 800_000, startDate: '2027-01-04', endDate: '2027-03-28' }, fit);
    expect(f).toMatchObject({ start: '2027-01-04', weeks: 12, datesFrom: 'project', budgetFrom: 'project', budget: 800_000 });
    expect(f.weeklyBudget).toBeCloseTo(800_000 / 12, 1);
    // Today's mix (220,205 a week) scaled to the project's 66,667.
    expect(f.split.douyin / f.split.search).toBeCloseTo(2, 6);
    expect(Object.values(f.split).reduce((a, b) => a + b, 0)).toBeCloseTo(f.weeklyBudget, 0);
    expect(planFlags({ budget: 800_000, startDate: '2027-01-04', endDate: '2027-03-28' }, planWeeks(f.start, f.weeks), f.weeklyBudget * f.weeks)).toEqual({ overBudget: null, outsideDates: [] });
  });

  it('starts on the first grid week of a mid-week start, and after the history when the project has no dates or they lie inside it', () => {
    expect(campaignFrame({ budget: 0, startDate: '2027-01-06', endDate: '2027-02-28' }, fit)).toMatchObject({ start: '2027-01-11', weeks: 7 });
    const none = campaignFrame({ budget: 0, startDate: null, endDate: null }, fit);
    expect(none).toMatchObject({ start: '2026-11-02', weeks: 12, datesFrom: 'history', budgetFrom: 'history', budget: null, weeklyBudget: 220_205 });
    expect(campaignFrame({ budget: 0, startDate: '2026-06-01', endDate: '2026-07-01' }, fit)).toMatchObject({ start: '2026-11-02', datesFrom: 'history' });
  });

  it('flags spend over the budget and weeks outside the campaign dates', () => {
    const project = { budget: 800_000, startDate: '2027-01-04', endDate: '2027-03-28' };
    const weeks = planWeeks('2027-01-04', 20);
    expect(planFlags(project, weeks, 20 * 66_666)).toEqual({ overBudget: 533_320, outsideDates: weeks.slice(12) });
    // Rounding of weekly amounts is not an excess.
    expect(planFlags(project, weeks.slice(0, 12), 12 * 66_667).overBudget).toBeNull();
  });

  it('always splits exactly the weekly budget, with bounds around each channel’s share (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 104 }), fc.array(fc.integer({ min: 1, max: 500_000 }), { minLength: 1, maxLength: 8 }), (budget, weeks, spends) => {
        const end = new Date(Date.parse('2027-01-04T00:00:00Z') + (weeks * 7 - 1) * 86_400_000).toISOString().slice(0, 10);
        const f = campaignFrame({ budget, startDate: '2027-01-04', endDate: end }, { channels: spends.map((s, i) => ({ name: `c${i}`, averageSpend: s })), lastWeek: '2026-10-26' });
        expect(f.weeks).toBe(weeks);
        expect(Math.abs(Object.values(f.split).reduce((a, b) => a + b, 0) - budget / weeks)).toBeLessThan(0.01 * spends.length + 1e-6);
        for (const [name, [lo, hi]] of Object.entries(f.bounds)) {
          expect(lo).toBeLessThanOrEqual(f.split[name] + 0.01);
          expect(hi).toBeGreaterThanOrEqual(f.split[name] - 0.01);
        }
      }),
      { numRuns: 200 },
    );
  });
});
