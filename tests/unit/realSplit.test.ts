import { describe, expect, it } from 'vitest';
import type { Csr } from '../../src/main/partners/targeting/csr';
import { holdOut, popularTopK, rankingQuality } from '../../src/main/partners/targeting/evaluate';
import { fitChoice, selectModel } from '../../src/main/partners/targeting/fitModel';
import { topKUnseen } from '../../src/main/partners/targeting/score';
import { supermarketArff, supermarketMatrix } from '../../scripts/peers/supermarket';

/** Item-item cosine on the binary matrix, all neighbours (recsys_baseline.py's item_knn_cosine): each user's top-k unseen. */
function itemKnnTopK(m: Csr, k: number): (u: number) => Int32Array {
  const n = m.cols;
  const g = new Float64Array(n * n);
  for (let u = 0; u < m.rows; u++) for (let a = m.ptr[u]; a < m.ptr[u + 1]; a++) for (let b = m.ptr[u]; b < m.ptr[u + 1]; b++) g[m.idx[a] * n + m.idx[b]] += 1;
  const d = Array.from({ length: n }, (_, i) => Math.sqrt(g[i * n + i]) || 1);
  return (u) => {
    const s = new Float64Array(n);
    const seen = new Set<number>();
    for (let a = m.ptr[u]; a < m.ptr[u + 1]; a++) {
      const i = m.idx[a];
      seen.add(i);
      for (let j = 0; j < n; j++) if (j !== i) s[j] += g[i * n + j] / d[i] / d[j];
    }
    // Stable: ties keep the lower item number first, as numpy's stable argsort does.
    const order = Array.from({ length: n }, (_, j) => j).filter((j) => !seen.has(j)).sort((a, b) => s[b] - s[a] || a - b);
    return Int32Array.from(order.slice(0, k));
  };
}

describe('recommendation quality on a real implicit-feedback split', () => {
  it('Weka’s supermarket baskets, 20% of each basket held out: the model chosen on a validation split of the training part beats item-item cosine and most-popular on nDCG@10', async () => {
    const found = supermarketArff();
    if ('missing' in found) throw new Error(`The real data set is needed for this test: ${found.missing}. Install Debian's weka, or set SUPERMARKET_ARFF.`);
    const { matrix, departments } = supermarketMatrix(found.file);
    expect(matrix.rows).toBe(4627);
    expect(departments).toHaveLength(216);
    const split = holdOut(matrix, 0.2, 7);
    const chosen = await selectModel(split.train, { iterations: 10, seed: 0 });
    const { model } = await fitChoice(split.train, chosen, 10, 0);
    const ranked = await topKUnseen(model, split.train, 10);
    const ours = rankingQuality(split.test, (u) => ranked.items.subarray(u * 10, u * 10 + 10));
    const knn = rankingQuality(split.test, itemKnnTopK(split.train, 10));
    const popular = rankingQuality(split.test, popularTopK(split.train, 10));
    expect(ours.users).toBe(knn.users);
    expect(knn.ndcg).toBeGreaterThan(0.4);
    expect(ours.ndcg).toBeGreaterThanOrEqual(knn.ndcg);
    expect(ours.ndcg).toBeGreaterThan(popular.ndcg);
  }, 120_000);
});
