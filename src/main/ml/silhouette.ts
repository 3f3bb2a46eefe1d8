import { Random } from '../core/random';
import type { Assigner } from './assign';

/**
 * Mean silhouette coefficient (Rousseeuw) of a labelling, on at most `sampleSize` points drawn
 * with the seed: for each point a = mean distance to its own cluster, b = the smallest mean
 * distance to another cluster, s = (b − a) / max(a, b). Euclidean, as k-means.
 *
 * `silhouette` is the plain reference; `silhouetteOn` asks an engine for the distance sums
 * (one matrix product on ONNX), the one the segment job uses.
 */
export function silhouette(X: Float32Array, n: number, d: number, labels: Int32Array, k: number, sampleSize = 3000, seed = 0): number {
  if (k < 2 || n < 3) return 0;
  const sample = drawSample(X, n, d, labels, sampleSize, seed);
  return fromSums(clusterDistanceSums(sample.S, sample.m, d, sample.own, k), sample.own, k);
}

export async function silhouetteOn(engine: Assigner, X: Float32Array, n: number, d: number, labels: Int32Array, k: number, sampleSize = 3000, seed = 0): Promise<number> {
  if (k < 2 || n < 3) return 0;
  const sample = drawSample(X, n, d, labels, sampleSize, seed);
  return fromSums(await engine.clusterDistances(sample.S, sample.m, d, sample.own, k), sample.own, k);
}

/** The sample side by side (cache-friendly) with each point's cluster. */
function drawSample(X: Float32Array, n: number, d: number, labels: Int32Array, size: number, seed: number): { S: Float32Array; own: Int32Array; m: number } {
  const idx = sampleIndexes(n, Math.min(n, size), seed);
  const m = idx.length;
  const S = new Float32Array(m * d);
  const own = new Int32Array(m);
  for (let p = 0; p < m; p++) {
    own[p] = labels[idx[p]];
    S.set(X.subarray(idx[p] * d, idx[p] * d + d), p * d);
  }
  return { S, own, m };
}

/**
 * For each of the m points of S [m × d], the sum of its Euclidean distances to the members of
 * each cluster [m × k] (its own distance, zero, included), in float64. Each pair's distance is
 * computed once for both points: half the work of the plain double loop, same sums.
 */
export function clusterDistanceSums(S: Float32Array, m: number, d: number, own: Int32Array, k: number): Float64Array {
  const sums = new Float64Array(m * k);
  for (let p = 0; p < m; p++) {
    const pd = p * d;
    const lp = own[p];
    for (let q = p + 1; q < m; q++) {
      const qd = q * d;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const e = S[pd + t] - S[qd + t];
        s += e * e;
      }
      const dist = Math.sqrt(s);
      sums[p * k + own[q]] += dist;
      sums[q * k + lp] += dist;
    }
  }
  return sums;
}

function fromSums(sums: Float64Array, own: Int32Array, k: number): number {
  const m = own.length;
  const counts = new Int32Array(k);
  for (let p = 0; p < m; p++) counts[own[p]]++;
  let total = 0;
  for (let p = 0; p < m; p++) {
    const c = own[p];
    if (counts[c] <= 1) continue; // a lone point's silhouette is 0 by definition
    const a = sums[p * k + c] / (counts[c] - 1);
    let b = Infinity;
    for (let j = 0; j < k; j++) if (j !== c && counts[j] > 0) b = Math.min(b, sums[p * k + j] / counts[j]);
    if (b === Infinity) continue;
    const denom = Math.max(a, b);
    total += denom > 0 ? (b - a) / denom : 0;
  }
  return total / m;
}

/** `m` distinct indexes of 0..n−1, chosen with the seed (partial Fisher–Yates). */
export function sampleIndexes(n: number, m: number, seed: number): Int32Array {
  if (m >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const random = new Random(seed);
  const chosen = new Map<number, number>();
  const out = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(random.next() * (n - i));
    const vj = chosen.get(j) ?? j;
    out[i] = vj;
    chosen.set(j, chosen.get(i) ?? i);
  }
  return out;
}
