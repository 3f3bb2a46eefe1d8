import { describe, expect, it } from 'vitest';
import { bassCurve, fitBass } from '../../src/main/forecast/bass';
import { Random } from '../../src/main/core/random';
import { DomainError } from '../../src/shared/result';

describe('Bass diffusion', () => {
  it('the curve: cumulative rises to the market size, weekly adoption peaks at ln(q/p)/(p+q)', () => {
    const c = bassCurve({ p: 0.01, q: 0.3, m: 50_000 }, 200);
    expect(c.cumulative.at(-1)).toBeCloseTo(50_000, -1);
    const peak = c.weekly.indexOf(Math.max(...c.weekly)) + 1;
    expect(Math.abs(peak - c.peakWeek)).toBeLessThan(1.5);
    expect(c.weekly.every((w) => w >= 0)).toBe(true);
  });

  it('fits p, q and m back from a known curve, exactly without noise and closely with it', () => {
    for (const truth of [{ p: 0.01, q: 0.3, m: 50_000 }, { p: 0.03, q: 0.15, m: 8000 }, { p: 0.002, q: 0.6, m: 120_000 }]) {
      const weekly = bassCurve(truth, 40).weekly;
      const fit = fitBass(weekly);
      expect(fit.p / truth.p).toBeCloseTo(1, 3);
      expect(fit.q / truth.q).toBeCloseTo(1, 3);
      expect(fit.m / truth.m).toBeCloseTo(1, 3);
      const r = new Random(7);
      const noisy = weekly.map((w) => Math.max(0, w * (1 + 0.05 * r.normal())));
      const rough = fitBass(noisy);
      expect(Math.abs(rough.q / truth.q - 1)).toBeLessThan(0.1);
      expect(Math.abs(rough.m / truth.m - 1)).toBeLessThan(0.1);
    }
  });

  it('refuses too short, negative or empty series with a located message', () => {
    const fail = (w: number[]) => {
      try {
        fitBass(w);
      } catch (e) {
        return e as DomainError;
      }
      throw new Error('expected a refusal');
    };
    expect(fail([1, 2]).issues?.[0].message).toBe('forecast.problem.bassShort');
    expect(fail([1, 2, -3, 4]).issues?.[0].path).toBe('weekly.2');
    expect(fail([0, 0, 0, 0]).issues?.[0].message).toBe('forecast.problem.bassEmpty');
  });
});
