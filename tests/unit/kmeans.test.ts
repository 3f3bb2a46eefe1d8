import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/main/core/random';
import { type Assigner, points } from '../../src/main/ml/assign';
import { jsAssigner } from '../../src/main/ml/backends/jsEngine';
import { onnxAssigner } from '../../src/main/ml/backends/onnxEngine';
import { tfjsAssigner } from '../../src/main/ml/backends/tfjsEngine';
import { wasmAssigner } from '../../src/main/ml/backends/wasmEngine';
import { kmeans, KMeansInputError, MINI_BATCH_ABOVE } from '../../src/main/ml/kmeans';
import { adjustedRandIndex } from '../../src/main/ml/metrics';
import { pca2 } from '../../src/main/ml/pca';
import { MODELS } from '../../src/main/ml/onnx/models';

function uniform(n: number, d: number, seed: number): Float32Array {
  const r = new Random(seed);
  return Float32Array.from({ length: n * d }, () => r.next());
}

/** k well separated blobs (centres 20 apart, unit noise) and their true labels. */
function blobs(n: number, d: number, k: number, seed: number): { X: Float32Array; truth: Int32Array } {
  const r = new Random(seed);
  const centres = Array.from({ length: k }, (_, j) => Array.from({ length: d }, (_, t) => (t === j % d ? 20 * (1 + Math.floor(j / d)) : 0) + 20 * j * (t === (j + 1) % d ? 1 : 0)));
  const X = new Float32Array(n * d);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const j = i % k;
    truth[i] = j;
    for (let t = 0; t < d; t++) X[i * d + t] = centres[j][t] + (r.next() - 0.5) * 2;
  }
  return { X, truth };
}

describe('the model engine', () => {
  it('keeps resources/models equal to what the generator writes today', () => {
    for (const [name, build] of Object.entries(MODELS)) {
      const committed = fs.readFileSync(path.resolve('resources/models', name));
      expect(Buffer.from(build()).equals(committed), `${name}: run npm run models`).toBe(true);
    }
  });

  it('agrees with the plain reference on random data in every pass: assignment, Lloyd step and seeding', async () => {
    // n spans several engine blocks (65,536 points each) so the block seams are tested too.
    const n = 140_000;
    const d = 7;
    const k = 6;
    const X = uniform(n, d, 1);
    const C = uniform(k, d, 2);
    const closestBefore = Float32Array.from(uniform(n, 1, 3), (v) => v * 2);
    type Result = { labels: Int32Array; distances: Float32Array; sums: Float64Array; counts: Float64Array; potentials: Float64Array; closest: Float32Array; clusterSums: Float64Array };
    const results: Result[] = [];
    // The SIMD engine twice: the points resident in its memory, and streamed through it in blocks.
    const engines: Assigner[] = [jsAssigner(), await wasmAssigner(), await wasmAssigner({ residentBytes: 1 << 20, streamRows: 50_000 }), await onnxAssigner(), await tfjsAssigner()];
    const P = points(X, n, d);
    for (const engine of engines) {
      const labels = new Int32Array(n);
      const distances = new Float32Array(n);
      await engine.assign(P, C, k, labels, distances);
      const { sums, counts } = await engine.step(P, C, k);
      const closest = closestBefore.slice();
      const seeded = await engine.seed(P, C.subarray(0, 3 * d), 3, closest);
      seeded.accept(1);
      // The silhouette's sums on a sample of 700 points (two of the ONNX engine's row slices and a tail).
      const clusterSums = await engine.clusterDistances(X.subarray(0, 700 * d), 700, d, Int32Array.from({ length: 700 }, (_, i) => i % k), k);
      results.push({ labels, distances, sums, counts, potentials: seeded.potentials, closest, clusterSums });
      await engine.dispose();
    }
    const [ref] = results;
    // The reference itself: a step's counts and sums are those of the assignment's labels.
    const counted = new Float64Array(k);
    const summed = new Float64Array(k * d);
    ref.labels.forEach((j, i) => {
      counted[j]++;
      for (let t = 0; t < d; t++) summed[j * d + t] += X[i * d + t];
    });
    expect([...ref.counts]).toEqual([...counted]);
    ref.sums.forEach((v, i) => expect(v).toBeCloseTo(summed[i], 6));
    // Point 0's distances to cluster 1 of the sample (points 1, 1 + k, …), summed by hand.
    let toCluster1 = 0;
    for (let q = 1; q < 700; q += k) toCluster1 += Math.sqrt(sq(X, 0, X, q, d));
    expect(ref.clusterSums[1]).toBeCloseTo(toCluster1, 9);
    expect(ref.clusterSums[0]).toBeGreaterThan(0);
    for (let i = 0; i < n; i += 101) {
      let best = Infinity;
      for (let j = 0; j < k; j++) best = Math.min(best, sq(X, i, C, j, d));
      expect(ref.distances[i]).toBeCloseTo(best, 4);
      expect(ref.closest[i]).toBeCloseTo(Math.min(closestBefore[i], sq(X, i, C, 1, d)), 4);
    }
    for (const other of results.slice(1)) {
      let differ = 0;
      for (let i = 0; i < n; i++) {
        // A different label is only allowed for a near tie.
        if (other.labels[i] !== ref.labels[i]) differ++;
        if (i % 13 === 0) {
          expect(other.distances[i]).toBeCloseTo(ref.distances[i], 4);
          expect(other.closest[i]).toBeCloseTo(ref.closest[i], 4);
        }
      }
      expect(differ).toBeLessThanOrEqual(3);
      for (let j = 0; j < k; j++) expect(Math.abs(other.counts[j] - ref.counts[j])).toBeLessThanOrEqual(3);
      for (let i = 0; i < k * d; i++) expect(Math.abs(other.sums[i] - ref.sums[i]) / Math.max(1, Math.abs(ref.sums[i]))).toBeLessThan(1e-3);
      for (let t = 0; t < 3; t++) expect(Math.abs(other.potentials[t] - ref.potentials[t]) / ref.potentials[t]).toBeLessThan(1e-4);
      for (let i = 0; i < ref.clusterSums.length; i++) expect(Math.abs(other.clusterSums[i] - ref.clusterSums[i]) / ref.clusterSums[i]).toBeLessThan(1e-4);
    }
  });
});

