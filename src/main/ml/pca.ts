import { Random } from '../core/random';

/**
 * The first two principal components of a (centred) matrix by power iteration with
 * deflation: enough for the 2-D map of the audience, no linear-algebra library needed.
 * Returns the components (unit vectors) and the share of variance each explains.
 */
export function pca2(X: Float32Array, n: number, d: number, seed = 0): { components: Float64Array[]; explained: number[]; mean: Float64Array } {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t] += X[i * d + t];
  for (let t = 0; t < d; t++) mean[t] /= Math.max(1, n);
  // Covariance (d × d) in float64, from the centred columns side by side: each cell one
  // running sum in a register (adding into the matrix cell by cell cost ten times as much).
  const Z = new Float64Array(n * d);
  for (let t = 0; t < d; t++) for (let i = 0; i < n; i++) Z[t * n + i] = X[i * d + t] - mean[t];
  const cov = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      let s = 0;
      for (let i = 0, za = a * n, zb = b * n; i < n; i++) s += Z[za + i] * Z[zb + i];
      cov[b * d + a] = cov[a * d + b] = s / Math.max(1, n - 1);
    }
  }
  let total = 0;
  for (let a = 0; a < d; a++) total += cov[a * d + a];
  const random = new Random(seed);
  const components: Float64Array[] = [];
  const explained: number[] = [];
  for (let c = 0; c < Math.min(2, d); c++) {
    let v = Float64Array.from({ length: d }, () => random.next() - 0.5);
    let lambda = 0;
    for (let it = 0; it < 200; it++) {
      const w = new Float64Array(d);
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) w[a] += cov[a * d + b] * v[b];
      const norm = Math.hypot(...w);
      if (!(norm > 0)) break;
      const next = w.map((x) => x / norm);
      const change = next.reduce((s, x, i) => s + Math.abs(Math.abs(x) - Math.abs(v[i])), 0);
      v = next;
      lambda = norm;
      if (change < 1e-10) break;
    }
    components.push(v);
    explained.push(total > 0 ? lambda / total : 0);
    // Deflate: remove the found direction.
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b] -= lambda * v[a] * v[b];
  }
  return { components, explained, mean };
}
