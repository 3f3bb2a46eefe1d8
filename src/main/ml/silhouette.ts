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
  const sums = new Float64Array(k);
  const counts = new Int32Array(k);
  for (const i of idx) counts[labels[i]]++;
  let total = 0;
  for (let p = 0; p < m; p++) {
    const i = idx[p];
    sums.fill(0);
    for (let q = 0; q < m; q++) {
      if (q === p) continue;
      const j = idx[q];
      let s = 0;
      for (let t = 0; t < d; t++) {
        const e = X[i * d + t] - X[j * d + t];
        s += e * e;
      }
      sums[labels[j]] += Math.sqrt(s);
    }
    const own = labels[i];
    if (counts[own] <= 1) continue; // a lone point's silhouette is 0 by definition
    const a = sums[own] / (counts[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && counts[c] > 0) b = Math.min(b, sums[c] / counts[c]);
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
