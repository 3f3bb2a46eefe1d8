import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/main/core/random';
import { sampleDeMc } from '../../src/main/forecast/mmm/evolve';
import { mediaShares, nearestToMedian } from '../../src/main/forecast/mmm/posterior';

describe('posterior of the media transforms', () => {
  it('DE-MC draws follow a known density: a correlated Gaussian inside the unit cube, its means, spreads and correlation', () => {
    // N(mean, Σ) with sds 0.08 and 0.05, correlation 0.8, well inside the cube (the faces barely matter).
    const [m1, m2, s1, s2, rho] = [0.4, 0.6, 0.08, 0.05, 0.8];
    const logDensity = (g: number[]) => {
      const a = (g[0] - m1) / s1;
      const b = (g[1] - m2) / s2;
      return -(a * a - 2 * rho * a * b + b * b) / (2 * (1 - rho * rho));
    };
    const r = new Random(3);
    // Chains start spread wider than the target, as they do from the search's region.
    const start = Array.from({ length: 20 }, () => [0.2 + 0.4 * r.next(), 0.4 + 0.4 * r.next()]);
    const run = sampleDeMc(start, logDensity, { seed: 11, generations: 600, keep: 400 });
    const xs = run.samples.map((s) => s.genes[0]);
    const ys = run.samples.map((s) => s.genes[1]);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const sd = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));
    const corr = mean(xs.map((x, i) => (x - mean(xs)) * (ys[i] - mean(ys)))) / (sd(xs) * sd(ys));
    expect(Math.abs(mean(xs) - m1)).toBeLessThan(0.015);
    expect(Math.abs(mean(ys) - m2)).toBeLessThan(0.01);
    expect(sd(xs) / s1).toBeGreaterThan(0.8);
    expect(sd(xs) / s1).toBeLessThan(1.2);
    expect(sd(ys) / s2).toBeGreaterThan(0.8);
    expect(sd(ys) / s2).toBeLessThan(1.2);
    expect(corr).toBeGreaterThan(0.7);
    expect(run.acceptance).toBeGreaterThan(0.15);
  });

  it('the chains never leave the cube, and the same seed gives the same draws', () => {
    const flat = () => 0;
    const start = Array.from({ length: 10 }, (_, i) => [i / 10, 1 - i / 10, 0.5]);
    const a = sampleDeMc(start, flat, { seed: 5, generations: 50, keep: 50 });
    const b = sampleDeMc(start, flat, { seed: 5, generations: 50, keep: 50 });
    expect(a.samples).toEqual(b.samples);
    for (const s of a.samples) for (const g of s.genes) expect(g >= 0 && g <= 1).toBe(true);
  });

  it('the central draw is a real draw at least as near the median shares as any other; shares add up to 1', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 30 }), (draws) => {
        const i = nearestToMedian(draws);
        const median = [0, 1, 2].map((j) => {
          const v = draws.map((d) => d[j]).sort((x, y) => x - y);
          const m = v.length >> 1;
          return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
        });
        const distance = (d: number[]) => d.reduce((s, v, j) => s + (v - median[j]) ** 2, 0);
        return draws.every((d) => distance(draws[i]) <= distance(d) + 1e-12);
      }),
    );
    const shares = mediaShares([Float64Array.of(1, 2, 3), Float64Array.of(0, 0, 4)], [2, 1]);
    expect(shares[0]).toBeCloseTo(12 / 16, 12);
    expect(shares[0] + shares[1]).toBeCloseTo(1, 12);
  });
});