function sq(X: Float32Array, i: number, C: Float32Array, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) s += (X[i * d + t] - C[j * d + t]) ** 2;
  return s;
}

describe('the PCA map', () => {
  it('finds the direction of most variance first, and says how much each component explains', () => {
    const r = new Random(5);
    const n = 2000;
    const X = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      const a = (r.next() - 0.5) * 10; // the long axis, along (1, 1, 0)
      const b = (r.next() - 0.5) * 2; // a shorter one, along z
      X.set([a + (r.next() - 0.5) * 0.1, a + (r.next() - 0.5) * 0.1, b], i * 3);
    }
    const { components, explained } = pca2(X, n, 3, 1);
    expect(Math.abs(components[0][0])).toBeCloseTo(Math.SQRT1_2, 2);
    expect(Math.abs(components[0][1])).toBeCloseTo(Math.SQRT1_2, 2);
    expect(Math.abs(components[1][2])).toBeCloseTo(1, 2);
    expect(explained[0]).toBeGreaterThan(0.9);
    expect(explained[0] + explained[1]).toBeCloseTo(1, 2);
  });
});

describe('k-means', () => {
  it('finds separated blobs exactly (adjusted Rand index 1) on every engine', async () => {
    const { X, truth } = blobs(3000, 4, 5, 3);
    for (const engine of [jsAssigner(), await wasmAssigner(), await onnxAssigner(), await tfjsAssigner()]) {
      const r = await kmeans(X, 3000, 4, engine, { k: 5, seed: 1, restarts: 2 });
      expect(adjustedRandIndex(r.labels, truth), engine.engine).toBe(1);
    }
  });

  it('repeats itself with a seed, and the engines agree on the inertia', async () => {
    const X = uniform(4000, 5, 9);
    const a = await kmeans(X, 4000, 5, jsAssigner(), { k: 4, seed: 7 });
    const b = await kmeans(X, 4000, 5, jsAssigner(), { k: 4, seed: 7 });
    expect(b.inertia).toBe(a.inertia);
    expect([...b.labels]).toEqual([...a.labels]);
    const onnx = await kmeans(X, 4000, 5, await onnxAssigner(), { k: 4, seed: 7 });
    expect(Math.abs(onnx.inertia - a.inertia) / a.inertia).toBeLessThan(1e-3);
    const simd = await kmeans(X, 4000, 5, await wasmAssigner(), { k: 4, seed: 7 });
    expect(Math.abs(simd.inertia - a.inertia) / a.inertia).toBeLessThan(1e-3);
  });

  it('mini-batch mode: exact on separated blobs, within 2% of Lloyd on structureless data, repeatable, and chosen above two million rows', async () => {
    const { X, truth } = blobs(20_000, 4, 5, 4);
    for (const engine of [jsAssigner(), await wasmAssigner(), await onnxAssigner()]) {
      const r = await kmeans(X, 20_000, 4, engine, { k: 5, seed: 3, algorithm: 'minibatch', batchSize: 1024 });
      expect(r.algorithm).toBe('minibatch');
      expect(adjustedRandIndex(r.labels, truth), engine.engine).toBe(1);
    }
    const onnx = await onnxAssigner();
    const U = uniform(60_000, 6, 11);
    const lloyd = await kmeans(U, 60_000, 6, onnx, { k: 6, seed: 5, restarts: 1 });
    const a = await kmeans(U, 60_000, 6, onnx, { k: 6, seed: 5, algorithm: 'minibatch' });
    const b = await kmeans(U, 60_000, 6, onnx, { k: 6, seed: 5, algorithm: 'minibatch' });
    expect(lloyd.algorithm).toBe('lloyd');
    expect(a.inertia / lloyd.inertia).toBeLessThan(1.02);
    expect(b.inertia).toBe(a.inertia);
    expect([...b.centers]).toEqual([...a.centers]);
    const n = MINI_BATCH_ABOVE + 1;
    const big = await kmeans(uniform(n, 2, 12), n, 2, onnx, { k: 3, seed: 1, restarts: 1, maxIter: 1 });
    expect(big.algorithm).toBe('minibatch');
    expect(big.labels).toHaveLength(n);
    expect(Number.isFinite(big.inertia)).toBe(true);
  });

  it('refuses k larger than the rows and no rows; one row, one cluster and constant data give finite results', async () => {
    const engine = jsAssigner();
    await expect(kmeans(new Float32Array(6), 3, 2, engine, { k: 4 })).rejects.toThrow(KMeansInputError);
    await expect(kmeans(new Float32Array(0), 0, 2, engine, { k: 1 })).rejects.toThrow(/no rows/);
    const one = await kmeans(Float32Array.from([1, 2]), 1, 2, engine, { k: 1 });
    expect(one).toMatchObject({ inertia: 0, labels: Int32Array.from([0]) });
    const constant = await kmeans(new Float32Array(200).fill(3), 100, 2, engine, { k: 3, seed: 1 });
    expect(Number.isFinite(constant.inertia)).toBe(true);
    expect([...constant.centers].every(Number.isFinite)).toBe(true);
  });
});
