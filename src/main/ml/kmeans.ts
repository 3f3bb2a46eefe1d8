import { Random } from '../core/random';
import { type Assigner, type Points, points, type StepTotals } from './assign';
import { finalAssignment, inertiaFromTotals } from './kmeansTotals';
import { seedPlusPlus } from './kmeansSeed';
import { miniBatchKMeans } from './miniBatch';

/**
 * k-means as scikit-learn does it, on Tandem's engines: greedy k-means++ seeding, Lloyd
 * iterations whose step (labels, per-centre sums and counts) runs on the chosen engine
 * (ONNX by default) while the centres move in float64 here, a tolerance on the centres'
 * movement scaled by the data's variance, several restarts keeping the lowest inertia, and
 * a seed that makes every run repeatable. Above MINI_BATCH_ABOVE rows it switches to
 * mini-batch k-means (miniBatch.ts), whose cost per step does not grow with the audience.
 */
export interface KMeansOptions {
  k: number;
  restarts?: number;
  /** Lloyd iterations, or for mini-batch the passes' worth of batches over the data. */
  maxIter?: number;
  /** Relative to the mean per-feature variance, as in scikit-learn. */
  tol?: number;
  seed?: number;
  /** `auto` (the default): Lloyd up to MINI_BATCH_ABOVE rows, mini-batch above. */
  algorithm?: KMeansAlgorithm | 'auto';
  /** Rows per mini-batch (default 4096). */
  batchSize?: number;
  /** Each row's ‖x‖² and their sum, when the caller has them already (the feature matrix does). */
  norms?: Pick<Points, 'norms' | 'totalNorm'>;
  /** Called after each iteration (or mini-batch) with (restart, iteration, inertia); may throw to cancel. */
  onIteration?: (restart: number, iteration: number, inertia: number) => void;
}

export type KMeansAlgorithm = 'lloyd' | 'minibatch';
export const MINI_BATCH_ABOVE = 2_000_000;

export interface KMeansResult {
  k: number;
  centers: Float32Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
  /** Which restart won (0-based). */
  restart: number;
  algorithm: KMeansAlgorithm;
}

export class KMeansInputError extends Error {}

export async function kmeans(X: Float32Array, n: number, d: number, engine: Assigner, opts: KMeansOptions): Promise<KMeansResult> {
  const { k } = opts;
  if (n < 1) throw new KMeansInputError('there are no rows to cluster');
  if (!Number.isInteger(k) || k < 1) throw new KMeansInputError('k must be a whole number of at least 1');
  if (k > n) throw new KMeansInputError(`k (${k}) is larger than the number of rows (${n})`);
  const algorithm = opts.algorithm && opts.algorithm !== 'auto' ? opts.algorithm : n > MINI_BATCH_ABOVE ? 'minibatch' : 'lloyd';
  const random = new Random(opts.seed ?? 0);
  if (algorithm === 'minibatch') return miniBatchKMeans(X, n, d, engine, opts, random);
  const p = points(X, n, d, opts.norms);
  const restarts = Math.max(1, opts.restarts ?? 3);
  const maxIter = Math.max(1, opts.maxIter ?? 300);
  let best: KMeansResult | null = null;
  let tolerance: number | undefined;
  for (let r = 0; r < restarts; r++) {
    const centers = await seedPlusPlus(p, k, random, engine);
    let iterations = 0;
    for (let it = 0; it < maxIter; it++) {
      const totals = await engine.step(p, centers, k);
      iterations = it + 1;
      const inertia = inertiaFromTotals(p.totalNorm, centers, totals, k, d);
      // The centres' sums add up to the feature sums, so the first step gives the variance for free.
      tolerance ??= (opts.tol ?? 1e-4) * meanVariance(p, totals);
      const shift = await moveCenters(p, k, totals, centers, engine);
      opts.onIteration?.(r, iterations, inertia);
      // Converged when the centres barely move. Labels that no longer change (scikit-learn's
      // strict convergence) give exactly the same sums, hence a shift of zero: caught here too.
      if (shift <= tolerance) break;
    }
    // The labels and inertia of the final centres (scikit-learn reports the same).
    const final = await finalAssignment(p, centers, k, engine);
    if (!best || final.inertia < best.inertia) best = { k, centers: centers.slice(), labels: final.labels, inertia: final.inertia, iterations, restart: r, algorithm };
  }
  return best!;
}

/** The mean of the per-feature variances, (Σ‖x‖²/n − Σₜ meanₜ²) / d, with the feature sums from a step's totals. */
function meanVariance({ n, d, totalNorm }: Points, { sums }: StepTotals): number {
  let meansSquared = 0;
  for (let t = 0; t < d; t++) {
    let sum = 0;
    for (let i = t; i < sums.length; i += d) sum += sums[i];
    meansSquared += (sum / n) ** 2;
  }
  return Math.max(0, totalNorm / n - meansSquared) / d;
}

/**
 * Moves each centre to the mean of its points and returns the total squared movement. An
 * empty cluster takes the point farthest from its centre, as scikit-learn does (the only
 * case that needs the per-point distances, so only then are they computed).
 */
async function moveCenters(p: Points, k: number, { sums, counts }: StepTotals, centers: Float32Array, engine: Assigner): Promise<number> {
  const { X, n, d } = p;
  const next = new Float64Array(k * d);
  for (let j = 0; j < k; j++) if (counts[j] > 0) for (let t = 0; t < d; t++) next[j * d + t] = sums[j * d + t] / counts[j];
  const empty = [...counts.keys()].filter((j) => counts[j] === 0);
  if (empty.length) {
    const distances = new Float32Array(n);
    await engine.assign(p, centers, k, new Int32Array(n), distances);
    for (const j of empty) {
      let far = 0;
      for (let i = 1; i < n; i++) if (distances[i] > distances[far]) far = i;
      next.set(X.subarray(far * d, far * d + d), j * d);
      distances[far] = -1; // taken: the next empty cluster gets the next farthest point
    }
  }
  let shift = 0;
  for (let i = 0; i < k * d; i++) {
    const e = next[i] - centers[i];
    shift += e * e;
    centers[i] = next[i];
  }
  return shift;
}
