import { describe, expect, it } from 'vitest';
import { Random } from '../../src/main/core/random';
import { fitAls } from '../../src/main/partners/targeting/als';
import { csrFrom, transpose } from '../../src/main/partners/targeting/csr';
import { holdOut, popularTopK, rankingQuality } from '../../src/main/partners/targeting/evaluate';
import { topKUnseen } from '../../src/main/partners/targeting/score';

/** Users in four taste groups, each mostly touching its own group's items, plus some popular noise. */
function tasteGroups(users: number, items: number, perUser: number, seed: number) {
  const r = new Random(seed);
  const U: number[] = [];
  const I: number[] = [];
  for (let u = 0; u < users; u++) {
    const g = u % 4;
    for (let k = 0; k < perUser; k++) {
      const own = r.next() < 0.85;
      // Within a group some items are far more liked than others; the noise favours low ids.
      const item = own ? g * (items / 4) + Math.floor(Math.pow(r.next(), 2) * (items / 4)) : Math.floor(Math.pow(r.next(), 3) * items);
      U.push(u);
      I.push(item);
    }
  }
  return csrFrom(users, items, U, I, U.map(() => 1));
}

describe('targeting by collaborative filtering', () => {
  it('CSR: repeated pairs add up, the transpose holds the same entries', () => {
    const m = csrFrom(3, 4, [0, 2, 0, 1, 0], [1, 3, 1, 0, 2], [1, 1, 2, 1, 1]);
    expect([...m.ptr]).toEqual([0, 2, 3, 4]);
    expect([...m.idx]).toEqual([1, 2, 0, 3]);
    expect([...m.val]).toEqual([3, 1, 1, 1]);
    const t = transpose(m);
    expect([...t.ptr]).toEqual([0, 1, 2, 3, 4]);
    expect([...t.idx]).toEqual([1, 0, 0, 2]);
  });

  it('implicit ALS beats the most-popular baseline on held-out items (nDCG@10), repeatably with a seed', async () => {
    const all = tasteGroups(800, 400, 12, 3);
    const split = holdOut(all, 0.2, 5);
    const heldOut = split.test.reduce((s, t) => s + t.length, 0);
    expect(heldOut).toBeGreaterThan(0.15 * all.idx.length);
    const model = fitAls(split.train, { factors: 4, reg: 0.1, alpha: 10, iterations: 10, seed: 1 });
    const again = fitAls(split.train, { factors: 4, reg: 0.1, alpha: 10, iterations: 10, seed: 1 });
    expect([...again.users.subarray(0, 50)]).toEqual([...model.users.subarray(0, 50)]);
    const top = await topKUnseen(model, split.train, 10);
    expect(top.engine).toBe('onnx');
    const als = rankingQuality(split.test, (u) => top.items.subarray(u * 10, u * 10 + 10));
    const pop = rankingQuality(split.test, popularTopK(split.train, 10));
    expect(als.users).toBe(pop.users);
    expect(als.ndcg).toBeGreaterThan(pop.ndcg * 1.5);
    expect(als.precision).toBeGreaterThan(pop.precision);
    // Never a trained item, never twice the same item in a list.
    for (let u = 0; u < 800; u++) {
      const list = [...top.items.subarray(u * 10, u * 10 + 10)];
      const seen = new Set(split.train.idx.subarray(split.train.ptr[u], split.train.ptr[u + 1]));
      expect(list.some((i) => seen.has(i))).toBe(false);
      expect(new Set(list).size).toBe(10);
    }
  });

  it('the ONNX top-k equals a plain ranking of U·Vᵀ without the seen items; empty histories get zero factors', async () => {
    const m = csrFrom(50, 30, [0, 0, 1, 2, 3, 4, 4], [1, 2, 2, 3, 4, 5, 6], [1, 1, 1, 1, 1, 1, 1]);
    const model = fitAls(m, { factors: 4, iterations: 3, seed: 2 });
    expect([...model.users.subarray(10 * 4, 11 * 4)]).toEqual([0, 0, 0, 0]);
    const top = await topKUnseen(model, m, 5);
    for (const u of [0, 1, 4]) {
      const seen = new Set(m.idx.subarray(m.ptr[u], m.ptr[u + 1]));
      const scored = Array.from({ length: 30 }, (_, i) => ({ i, s: [0, 1, 2, 3].reduce((acc, t) => acc + model.users[u * 4 + t] * model.items[i * 4 + t], 0) }))
        .filter((x) => !seen.has(x.i))
        .sort((a, b) => b.s - a.s);
      const got = [...top.items.subarray(u * 5, u * 5 + 5)];
      scored.slice(0, 5).forEach((x, r) => expect(top.scores[u * 5 + r]).toBeCloseTo(x.s, 5));
      expect(got.every((i) => !seen.has(i))).toBe(true);
    }
  });
});
