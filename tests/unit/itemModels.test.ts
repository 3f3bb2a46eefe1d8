import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Csr, csrFrom } from '../../src/main/partners/targeting/csr';
import { fitEase, gramOf, invertSpd } from '../../src/main/partners/targeting/ease';
import { buildItemGraph } from '../../src/main/partners/targeting/itemGraph';
import { kthLargest } from '../../src/main/lib/orderStatistics';
import { itemConceptScores, itemTopK, type ItemWeights } from '../../src/main/partners/targeting/itemScore';
import { type Candidate, fitCandidate } from '../../src/main/partners/targeting/recommender';

/** Small random logs: users × items with a few interactions each (weights 1–3). */
const logs = fc
  .record({ users: fc.integer({ min: 2, max: 12 }), items: fc.integer({ min: 3, max: 15 }), pairs: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 3 })), { minLength: 4, maxLength: 80 }) })
  .map(({ users, items, pairs }) => csrFrom(users, items, pairs.map((p) => p[0] % users), pairs.map((p) => p[1] % items), pairs.map((p) => p[2])));

/** The dense item-item weights the sparse graph should hold, computed from the definitions. */
function denseWeights(m: Csr, f: (cij: number, rw: number, ci: number, cj: number) => number): Float64Array {
  const n = m.cols;
  const c = new Float64Array(n * n);
  const rw = new Float64Array(n * n);
  for (let u = 0; u < m.rows; u++) {
    const len = m.ptr[u + 1] - m.ptr[u];
    for (let a = m.ptr[u]; a < m.ptr[u + 1]; a++) for (let b = m.ptr[u]; b < m.ptr[u + 1]; b++) (c[m.idx[a] * n + m.idx[b]] += 1), (rw[m.idx[a] * n + m.idx[b]] += 1 / len);
  }
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j && c[i * n + j] > 0) w[i * n + j] = f(c[i * n + j], rw[i * n + j], c[i * n + i], c[j * n + j]);
  return w;
}

const sparseAsDense = (g: ReturnType<typeof buildItemGraph>) => {
  const w = new Float64Array(g.items * g.items);
  for (let i = 0; i < g.items; i++) for (let b = g.ptr[i]; b < g.ptr[i + 1]; b++) w[i * g.items + g.idx[b]] = g.val[b];
  return w;
};

