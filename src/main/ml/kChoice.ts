import type { Assigner } from './assign';
import { Random } from '../core/random';
import { USEFUL_K_RANGE } from '../../shared/segments';
import { kmeans } from './kmeans';
import { sampleIndexes, silhouetteOn } from './silhouette';

/**
 * Choosing k for personas. Silhouette alone favours two groups whenever behaviour overlaps
 * (it always does), and two personas rarely guide a campaign. So k is chosen for
 * **stability**: by prediction strength (Tibshirani & Walther 2005) — the audience sample is
 * split in halves, each half clustered, and for the segments of one half we measure the share
 * of pairs the other half's centres keep together; the worst segment counts. The chosen k is
 * the largest one in the range whose prediction strength, averaged over independent splits
 * (other seeds, so other restarts too), reaches 0.8 and whose smallest segment holds at least
 * 3% of users; when none does, the most stable k. Silhouette is reported beside it.
 */
export const STABLE = 0.8;
export const SMALLEST = 0.03;
/** The range tried unless the strategist sets one: fewer than 3 personas rarely guide a campaign, more than 8 are hard to act on. */
export const USEFUL_K: [number, number] = USEFUL_K_RANGE;

export interface KScore {
  k: number;
  silhouette: number;
  /** Mean prediction strength over the splits (0–1). */
  stability: number;
  /** The smallest segment's share of the sample. */
  smallest: number;
}

export interface KChoice {
  k: number;
  rule: 'stable' | 'mostStable';
  scores: KScore[];
}

export async function chooseK(
  X: Float32Array,
  n: number,
  d: number,
  engine: Assigner,
  range: [number, number],
  opts: { seed: number; sample?: number; splits?: number; maxIter?: number; tol?: number; onProgress?: (fraction: number) => void },
): Promise<KChoice> {
  const splits = opts.splits ?? 2;
  const size = Math.min(n, opts.sample ?? 8000);
  const scores: KScore[] = [];
  const [lo, hi] = range;
  for (let k = lo; k <= hi; k++) {
    let strength = 0;
    let sil = 0;
    let smallest = 1;
    for (let s = 0; s < splits; s++) {
      opts.onProgress?.((k - lo + s / splits) / (hi - lo + 1));
      const seed = opts.seed * 1009 + s * 7919 + 1;
      const idx = shuffled(sampleIndexes(n, size, seed), seed);
      const half = Math.floor(idx.length / 2);
      const A = gather(X, d, idx.slice(0, half));
      const B = gather(X, d, idx.slice(half));
      const nb = idx.length - half;
      const fitA = await kmeans(A, half, d, engine, { k, seed, restarts: 1, maxIter: opts.maxIter, tol: opts.tol });
      const fitB = await kmeans(B, nb, d, engine, { k, seed: seed + 1, restarts: 1, maxIter: opts.maxIter, tol: opts.tol });
      const byA = nearest(B, nb, d, fitA.centers, k);
      strength += predictionStrength(fitB.labels, byA, k) / splits;
      sil += (await silhouetteOn(engine, B, nb, d, fitB.labels, k, 1500, seed)) / splits;
      smallest = Math.min(smallest, smallestShare(fitB.labels, k));
    }
    scores.push({ k, silhouette: r4(sil), stability: r4(strength), smallest: r4(smallest) });
  }
  const stable = scores.filter((s) => s.stability >= STABLE && s.smallest >= SMALLEST);
  if (stable.length) return { k: stable[stable.length - 1].k, rule: 'stable', scores };
  const most = scores.reduce((a, b) => (b.stability > a.stability ? b : a));
  return { k: most.k, rule: 'mostStable', scores };
}

/** For each segment of the test half, the share of its pairs that the other half's centres keep together; the worst segment. */
export function predictionStrength(test: Int32Array, other: Int32Array, k: number): number {
  const pairs = new Float64Array(k * k);
  const sizes = new Float64Array(k);
  for (let i = 0; i < test.length; i++) {
    pairs[test[i] * k + other[i]]++;
    sizes[test[i]]++;
  }
  let worst = 1;
  for (let c = 0; c < k; c++) {
    if (sizes[c] < 2) continue;
    let same = 0;
    for (let j = 0; j < k; j++) same += pairs[c * k + j] * (pairs[c * k + j] - 1);
    worst = Math.min(worst, same / (sizes[c] * (sizes[c] - 1)));
  }
  return worst;
}

/** The halves must be random halves, whatever order the sample came in. */
function shuffled(idx: Int32Array, seed: number): Int32Array {
  const out = Int32Array.from(idx);
  const random = new Random(seed ^ 0x5bd1e995);
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

function gather(X: Float32Array, d: number, idx: ArrayLike<number>): Float32Array {
  const out = new Float32Array(idx.length * d);
  for (let p = 0; p < idx.length; p++) out.set(X.subarray(idx[p] * d, (idx[p] + 1) * d), p * d);
  return out;
}

function nearest(X: Float32Array, n: number, d: number, C: ArrayLike<number>, k: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let bj = 0;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let q = 0; q < d; q++) {
        const z = X[i * d + q] - C[j * d + q];
        s += z * z;
      }
      if (s < best) {
        best = s;
        bj = j;
      }
    }
    out[i] = bj;
  }
  return out;
}

function smallestShare(labels: Int32Array, k: number): number {
  const counts = new Float64Array(k);
  for (const l of labels) counts[l]++;
  return Math.min(...counts) / Math.max(1, labels.length);
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;
