import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/main/core/random';
import { type Assigner, jsAssigner, onnxAssigner, tfjsAssigner } from '../../src/main/ml/assign';
import { kmeans, KMeansInputError } from '../../src/main/ml/kmeans';
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

  it('assigns every point to the same nearest centre on js, onnx and tfjs (random data)', async () => {
    const n = 5000;
    const d = 7;
    const k = 6;
    const X = uniform(n, d, 1);
    const C = uniform(k, d, 2);
    const results: { labels: Int32Array; distances: Float32Array; pairwise: Float32Array }[] = [];
    const engines: Assigner[] = [jsAssigner(), await onnxAssigner(), await tfjsAssigner()];
    for (const engine of engines) {
      const labels = new Int32Array(n);
      const distances = new Float32Array(n);
      await engine.assign(X, n, d, C, k, labels, distances);
      results.push({ labels, distances, pairwise: await engine.distances(X, n, d, C, k) });
      await engine.dispose();
    }
    // The pairwise matrix's row minimum is the assignment's distance, on every engine.
    for (const r of results) for (let i = 0; i < n; i += 97) expect(Math.min(...r.pairwise.subarray(i * k, (i + 1) * k))).toBeCloseTo(r.distances[i], 4);
    for (const other of results.slice(1)) {
      let differ = 0;
      for (let i = 0; i < n; i++) {
        expect(other.distances[i]).toBeCloseTo(results[0].distances[i], 4);
        expect(other.pairwise[i * k + (i % k)]).toBeCloseTo(results[0].pairwise[i * k + (i % k)], 4);
        // A different label is only allowed for a near tie.
        if (other.labels[i] !== results[0].labels[i]) differ++;
      }
      expect(differ).toBeLessThanOrEqual(2);
    }
  });
});

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
    for (const engine of [jsAssigner(), await onnxAssigner(), await tfjsAssigner()]) {
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
