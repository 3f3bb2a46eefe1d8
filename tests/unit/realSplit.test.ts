import { describe, expect, it } from 'vitest';
import type { Csr } from '../../src/main/partners/targeting/csr';
import { holdOut, popularTopK, rankingQuality } from '../../src/main/partners/targeting/evaluate';
import { evaluateOnSplit } from '../../src/main/partners/targeting/fitModel';
import { MODEL_KINDS } from '../../src/shared/targeting';
import { onlineRetailInteractions } from '../../scripts/peers/onlineRetail';
import { supermarketArff, supermarketMatrix } from '../../scripts/peers/supermarket';

/** Item-item cosine on the binary matrix, all neighbours (recsys_baseline.py's item_knn_cosine), written apart from Tandem's: each user's top-k unseen. */
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

describe('recommendation quality on real implicit-feedback splits', () => {
  it('Weka’s supermarket baskets, 20% of each basket held out: the model chosen on a validation split of the training part beats item-item cosine and most-popular on nDCG@10, every candidate kept with its score', async () => {
    const found = supermarketArff();
    if ('missing' in found) throw new Error(`The real data set is needed for this test: ${found.missing}. Install Debian's weka, or set SUPERMARKET_ARFF.`);
    const { matrix, departments } = supermarketMatrix(found.file);
    expect(matrix.rows).toBe(4627);
    expect(departments).toHaveLength(216);
    const split = holdOut(matrix, 0.2, 7);
    const ours = await evaluateOnSplit(split, { seed: 0 });
    const knn = rankingQuality(split.test, itemKnnTopK(split.train, 10));
    const popular = rankingQuality(split.test, popularTopK(split.train, 10));
    expect(ours.quality.users).toBe(knn.users);
    expect(knn.ndcg).toBeGreaterThan(0.4);
    expect(ours.quality.model.ndcg).toBeGreaterThanOrEqual(knn.ndcg);
    expect(ours.quality.model.ndcg).toBeGreaterThan(popular.ndcg);
    // The job's own item-kNN and popular figures are the same models as the independent ones.
    expect(ours.quality.popular.ndcg).toBeCloseTo(popular.ndcg, 3);
    expect(Math.abs(ours.quality.itemKnn!.ndcg - knn.ndcg)).toBeLessThan(0.01);
    // Every family was tried and kept, best first, and the chosen one is the best on validation.
    const kinds = new Set(ours.search.candidates.map((c) => c.settings.model));
    expect([...kinds].sort()).toEqual([...MODEL_KINDS].sort());
    const scores = ours.search.candidates.map((c) => c.ndcg);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(ours.search.candidates[0].settings.model).toBe(ours.best.model);
  }, 180_000);

  it('the UK retailer’s invoice lines imported from its Excel export: the chosen model is no worse than item-kNN or the most popular items', async () => {
    const retail = onlineRetailInteractions();
    if ('missing' in retail) throw new Error(`The real data set is needed for this test: ${retail.missing}.`);
    expect(retail.matrix.rows).toBeGreaterThan(3000);
    const split = holdOut(retail.matrix, 0.2, 42);
    const ours = await evaluateOnSplit(split, { seed: 0 });
    const knn = rankingQuality(split.test, itemKnnTopK(split.train, 10));
    expect(ours.quality.model.ndcg).toBeGreaterThanOrEqual(knn.ndcg);
    expect(ours.quality.model.ndcg).toBeGreaterThanOrEqual(ours.quality.popular.ndcg - 0.005);
  }, 240_000);
});