describe('item-item neighbourhoods', () => {
  it('item-kNN holds cosine with shrinkage c_ij / (√(c_i c_j) + s), and RP3beta the 3-step walk with popularity penalty, on any log', () => {
    fc.assert(
      fc.property(logs, fc.constantFrom(0, 5), fc.constantFrom(0.5, 1), fc.constantFrom(0, 0.4), (m, shrink, alpha, beta) => {
        const knn = sparseAsDense(buildItemGraph(m, { model: 'itemknn', neighbours: m.cols, shrink }));
        const expectKnn = denseWeights(m, (cij, _rw, ci, cj) => cij / (Math.sqrt(ci * cj) + shrink));
        knn.forEach((v, k) => expect(v).toBeCloseTo(expectKnn[k], 5));
        const rp3 = sparseAsDense(buildItemGraph(m, { model: 'rp3beta', neighbours: m.cols, alpha, beta }));
        const expectRp3 = denseWeights(m, (_cij, rw, ci, cj) => (rw / ci) ** alpha / cj ** beta);
        rp3.forEach((v, k) => expect(v).toBeCloseTo(expectRp3[k], 5));
      }),
      { numRuns: 60 },
    );
  });

  it('a neighbour cap keeps each item’s strongest links and no more', () => {
    fc.assert(
      fc.property(logs, fc.integer({ min: 1, max: 4 }), (m, cap) => {
        const all = buildItemGraph(m, { model: 'itemknn', neighbours: m.cols, shrink: 0 });
        const capped = buildItemGraph(m, { model: 'itemknn', neighbours: cap, shrink: 0 });
        for (let i = 0; i < m.cols; i++) {
          const full = [...all.val.subarray(all.ptr[i], all.ptr[i + 1])].sort((a, b) => b - a);
          const kept = [...capped.val.subarray(capped.ptr[i], capped.ptr[i + 1])].sort((a, b) => b - a);
          expect(kept).toEqual(full.slice(0, cap));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the k-th largest by quickselect equals a sort’s', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 50 }), fc.nat(), (xs, k) => {
        const kk = 1 + (k % xs.length);
        expect(kthLargest(Float64Array.from(xs), kk)).toBe([...xs].sort((a, b) => b - a)[kk - 1]);
      }),
    );
  });
});

describe('scoring with item-item weights', () => {
  it('top-k equals ranking Σ_i x_ui·W_ij over the items a user has not taken (ties: lower index), filled with the most popular when the neighbourhood runs out', () => {
    fc.assert(
      fc.property(logs, fc.constantFrom('binary' as const, 'log' as const), fc.integer({ min: 1, max: 5 }), (m, input, k) => {
        const graph = buildItemGraph(m, { model: 'itemknn', neighbours: 3, shrink: 1 });
        const w = sparseAsDense(graph);
        const n = m.cols;
        const counts = new Float64Array(n);
        for (const i of m.idx) counts[i]++;
        const popular = Array.from({ length: n }, (_, i) => i).sort((a, b) => counts[b] - counts[a] || a - b);
        const top = itemTopK({ kind: 'sparse', graph }, m, input, k);
        for (let u = 0; u < m.rows; u++) {
          const seen = new Map<number, number>();
          for (let a = m.ptr[u]; a < m.ptr[u + 1]; a++) seen.set(m.idx[a], input === 'binary' ? 1 : Math.log1p(m.val[a]));
          const s = Array.from({ length: n }, (_, j) => [...seen].reduce((acc, [i, x]) => acc + x * w[i * n + j], 0));
          const scored = Array.from({ length: n }, (_, j) => j).filter((j) => !seen.has(j) && s[j] > 0).sort((a, b) => s[b] - s[a] || a - b);
          const expected = [...scored, ...popular.filter((j) => !seen.has(j) && !scored.includes(j))].slice(0, k);
          const got = [...top.items.subarray(u * k, u * k + k)].filter((i) => i >= 0);
          expect(got).toHaveLength(expected.length);
          // Scored places: the same scores in the same order (sums in another order may swap exact ties).
          const ranked = Math.min(scored.length, k);
          got.slice(0, ranked).forEach((j, r) => expect(s[j]).toBeCloseTo(s[expected[r]], 9));
          expect(got.slice(0, ranked).every((j) => !seen.has(j))).toBe(true);
          // The fill: the most popular items not taken and not already listed, in order.
          expect(got.slice(ranked)).toEqual(popular.filter((j) => !seen.has(j) && !got.slice(0, ranked).includes(j)).slice(0, got.length - ranked));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a concept mixed from anchor items scores each user Σ_i x_ui·Σ_a w_a·W_ia, sparse and dense alike', () => {
    fc.assert(
      fc.property(logs, (m) => {
        const graph = buildItemGraph(m, { model: 'rp3beta', neighbours: m.cols, alpha: 1, beta: 0.3 });
        const dense: ItemWeights = { kind: 'dense', items: m.cols, b: Float32Array.from(sparseAsDense(graph)) };
        const anchors = [{ item: 0, weight: 0.7 }, { item: m.cols - 1, weight: 0.3 }];
        const sparse = itemConceptScores({ kind: 'sparse', graph }, m, 'binary', anchors);
        const fromDense = itemConceptScores(dense, m, 'binary', anchors);
        sparse.forEach((v, u) => expect(v).toBeCloseTo(fromDense[u], 5));
      }),
      { numRuns: 40 },
    );
  });
});

describe('EASE', () => {
  it('onnxruntime’s inverse gives the closed form B = I − P·diag(1/diag P), zero diagonal, as the float64 Cholesky does', async () => {
    const m = csrFrom(30, 12, Array.from({ length: 200 }, (_, k) => k % 30), Array.from({ length: 200 }, (_, k) => (k * 7 + (k % 5)) % 12), new Float32Array(200).fill(1));
    const gram = gramOf(m);
    const lambda = 3;
    const { b } = await fitEase(m, lambda, gram);
    const n = m.cols;
    const a = Float64Array.from(gram.g);
    for (let i = 0; i < n; i++) a[i * n + i] += lambda;
    const p = invertSpd(a, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) expect(b[i * n + j]).toBeCloseTo(i === j ? 0 : -p[i * n + j] / p[j * n + j], 4);
    }
  });

  it('every candidate kind places a concept and ranks: the users who took the anchors’ neighbours score above those who took nothing near', async () => {
    // Two taste groups over items 0–9 and 10–19; the concept sits on item 0.
    const r: number[] = [];
    const c: number[] = [];
    for (let u = 0; u < 60; u++) for (let k = 0; k < 5; k++) (r.push(u), c.push((u % 2) * 10 + ((u + k * 3) % 10)));
    const m = csrFrom(60, 20, r, c, new Float32Array(r.length).fill(1));
    const kinds: Candidate[] = [
      { model: 'itemknn', neighbours: 20, shrink: 0, input: 'binary' },
      { model: 'rp3beta', neighbours: 20, alpha: 1, beta: 0.3, input: 'binary' },
      { model: 'ease', lambdaScale: 1, input: 'binary' },
      { model: 'als', factors: 4, reg: 0.1, alpha: 10, confidence: 'linear', iterations: 10 },
    ];
    for (const kind of kinds) {
      const model = await fitCandidate(m, kind, 1);
      const s = model.conceptScores(m, [{ item: 0, weight: 1 }]);
      const mean = (g: number) => s.filter((_, u) => u % 2 === g).reduce((a, b) => a + b, 0) / 30;
      expect(mean(0), kind.model).toBeGreaterThan(mean(1));
      const top = await model.topK(m, 3);
      expect(top.items.every((i) => i >= 0)).toBe(true);
    }
  });
});
