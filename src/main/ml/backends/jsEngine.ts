import type { Assigner } from '../assign';
import { clusterDistanceSums } from '../silhouette';

/**
 * The plain JavaScript engine: the reference the others are tested against, and the engine
 * of last resort where neither onnxruntime nor TensorFlow.js loads.
 */
function centreNorms(C: Float32Array, k: number, d: number): Float64Array {
  const cc = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += C[j * d + t] * C[j * d + t];
    cc[j] = s;
  }
  return cc;
}

/**
 * Nearest centre of point i by ‖c‖² − 2·x·c (‖x‖² is the same for every centre). The score
 * goes to `found[0]` so the hot loop allocates nothing per point.
 */
function nearest(X: Float32Array, i: number, d: number, C: Float32Array, k: number, cc: Float64Array, found: Float64Array): number {
  const o = i * d;
  let best = 0;
  let bestScore = Infinity;
  for (let j = 0, c = 0; j < k; j++, c += d) {
    let dot = 0;
    for (let t = 0; t < d; t++) dot += X[o + t] * C[c + t];
    const score = cc[j] - 2 * dot;
    if (score < bestScore) {
      bestScore = score;
      best = j;
    }
  }
  found[0] = bestScore;
  return best;
}

export function jsAssigner(): Assigner {
  return {
    engine: 'js',
    async assign({ X, n, d, norms }, C, k, labels, distances) {
      const cc = centreNorms(C, k, d);
      const found = new Float64Array(1);
      for (let i = 0; i < n; i++) {
        labels[i] = nearest(X, i, d, C, k, cc, found);
        distances[i] = Math.max(0, norms[i] + found[0]);
      }
    },
    async step({ X, n, d }, C, k) {
      const cc = centreNorms(C, k, d);
      const sums = new Float64Array(k * d);
      const counts = new Float64Array(k);
      const found = new Float64Array(1);
      for (let i = 0; i < n; i++) {
        const j = nearest(X, i, d, C, k, cc, found);
        counts[j]++;
        for (let t = 0, o = i * d, c = j * d; t < d; t++) sums[c + t] += X[o + t];
      }
      return { sums, counts };
    },
    async seed({ X, n, d }, candidates, m, closest) {
      const near = new Float32Array(m * n);
      const potentials = new Float64Array(m);
      for (let i = 0; i < n; i++) {
        for (let t = 0; t < m; t++) {
          let s = 0;
          for (let u = 0; u < d; u++) {
            const e = X[i * d + u] - candidates[t * d + u];
            s += e * e;
          }
          const v = Math.min(s, closest[i]);
          near[t * n + i] = v;
          potentials[t] += v;
        }
      }
      return { potentials, accept: (t) => closest.set(near.subarray(t * n, (t + 1) * n)) };
    },
    async clusterDistances(S, m, d, own, k) {
      return clusterDistanceSums(S, m, d, own, k);
    },
    async dispose() {},
  };
}
