import { Random } from '../../core/random';
import { type Csr, csrFrom } from './csr';

/**
 * Held-out evaluation the way ../shared/baselines/recsys_baseline.py scores a split: for
 * each user with held-out items, rank every item the user has not trained on, and average
 * Precision@K, Recall@K and nDCG@K (binary relevance) over those users.
 */
export interface Split {
  train: Csr;
  /** Per user, the held-out items (empty for most users of a small history). */
  test: Int32Array[];
}

/** Holds out `share` of each user's items at random (users with one item keep it). */
export function holdOut(m: Csr, share: number, seed: number): Split {
  const random = new Random(seed);
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  const test: Int32Array[] = [];
  for (let u = 0; u < m.rows; u++) {
    const start = m.ptr[u];
    const n = m.ptr[u + 1] - start;
    const held = n >= 2 ? Math.max(1, Math.round(n * share)) : 0;
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const out = new Set(order.slice(0, held));
    const mine: number[] = [];
    for (let i = 0; i < n; i++) {
      if (out.has(i)) mine.push(m.idx[start + i]);
      else {
        r.push(u);
        c.push(m.idx[start + i]);
        v.push(m.val[start + i]);
      }
    }
    test.push(Int32Array.from(mine));
  }
  return { train: csrFrom(m.rows, m.cols, r, c, v), test };
}

export interface RankingQuality {
  users: number;
  precision: number;
  recall: number;
  ndcg: number;
}

/** Metrics @k from each evaluated user's top-k list (items already trained on excluded by the caller). */
export function rankingQuality(test: Int32Array[], topK: (user: number) => Int32Array, k = 10): RankingQuality {
  const disc = Array.from({ length: k }, (_, i) => 1 / Math.log2(i + 2));
  let users = 0;
  let precision = 0;
  let recall = 0;
  let ndcg = 0;
  test.forEach((held, u) => {
    if (!held.length) return;
    users++;
    const truth = new Set(held);
    const top = topK(u);
    let hits = 0;
    let dcg = 0;
    for (let i = 0; i < Math.min(k, top.length); i++) {
      if (truth.has(top[i])) {
        hits++;
        dcg += disc[i];
      }
    }
    let ideal = 0;
    for (let i = 0; i < Math.min(truth.size, k); i++) ideal += disc[i];
    precision += hits / k;
    recall += hits / truth.size;
    ndcg += dcg / ideal;
  });
  return users ? { users, precision: precision / users, recall: recall / users, ndcg: ndcg / users } : { users: 0, precision: 0, recall: 0, ndcg: 0 };
}

/** The most-popular baseline: items by training count, minus what the user trained on. */
export function popularTopK(train: Csr, k: number): (user: number) => Int32Array {
  const counts = new Float64Array(train.cols);
  for (const i of train.idx) counts[i]++;
  const order = Int32Array.from({ length: train.cols }, (_, i) => i).sort((a, b) => counts[b] - counts[a] || a - b);
  return (u) => {
    const seen = new Set(train.idx.subarray(train.ptr[u], train.ptr[u + 1]));
    const out: number[] = [];
    for (const i of order) {
      if (!seen.has(i)) out.push(i);
      if (out.length === k) break;
    }
    return Int32Array.from(out);
  };
}
