import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFeatureMatrix, type FeatureBlock } from '../../src/main/ml/features';
import { interpolate, orderStatistics, quantile, selectQuantile } from '../../src/main/lib/orderStatistics';
import { silhouette } from '../../src/main/ml/silhouette';
import { Random } from '../../src/main/core/random';

/** The plain definition: every pair's distance for every point (Rousseeuw), no sampling. */
function silhouetteByDefinition(X: Float32Array, n: number, d: number, labels: Int32Array, k: number): number {
  const dist = (i: number, j: number) => Math.sqrt(Array.from({ length: d }, (_, t) => (X[i * d + t] - X[j * d + t]) ** 2).reduce((a, b) => a + b, 0));
  let total = 0;
  for (let i = 0; i < n; i++) {
    const sums = new Array(k).fill(0);
    const counts = new Array(k).fill(0);
    for (let j = 0; j < n; j++) {
      counts[labels[j]]++;
      if (j !== i) sums[labels[j]] += dist(i, j);
    }
    const own = labels[i];
    if (counts[own] <= 1) continue;
    const a = sums[own] / (counts[own] - 1);
    const others = sums.map((s, c) => (c !== own && counts[c] ? s / counts[c] : Infinity));
    const b = Math.min(...others);
    if (b === Infinity) continue;
    total += Math.max(a, b) > 0 ? (b - a) / Math.max(a, b) : 0;
  }
  return total / n;
}

