import { Random } from '../core/random';

/**
 * Mean silhouette coefficient (Rousseeuw) of a labelling, on at most `sampleSize` points drawn
 * with the seed: for each point a = mean distance to its own cluster, b = the smallest mean
 * distance to another cluster, s = (b − a) / max(a, b). Euclidean, as k-means.
 */
export function silhouette(X: Float32Array, n: number, d: number, labels: Int32Array, k: number, sampleSize = 3000, seed = 0): number {
  if (k < 2 || n < 3) return 0;
  const idx = sampleIndexes(n, Math.min(n, sampleSize), seed);
  const m = idx.length;
  // The sample side by side (cache-friendly), and each pair's distance computed once for both
  // points: half the work of the plain double loop, same sums.
  const S = new Float64Array(m * d);
  const own = new Int32Array(m);
  for (let p = 0; p < m; p++) {
    own[p] = labels[idx[p]];
    for (let t = 0; t < d; t++) S[p * d + t] = X[idx[p] * d + t];
  }
  const counts = new Int32Array(k);
  for (let p = 0; p < m; p++) counts[own[p]]++;
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
