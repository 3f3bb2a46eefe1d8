import { kthLargest } from '../../lib/orderStatistics';
import { type Csr, transpose } from './csr';

/**
 * Sparse item-item neighbourhoods, the models a data scientist tries first on an
 * implicit-feedback log. Both are built from who took what (presence, not counts) in one
 * pass over each item's users and those users' items (Σ over users of their items squared),
 * and keep each item's strongest `neighbours` links, so the graph stays small on catalogs
 * far past EASE's dense limit:
 *
 * - item-kNN: cosine with shrinkage, c_ij / (√(c_i·c_j) + shrink) (shrinkage damps links
 *   seen in only a few users, which plain cosine trusts as much as common ones);
 * - RP3beta (Paudel et al. 2017): the 3-step random walk item → user → item,
 *   W_ij = (Σ_u 1/c_i · 1/|u|)^α / c_j^β, the popularity penalty β keeping every
 *   list from turning into the best-sellers.
 *
 * Row i holds W[i][·]: a user's score for item j is Σ over their items i of x_ui · W_ij.
 */
export type GraphSpec =
  | { model: 'itemknn'; neighbours: number; shrink: number }
  | { model: 'rp3beta'; neighbours: number; alpha: number; beta: number };

export interface ItemGraph {
  items: number;
  ptr: Int32Array;
  idx: Int32Array;
  val: Float32Array;
}

export function buildItemGraph(m: Csr, spec: GraphSpec): ItemGraph {
  const n = m.cols;
  const byItem = transpose(m);
  const itemCount = new Float64Array(n);
  for (let i = 0; i < n; i++) itemCount[i] = byItem.ptr[i + 1] - byItem.ptr[i];
  const inverseLength = new Float64Array(m.rows);
  for (let u = 0; u < m.rows; u++) inverseLength[u] = 1 / Math.max(1, m.ptr[u + 1] - m.ptr[u]);
  const penalty = spec.model === 'rp3beta' ? Float64Array.from(itemCount, (c) => (c > 0 ? c ** -spec.beta : 0)) : null;

  const acc = new Float64Array(n);
  const touched = new Int32Array(n);
  const values = new Float64Array(n);
  const rows: { idx: Int32Array; val: Float32Array }[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    let t = 0;
    const rp3 = spec.model === 'rp3beta';
    for (let a = byItem.ptr[i]; a < byItem.ptr[i + 1]; a++) {
      const u = byItem.idx[a];
      const w = rp3 ? inverseLength[u] : 1;
      for (let b = m.ptr[u]; b < m.ptr[u + 1]; b++) {
        const j = m.idx[b];
        if (j === i) continue;
        if (acc[j] === 0) touched[t++] = j;
        acc[j] += w;
      }
    }
    for (let k = 0; k < t; k++) {
      const j = touched[k];
      values[k] =
        spec.model === 'itemknn'
          ? acc[j] / (Math.sqrt(itemCount[i] * itemCount[j]) + spec.shrink)
          : (acc[j] / itemCount[i]) ** spec.alpha * penalty![j];
    }
    const keep = t > spec.neighbours ? kthLargest(values.subarray(0, t), spec.neighbours) : -Infinity;
    const idx = new Int32Array(Math.min(t, spec.neighbours));
    const val = new Float32Array(idx.length);
    let kept = 0;
    // Ties at the threshold: the first ones met, until the row is full.
    for (let k = 0; k < t && kept < idx.length; k++) if (values[k] > keep) (idx[kept] = touched[k]), (val[kept++] = values[k]);
    for (let k = 0; k < t && kept < idx.length; k++) if (values[k] === keep) (idx[kept] = touched[k]), (val[kept++] = values[k]);
    for (let k = 0; k < t; k++) acc[touched[k]] = 0;
    rows.push({ idx, val });
    total += kept;
  }
  const ptr = new Int32Array(n + 1);
  const idx = new Int32Array(total);
  const val = new Float32Array(total);
  rows.forEach((r, i) => {
    ptr[i + 1] = ptr[i] + r.idx.length;
    idx.set(r.idx, ptr[i]);
    val.set(r.val, ptr[i]);
  });
  return { items: n, ptr, idx, val };
}