describe('the feature matrix', () => {
  it('quantiles by selection equal the quantiles of the sorted values (ties, negatives, log1p)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(0, 0.1, 0.25, 0.5, 0.75, 0.9, 1),
        (values, q) => {
          const sorted = [...values].sort((a, b) => a - b);
          // Equal as numbers (+0 and −0 alike).
          expect(selectQuantile(Float64Array.from(values), q) === quantile(sorted, q)).toBe(true);
          const positive = values.map(Math.abs);
          const logs = positive.map(Math.log1p).sort((a, b) => a - b);
          expect(selectQuantile(Float64Array.from(positive), q, Math.log1p)).toBeCloseTo(quantile(logs, q), 12);
          // Several quantiles from one array, each selection above the last, as the matrix takes its quartiles.
          const qs = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1].filter((p) => p >= q);
          const points = orderStatistics(Float64Array.from(values), qs);
          points.forEach((point, i) => expect(interpolate(point) === quantile(sorted, qs[i])).toBe(true));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('selects the same order statistics on long arrays, where the selection narrows through a sample first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { minLength: 601, maxLength: 6000 }),
        fc.boolean(),
        (values, sortedInput) => {
          // Sorted input is the worst case of a poorly chosen pivot.
          const input = sortedInput ? [...values].sort((a, b) => a - b) : values;
          const sorted = [...values].sort((a, b) => a - b);
          const qs = [0.1, 0.25, 0.5, 0.75, 0.9];
          orderStatistics(Float64Array.from(input), qs).forEach((point, i) => expect(interpolate(point) === quantile(sorted, qs[i])).toBe(true));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('scales robustly, imputes the median, logs skewed counts and drops constant or empty columns', () => {
    const n = 1000;
    const spend = Float64Array.from({ length: n }, (_, i) => (i % 10 === 0 ? NaN : (i % 100) ** 3));
    const flat = new Float64Array(n).fill(7);
    const empty = new Float64Array(n).fill(NaN);
    const even = Float64Array.from({ length: n }, (_, i) => i);
    const m = buildFeatureMatrix(['spend', 'flat', 'empty', 'even'], [spend, flat, empty, even], n);
    expect(m.dropped).toEqual([{ name: 'flat', reason: 'constant' }, { name: 'empty', reason: 'missing' }]);
    expect(m.d).toBe(2);
    const [s, e] = m.transforms;
    expect(s).toMatchObject({ name: 'spend', missing: 100, log1p: true });
    expect(e).toMatchObject({ name: 'even', missing: 0, log1p: false, centre: 499.5 });
    // (x − median) / IQR: 0 at the median, ±0.5 at the quartiles.
    expect(m.X[500 * 2 + 1]).toBeCloseTo((500 - 499.5) / e.scale, 6);
    expect(e.scale).toBeCloseTo(499.5, 6);
    // A missing spend is the median spend, transformed: its value is the column's centre, 0.
    expect(Math.abs(m.X[0])).toBeLessThan(0.05);
  });
});

describe('the feature matrix read in blocks', () => {
  it('is the matrix of the whole columns, whatever the blocks, with missing blocks as missing values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 12 }), fc.integer(), (n, sizes, seed) => {
        let x = seed | 0;
        const next = () => ((x = (Math.imul(x, 1103515245) + 12345) | 0) >>> 8) / (1 << 24);
        // A skewed count (log1p), a plain feature with holes, and one that only later users have.
        const counts = Float64Array.from({ length: n }, () => Math.floor(next() ** 4 * 1000));
        const holes = Float64Array.from({ length: n }, () => (next() < 0.2 ? NaN : next() * 10 - 5));
        const late = Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? NaN : next()));
        const columns = [counts, holes, late];
        const blocks: FeatureBlock[] = [];
        for (let start = 0, b = 0; start < n; b++) {
          const rows = Math.min(n - start, sizes[b % sizes.length]);
          // A block whose late values are all missing comes as no chunk at all, as the store gives it.
          const lateHere = late.subarray(start, start + rows);
          blocks.push({ start, rows, columns: [counts.subarray(start, start + rows), holes.subarray(start, start + rows), lateHere.every(Number.isNaN) ? null : lateHere] });
          start += rows;
        }
        const names = ['counts', 'holes', 'late'];
        const whole = buildFeatureMatrix(names, columns, n);
        const streamed = buildFeatureMatrix(names, () => blocks, n);
        expect(streamed.transforms).toEqual(whole.transforms);
        expect(streamed.dropped).toEqual(whole.dropped);
        expect([...streamed.X]).toEqual([...whole.X]);
        // The norms k-means needs are the rows' own.
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let t = 0; t < whole.d; t++) s += whole.X[i * whole.d + t] ** 2;
          expect(streamed.norms[i]).toBe(Math.fround(s));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('the feature matrix of a large audience', () => {
  it('samples the same evenly spaced rows for its quartiles when read in the store\'s chunks', () => {
    const n = 250_003; // above the quartiles' sample: every second row is sampled
    const r = new Random(11);
    const spend = Float64Array.from({ length: n }, () => (r.next() < 0.1 ? NaN : r.next() ** 3 * 500));
    const blocks: FeatureBlock[] = [];
    for (let start = 0; start < n; start += 65_536) blocks.push({ start, rows: Math.min(65_536, n - start), columns: [spend.subarray(start, start + 65_536)] });
    const whole = buildFeatureMatrix(['spend'], [spend], n);
    const streamed = buildFeatureMatrix(['spend'], () => blocks, n);
    expect(streamed.transforms).toEqual(whole.transforms);
    expect(streamed.X.every((v, i) => v === whole.X[i])).toBe(true);
    expect(streamed.transforms[0].missing).toBe(spend.filter(Number.isNaN).length);
  });
});

describe('the silhouette', () => {
  it('equals the definition when the sample is the whole data', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 60 }), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.integer(), (n, k, d, seed) => {
        let x = seed | 0;
        const next = () => ((x = (Math.imul(x, 1103515245) + 12345) | 0) >>> 8) / (1 << 24);
        const X = Float32Array.from({ length: n * d }, next);
        const labels = Int32Array.from({ length: n }, (_, i) => (i < k ? i : Math.floor(next() * k)));
        expect(silhouette(X, n, d, labels, k, n, 0)).toBeCloseTo(silhouetteByDefinition(X, n, d, labels, k), 9);
      }),
      { numRuns: 100 },
    );
  });
});
