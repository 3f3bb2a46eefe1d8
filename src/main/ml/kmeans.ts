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
    const centers = seedPlusPlus(X, n, d, k, random);
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

function squaredDistance(X: Float32Array, i: number, C: Float32Array, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const e = X[i * d + t] - C[j * d + t];
    s += e * e;
  }
  return s;
}

/** Greedy k-means++ (Arthur & Vassilvitskii; scikit-learn's variant with 2 + ln k trials). */
function seedPlusPlus(X: Float32Array, n: number, d: number, k: number, random: Random): Float32Array {
  const centers = new Float32Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = Math.floor(random.next() * n);
  centers.set(X.subarray(first * d, first * d + d), 0);
  const closest = new Float64Array(n);
  let potential = 0;
  for (let i = 0; i < n; i++) potential += closest[i] = squaredDistance(X, i, centers, 0, d);
  const candidate = new Float64Array(n);
  const bestCandidate = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let bestPotential = Infinity;
    let bestIndex = -1;
    for (let t = 0; t < trials; t++) {
      const index = sampleByWeight(closest, potential, random);
      let p = 0;
      for (let i = 0; i < n; i++) {
        let dist = 0;
        for (let u = 0; u < d; u++) {
          const e = X[i * d + u] - X[index * d + u];
          dist += e * e;
        }
        const m = dist < closest[i] ? dist : closest[i];
        candidate[i] = m;
        p += m;
      }
      if (p < bestPotential) {
        bestPotential = p;
        bestIndex = index;
        bestCandidate.set(candidate);
      }
    }
    centers.set(X.subarray(bestIndex * d, bestIndex * d + d), c * d);
    closest.set(bestCandidate);
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
