import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/main/core/random';
import { jsAssigner } from '../../src/main/ml/backends/jsEngine';
import { chooseK, predictionStrength } from '../../src/main/ml/kChoice';
import { distinctNames } from '../../src/main/ml/personas';

/** n points around `centres` (d = 4) with the given spread. */
function blobs(n: number, k: number, spread: number, seed: number): Float32Array {
  const r = new Random(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: 4 }, () => r.normal() * 4));
  const X = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) {
    const c = centres[i % k];
    for (let q = 0; q < 4; q++) X[i * 4 + q] = c[q] + spread * r.normal();
  }
  return X;
}

describe('choosing k for stable personas', () => {
  it('finds the number of groups the data really has (several seeds and k)', async () => {
    for (const [k, seed] of [[4, 1], [5, 2], [6, 3]] as const) {
      const X = blobs(6000, k, 0.45, seed);
      const choice = await chooseK(X, 6000, 4, jsAssigner(), [3, 8], { seed });
      expect(choice, `k=${k} seed=${seed}`).toMatchObject({ k, rule: 'stable' });
    }
  });

  it('says when nothing is stable: structureless data gets the most stable k, flagged', async () => {
    const r = new Random(9);
    const X = Float32Array.from({ length: 4000 * 4 }, () => r.next());
    const choice = await chooseK(X, 4000, 4, jsAssigner(), [3, 8], { seed: 9 });
    const stable = choice.scores.filter((s) => s.stability >= 0.8);
    if (choice.rule === 'mostStable') expect(stable).toEqual([]);
    expect(choice.scores.map((s) => s.k)).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('prediction strength is 1 for the same partition under any relabelling, and at most 1 (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 10, maxLength: 200 }), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 10, maxLength: 200 }), (a, b) => {
        const labels = Int32Array.from(a);
        const permuted = Int32Array.from(a.map((x) => (x + 2) % 5));
        expect(predictionStrength(labels, permuted, 5)).toBeCloseTo(1, 12);
        const other = Int32Array.from(a.map((_, i) => b[i % b.length]));
        const ps = predictionStrength(labels, other, 5);
        expect(ps).toBeGreaterThanOrEqual(0);
        expect(ps).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('persona names tell segments apart: same traits in another order take the next trait, then the size order', () => {
    const d = (feature: string, z: number) => ({ feature, direction: 'high' as const, z, en: feature, zh: feature });
    const named = distinctNames([
      { distinguishing: [d('active', 1), d('finish', 0.9), d('listen', 0.5)], nameEn: '', nameZh: '', size: 10 },
      { distinguishing: [d('finish', 1), d('active', 0.9), d('watch', 0.5)], nameEn: '', nameZh: '', size: 20 },
      { distinguishing: [d('lapsing', 2)], nameEn: '', nameZh: '', size: 5 },
      { distinguishing: [d('lapsing', 1.5)], nameEn: '', nameZh: '', size: 8 },
    ]);
    expect(named.map((p) => p.nameEn)).toEqual(['Active, finish, listen', 'Active, finish, watch', 'Lapsing (group 2)', 'Lapsing (group 1)']);
    expect(new Set(named.map((p) => p.nameZh)).size).toBe(4);
  });
});
