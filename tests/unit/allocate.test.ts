import { spawnSync } from 'node:child_process';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from '../../src/main/forecast/allocate';
import { type ChannelFit, responseAt } from '../../src/shared/forecast';
import { refusal, tempDir } from './helpers';

type Channel = Pick<ChannelFit, 'name' | 'beta' | 'saturation' | 'averageSpend'>;
const hillChannel = (name: string, beta: number, shape: number, half: number, scale: number, averageSpend: number): Channel => ({ name, beta, saturation: { kind: 'hill', shape, halfSaturation: half, spendScale: scale }, averageSpend });
const logisticChannel = (name: string, beta: number, lambda: number, scale: number, averageSpend: number): Channel => ({ name, beta, saturation: { kind: 'logistic', lambda, spendScale: scale }, averageSpend });


describe('the budget allocator', () => {
  it('matches brute force on two channels, S-shaped or concave, for random curves, bounds and budgets', () => {
    fc.assert(
      fc.property(
        fc.record({
          b1: fc.double({ min: 100, max: 5000, noNaN: true }), s1: fc.double({ min: 0.5, max: 3, noNaN: true }), h1: fc.double({ min: 0.1, max: 1.2, noNaN: true }),
          b2: fc.double({ min: 100, max: 5000, noNaN: true }), l2: fc.double({ min: 0.2, max: 8, noNaN: true }),
          a1: fc.double({ min: 100, max: 10000, noNaN: true }), a2: fc.double({ min: 100, max: 10000, noNaN: true }), f: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        ({ b1, s1, h1, b2, l2, a1, a2, f }) => {
          const chans = [hillChannel('a', b1, s1, h1, 2 * a1, a1), logisticChannel('b', b2, l2, 2 * a2, a2)];
          const bounds: Record<string, [number, number]> = { a: [0.2 * a1, 2 * a1], b: [0.2 * a2, 2 * a2] };
          const budget = 0.2 * (a1 + a2) + f * 1.8 * (a1 + a2);
          const r = allocate({ channels: chans, budget, bounds });
          let best = -Infinity;
          const lo = Math.max(bounds.a[0], budget - bounds.b[1]);
          const hi = Math.min(bounds.a[1], budget - bounds.b[0]);
          for (let k = 0; k <= 20000; k++) {
            const x = lo + ((hi - lo) * k) / 20000;
            best = Math.max(best, responseAt(chans[0], x) + responseAt(chans[1], budget - x));
          }
          expect(r.response).toBeGreaterThanOrEqual(best - 1e-3 * Math.max(1, best) - 0.01);
          expect(r.channels[0].spend + r.channels[1].spend).toBeCloseTo(budget, 1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('explains itself: free channels end with equal marginal ROI, bound ones are named; today’s split is never better', () => {
    const chans = [logisticChannel('douyin', 2000, 3, 10000, 4000), logisticChannel('wechat', 1500, 2, 8000, 3000), logisticChannel('search', 400, 1, 5000, 2500)];
    const bounds: Record<string, [number, number]> = { douyin: [1000, 9000], wechat: [1000, 9000], search: [1750, 3000] };
    const r = allocate({ channels: chans, budget: 9500, bounds });
    const free = r.channels.filter((c) => !c.binding);
    expect(free.length).toBeGreaterThanOrEqual(2);
    for (const c of free) expect(c.mroi).toBeCloseTo(free[0].mroi, 2);
    const low = r.channels.find((c) => c.name === 'search')!;
    expect(low.binding).toBe('lower');
    expect(low.spend).toBeCloseTo(1750, 1);
    expect(r.explanation).toContain('search (lower');
    expect(r.response).toBeGreaterThanOrEqual(r.currentResponse - 1e-6);
    // The least budget for a target reaches it and no less would.
    const target = allocate({ channels: chans, target: r.response, bounds });
    expect(target.budget).toBeCloseTo(9500, -1);
  });

  it('bad input: a budget below the lower bounds or above the upper, an unreachable target, crossed bounds, an unknown channel', () => {
    const chans = [logisticChannel('a', 100, 2, 100, 50), logisticChannel('b', 100, 2, 100, 50)];
    expect(refusal(() => allocate({ channels: chans, budget: 10 })).issues?.[0]).toMatchObject({ path: 'budget', message: 'forecast.problem.belowBounds' });
    expect(refusal(() => allocate({ channels: chans, budget: 1e6 })).issues?.[0].message).toBe('forecast.problem.aboveBounds');
    const far = refusal(() => allocate({ channels: chans, target: 1e9 }));
    expect(far.code).toBe('refused');
    expect(far.message).toContain('out of reach');
    expect(refusal(() => allocate({ channels: chans, budget: 100, bounds: { a: [60, 10] } })).issues?.[0]).toMatchObject({ path: 'bounds.a', message: 'forecast.problem.bounds' });
    expect(refusal(() => allocate({ channels: chans, budget: 100, bounds: { radio: [0, 10] } })).issues?.[0].message).toBe('forecast.problem.unknownChannel');
  });

  it('forecast allocate from the built CLI on the demo: fits when there is no fit, prints the split with binding bounds and marginal ROIs', () => {
    const dir = tempDir();
    const run = (...args: string[]) => spawnSync(process.execPath, [path.resolve('bin/tandem.mjs'), '--json', '--data-dir', dir, ...args], { encoding: 'utf8' });
    expect(run('demo').status).toBe(0);
    const r = run('forecast', 'allocate', '--project', '1');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['budget', 'channels', 'response', 'currentResponse', 'explanation', 'plan']);
    // No --budget: the demo project's own budget over its twelve campaign weeks, not today's spend.
    expect(out.budget).toBeCloseTo(800_000 / 12, 0);
    expect(out.plan).toEqual({ budgetFrom: 'project', weeks: 12, start: '2027-01-04', total: expect.closeTo(800_000, -1), overBudget: null });
    expect(out.channels).toHaveLength(5);
    expect(Object.keys(out.channels[0])).toEqual(['name', 'spend', 'lower', 'upper', 'binding', 'mroi']);
    expect(out.response).toBeGreaterThanOrEqual(out.currentResponse);
    const low = run('forecast', 'allocate', '--project', '1', '--budget', '1');
    expect(low.status).toBe(2);
    expect(low.stderr).toContain('below the sum of the lower bounds');
    expect(run('forecast', 'allocate', '--project', '1', '--bounds', 'douyin=5').status).toBe(2);
    // DESIGN §2's form: several bounds after one --bounds.
    const bounds = (out.channels as { name: string; lower: number; upper: number }[]).map((c) => `${c.name}=${Math.floor(c.lower)}:${Math.ceil(c.upper) + (c.name === 'douyin' ? 5000 : 0)}`);
    const given = run('forecast', 'allocate', '--project', '1', '--budget', String(out.budget), '--bounds', ...bounds);
    expect(given.status, given.stderr).toBe(0);
    const douyin = out.channels.find((c: { name: string }) => c.name === 'douyin');
    const split = JSON.parse(given.stdout).channels.find((c: { name: string }) => c.name === 'douyin');
    expect(split).toMatchObject({ lower: Math.floor(douyin.lower), upper: Math.ceil(douyin.upper) + 5000 });
    expect(JSON.parse(given.stdout).plan.budgetFrom).toBe('request');
  }, 90_000);
});
