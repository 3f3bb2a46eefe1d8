import type { Random } from '../core/random';
import { type Assigner, points } from './assign';
import type { KMeansOptions, KMeansResult } from './kmeans';
import { finalAssignment, inertiaFromTotals } from './kmeansTotals';
import { seedPlusPlus } from './kmeansSeed';

/**
 * Mini-batch k-means (Sculley 2010, as scikit-learn's MiniBatchKMeans does it) for audiences
 * beyond a couple of million rows, where each Lloyd pass reads the whole matrix:
 * - each restart seeds k-means++ on its own random sample; the seeding with the lowest
 *   inertia on a shared validation sample is kept (restarts cost samples, not full fits);
 * - each step draws a batch (with replacement), runs the engine's Lloyd step on it, and
 *   moves every centre toward its batch mean by 1 / (points it has seen so far);
 * - a centre that keeps seeing almost nothing (under 1% of the busiest) is moved onto a
 *   point of the current batch, so no segment dies;
 * - it stops when the smoothed batch inertia (from the second batch on) has not improved for 10 batches, or after
 *   maxIter passes' worth of batches, then labels every point in one engine pass.
 */
const NO_IMPROVEMENT_LIMIT = 10;
const REASSIGN_EVERY = 10;
const REASSIGNMENT_RATIO = 0.01;

export async function miniBatchKMeans(X: Float32Array, n: number, d: number, engine: Assigner, opts: KMeansOptions, random: Random): Promise<KMeansResult> {
  const { k } = opts;
  const batch = Math.max(k, Math.min(n, opts.batchSize ?? 4096));
  const restarts = Math.max(1, opts.restarts ?? 3);
  const initSize = Math.min(n, Math.max(3 * batch, 20 * k));
  const validation = points(gather(X, d, draw(n, initSize, random)), initSize, d);
  let centers: Float32Array = new Float32Array(0);
  let bestInit = Infinity;
  let restart = 0;
  for (let r = 0; r < restarts; r++) {
    const sample = points(gather(X, d, draw(n, initSize, random)), initSize, d);
    const seeded = await seedPlusPlus(sample, k, random, engine);
    const totals = await engine.step(validation, seeded, k);
    const inertia = inertiaFromTotals(validation.totalNorm, seeded, totals, k, d);
    if (inertia < bestInit) [bestInit, centers, restart] = [inertia, seeded, r];
  }

  const seen = new Float64Array(k);
  const rows = new Float32Array(batch * d);
  const maxSteps = Math.max(1, Math.ceil(((opts.maxIter ?? 100) * n) / batch));
  const alpha = Math.min(1, (2 * batch) / (n + 1));
  let smoothed = NaN;
  let lowest = Infinity;
  let stale = 0;
  let steps = 0;
  while (steps < maxSteps) {
    gatherInto(rows, X, d, draw(n, batch, random));
    const block = points(rows, batch, d);
    const totals = await engine.step(block, centers, k);
    const inertia = inertiaFromTotals(block.totalNorm, centers, totals, k, d) / batch;
    for (let j = 0; j < k; j++) {
      const c = totals.counts[j];
      if (c === 0) continue;
      seen[j] += c;
      for (let t = 0; t < d; t++) {
        const o = j * d + t;
        centers[o] += (totals.sums[o] - c * centers[o]) / seen[j];
      }
    }
    steps++;
    if (steps % REASSIGN_EVERY === 0) reviveStarved(centers, seen, rows, batch, d, k, random);
    opts.onIteration?.(restart, steps, inertia * n);
    // The first batch measures the seeding, not the fit (as in scikit-learn it starts nothing).
    if (steps === 1) continue;
    smoothed = Number.isNaN(smoothed) ? inertia : smoothed * (1 - alpha) + inertia * alpha;
    if (smoothed < lowest) {
      lowest = smoothed;
      stale = 0;
    } else if (++stale >= NO_IMPROVEMENT_LIMIT) break;
  }
  const final = await finalAssignment(points(X, n, d, opts.norms), centers, k, engine);
  return { k, centers, labels: final.labels, inertia: final.inertia, iterations: steps, restart, algorithm: 'minibatch' };
}

/** `count` row indexes drawn uniformly with replacement. */
function draw(n: number, count: number, random: Random): Int32Array {
  const picks = new Int32Array(count);
  for (let p = 0; p < count; p++) picks[p] = Math.floor(random.next() * n);
  return picks;
}

/** Copies the picked rows of X into `out` (plain loops: a subarray per row cost more than the copy). */
function gatherInto(out: Float32Array, X: Float32Array, d: number, picks: Int32Array): Float32Array {
  for (let p = 0, o = 0; p < picks.length; p++) for (let src = picks[p] * d, end = src + d; src < end; ) out[o++] = X[src++];
  return out;
}

function gather(X: Float32Array, d: number, picks: Int32Array): Float32Array {
  return gatherInto(new Float32Array(picks.length * d), X, d, picks);
}

/** Centres that have seen under REASSIGNMENT_RATIO of the busiest one's points jump to random batch points. */
function reviveStarved(centers: Float32Array, seen: Float64Array, rows: Float32Array, batch: number, d: number, k: number, random: Random): void {
  const busiest = Math.max(...seen);
  const least = Math.min(...[...seen].filter((s) => s >= REASSIGNMENT_RATIO * busiest));
  for (let j = 0; j < k; j++) {
    if (seen[j] >= REASSIGNMENT_RATIO * busiest) continue;
    const p = Math.floor(random.next() * batch);
    centers.set(rows.subarray(p * d, p * d + d), j * d);
    seen[j] = least; // as scikit-learn does: the revived centre starts with a typical weight, not zero
  }
}
