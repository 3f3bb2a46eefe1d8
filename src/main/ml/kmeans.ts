import { Random } from '../core/random';
import type { Assigner } from './assign';

/**
 * k-means as scikit-learn does it, on Tandem's engines: greedy k-means++ seeding (2 + ln k
 * candidates per centre, the D² rule), Lloyd iterations whose assignment step runs on the
 * chosen engine (ONNX by default) while the centre update stays in float64 here, a
 * tolerance on the centres' movement scaled by the data's variance, several restarts keeping
 * the lowest inertia, and a seed that makes every run repeatable.
 */
export interface KMeansOptions {
  k: number;
  restarts?: number;
  maxIter?: number;
  /** Relative to the mean per-feature variance, as in scikit-learn. */
  tol?: number;
  seed?: number;
  /** Called after each iteration with (restart, iteration, inertia); may throw to cancel. */
  onIteration?: (restart: number, iteration: number, inertia: number) => void;
}

export interface KMeansResult {
  k: number;
  centers: Float32Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
  /** Which restart won (0-based). */
  restart: number;
}

export class KMeansInputError extends Error {}

export async function kmeans(X: Float32Array, n: number, d: number, engine: Assigner, opts: KMeansOptions): Promise<KMeansResult> {
  const { k } = opts;
  if (n < 1) throw new KMeansInputError('there are no rows to cluster');
  if (!Number.isInteger(k) || k < 1) throw new KMeansInputError('k must be a whole number of at least 1');
  if (k > n) throw new KMeansInputError(`k (${k}) is larger than the number of rows (${n})`);
  const restarts = Math.max(1, opts.restarts ?? 3);
  const maxIter = Math.max(1, opts.maxIter ?? 300);
  const tolerance = (opts.tol ?? 1e-4) * meanVariance(X, n, d);
  const random = new Random(opts.seed ?? 0);
  const labels = new Int32Array(n);
  const distances = new Float32Array(n);
  let best: KMeansResult | null = null;
  for (let r = 0; r < restarts; r++) {
    const centers = await seedPlusPlus(X, n, d, k, random, engine);
    let iterations = 0;
    let inertia = Infinity;
    for (let it = 0; it < maxIter; it++) {
      await engine.assign(X, n, d, centers, k, labels, distances);
      inertia = sum(distances);
      iterations = it + 1;
      const shift = updateCenters(X, n, d, k, labels, distances, centers);
      opts.onIteration?.(r, iterations, inertia);
      if (shift <= tolerance) break;
    }
    // The labels and inertia of the final centres (scikit-learn reports the same).
    await engine.assign(X, n, d, centers, k, labels, distances);
    inertia = sum(distances);
    if (!best || inertia < best.inertia) best = { k, centers: centers.slice(), labels: labels.slice(), inertia, iterations, restart: r };
  }
  return best!;
}

function sum(values: Float32Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

function meanVariance(X: Float32Array, n: number, d: number): number {
  let total = 0;
  for (let t = 0; t < d; t++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += X[i * d + t];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) {
      const e = X[i * d + t] - mean;
      v += e * e;
    }
    total += v / n;
  }
  return total / d;
}

/**
 * Greedy k-means++ (Arthur & Vassilvitskii; scikit-learn's variant with 2 + ln k trials).
 * The engine scores all candidates for a centre in one pass over the points (an n × trials
 * distance matrix), so seeding a million rows costs k engine calls, not a JavaScript loop
 * over k × trials × n × d.
 */
async function seedPlusPlus(X: Float32Array, n: number, d: number, k: number, random: Random, engine: Assigner): Promise<Float32Array> {
  const centers = new Float32Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = Math.floor(random.next() * n);
  centers.set(X.subarray(first * d, first * d + d), 0);
  const closest = Float64Array.from(await engine.distances(X, n, d, centers.subarray(0, d), 1));
  let potential = 0;
  for (let i = 0; i < n; i++) potential += closest[i];
  const candidates = new Float32Array(trials * d);
  for (let c = 1; c < k; c++) {
    const picks = Array.from({ length: trials }, () => sampleByWeight(closest, potential, random));
    picks.forEach((index, t) => candidates.set(X.subarray(index * d, index * d + d), t * d));
    const D = await engine.distances(X, n, d, candidates, trials);
    let bestPotential = Infinity;
    let best = 0;
    for (let t = 0; t < trials; t++) {
      let p = 0;
      for (let i = 0; i < n; i++) {
        const v = D[i * trials + t];
        p += v < closest[i] ? v : closest[i];
      }
      if (p < bestPotential) {
        bestPotential = p;
        best = t;
      }
    }
    for (let i = 0; i < n; i++) {
      const v = D[i * trials + best];
      if (v < closest[i]) closest[i] = v;
    }
    centers.set(X.subarray(picks[best] * d, picks[best] * d + d), c * d);
    potential = bestPotential;
  }
  return centers;
}

/** An index drawn with probability weight[i] / total (uniform when every weight is zero). */
function sampleByWeight(weight: Float64Array, total: number, random: Random): number {
  if (!(total > 0)) return Math.floor(random.next() * weight.length);
  let target = random.next() * total;
  for (let i = 0; i < weight.length; i++) {
    target -= weight[i];
    if (target < 0) return i;
  }
  return weight.length - 1;
}

/**
 * Moves each centre to the mean of its points (float64 sums) and returns the total squared
 * movement. An empty cluster takes the point farthest from its centre, as scikit-learn does.
 */
function updateCenters(X: Float32Array, n: number, d: number, k: number, labels: Int32Array, distances: Float32Array, centers: Float32Array): number {
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const j = labels[i];
    counts[j]++;
    const o = i * d;
    const c = j * d;
    for (let t = 0; t < d; t++) sums[c + t] += X[o + t];
  }
  const taken = new Set<number>();
  let shift = 0;
  for (let j = 0; j < k; j++) {
    const next = new Float64Array(d);
    if (counts[j] > 0) for (let t = 0; t < d; t++) next[t] = sums[j * d + t] / counts[j];
    else {
      let far = -1;
      for (let i = 0; i < n; i++) if (!taken.has(i) && (far === -1 || distances[i] > distances[far])) far = i;
      taken.add(far);
      for (let t = 0; t < d; t++) next[t] = X[far * d + t];
    }
    for (let t = 0; t < d; t++) {
      const e = next[t] - centers[j * d + t];
      shift += e * e;
      centers[j * d + t] = next[t];
    }
  }
  return shift;
}
