import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eigenvectorCentrality } from '../../src/main/partners/graph/eigenvector';
import { buildGraph } from '../../src/main/partners/graph/graph';
import { pagerank } from '../../src/main/partners/graph/pagerank';
import { optimisePortfolio, type PortfolioInput } from '../../src/main/partners/portfolio';
import { keywordRank } from '../../src/main/partners/text/keywordRank';
import { cosine, fitTfidf, topTerms } from '../../src/main/partners/text/tfidf';
import { tokenize } from '../../src/main/partners/text/tokenize';

describe('text understanding', () => {
  it('keeps domain words whole where Intl.Segmenter splits them, drops stop words and numbers, lower-cases English', () => {
    expect(tokenize('博物馆文创礼盒与宋画联名营销，2024年 Song Painting for the Museum')).toEqual(['博物馆', '文创', '礼盒', '宋画', '联名', '营销', 'song', 'painting', 'museum']);
    // Full-width letters and digits read as their plain forms.
    expect(tokenize('ＡＲＴ课程１２３')).toEqual(['art', '课程']);
    expect(tokenize('')).toEqual([]);
  });

  it('TF-IDF: unit vectors, cosine 1 for the same text and 0 for no shared word, rare words weigh more', () => {
    const docs = [tokenize('宋画 美学 课程 博物馆'), tokenize('汽车 试驾 新能源'), tokenize('博物馆 文创 礼盒 宋画'), tokenize('课程 课程 直播')];
    const model = fitTfidf(docs);
    const v = docs.map((d) => model.vectorize(d));
    for (const x of v) expect([...x.values()].reduce((s, w) => s + w * w, 0)).toBeCloseTo(1, 10);
    expect(cosine(v[0], model.vectorize(docs[0]))).toBeCloseTo(1, 10);
    expect(cosine(v[0], v[1])).toBe(0);
    expect(cosine(v[0], v[2])).toBeGreaterThan(0.3);
    // 美学 is in one document, 课程 in two: the rarer word weighs more in the same document.
    expect(v[0].get('美学')!).toBeGreaterThan(v[0].get('课程')!);
    expect(topTerms(v[3], 1)[0].term).toBe('课程');
    // A word no document had gets the largest idf; an empty text the zero vector.
    expect(model.vectorize(['敦煌']).get('敦煌')).toBe(1);
    expect(model.vectorize([]).size).toBe(0);
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom('宋画', '课程', '汽车', '联名', '直播', '茶'), { maxLength: 8 }), { minLength: 2, maxLength: 6 }), (ds) => {
        const m = fitTfidf(ds);
        const a = m.vectorize(ds[0]);
        const b = m.vectorize(ds[1]);
        const c = cosine(a, b);
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1 + 1e-12);
        expect(cosine(b, a)).toBeCloseTo(c, 12);
      }),
      { numRuns: 200 },
    );
  });

  it('keyword influence: the word tied to the most others leads', () => {
    const docs = [['宋画', '美学'], ['宋画', '课程'], ['宋画', '博物馆'], ['宋画', '文创'], ['汽车', '试驾']];
    const ranked = keywordRank(docs, 3, 2);
    expect(ranked[0].term).toBe('宋画');
    expect(ranked).toHaveLength(3);
  });
});

/** PageRank by solving (I − d·Mᵀ)x = (1 − d)/n·1 with dangling nodes linked to all: an independent reference. */
function pagerankBySolve(n: number, edges: [number, number][], d = 0.85): number[] {
  const adj = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const [a, b] of edges) if (a !== b) (adj[a][b] += 1), (adj[b][a] += 1);
  const A = Array.from({ length: n }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (j === n ? (1 - d) / n : i === j ? 1 : 0)));
  for (let j = 0; j < n; j++) {
    const out = adj[j].reduce((s, w) => s + w, 0);
    for (let i = 0; i < n; i++) A[i][j] -= d * (out ? adj[j][i] / out : 1 / n);
  }
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    [A[c], A[p]] = [A[p], A[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= n; k++) A[r][k] -= f * A[c][k];
    }
  }
  return A.map((row, i) => row[n] / row[i]);
}

describe('the collaboration network', () => {
  it('PageRank matches the linear-system solution, sums to 1, and survives isolated nodes and self-loops', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.array(fc.tuple(fc.nat(8), fc.nat(8)), { maxLength: 20 }), (n, raw) => {
        const edges = raw.filter(([a, b]) => a < n && b < n) as [number, number][];
        const g = buildGraph(Array.from({ length: n }, (_, i) => `p${i}`), edges.map(([a, b]) => ({ a: `p${a}`, b: `p${b}` })));
        const r = pagerank(g);
        const ref = pagerankBySolve(n, edges);
        ref.forEach((v, i) => expect(r[i]).toBeCloseTo(v, 8));
        expect(r.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 10);
        for (const v of r) expect(Number.isFinite(v) && v > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
    const g = buildGraph(['a', 'b', 'c'], [{ a: 'a', b: 'a' }, { a: 'a', b: 'b' }]);
    expect(g.selfLoops).toBe(1);
    expect(pagerank(buildGraph([], [])).length).toBe(0);
  });

  it('eigenvector centrality: √3 : 1 on a star, 0 for an isolated partner, finite on bipartite and edgeless graphs', () => {
    const star = buildGraph(['hub', 'x', 'y', 'z', 'alone'], [{ a: 'hub', b: 'x' }, { a: 'hub', b: 'y' }, { a: 'hub', b: 'z' }]);
    const e = eigenvectorCentrality(star);
    expect(e[0]).toBeCloseTo(1, 6);
    for (const i of [1, 2, 3]) expect(e[i]).toBeCloseTo(1 / Math.sqrt(3), 6);
    expect(e[4]).toBe(0);
    // A 4-cycle is bipartite: plain power iteration would oscillate; every node is equal.
    const cycle = eigenvectorCentrality(buildGraph(['a', 'b', 'c', 'd'], [{ a: 'a', b: 'b' }, { a: 'b', b: 'c' }, { a: 'c', b: 'd' }, { a: 'd', b: 'a' }]));
    for (const v of cycle) expect(v).toBeCloseTo(1, 6);
    expect([...eigenvectorCentrality(buildGraph(['a', 'b'], []))]).toEqual([0, 0]);
  });
});

function bruteForce(input: PortfolioInput): number {
  const n = input.candidates.length;
  let best = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    const picked = input.candidates.filter((_, i) => mask & (1 << i));
    if (picked.length > input.maxCount) continue;
    if (picked.reduce((s, c) => s + c.fee, 0) > input.budget) continue;
    const ids = new Set(picked.map((c) => c.id));
    // A partner listed as conflicting with itself is ignored (documented in portfolio.ts).
    if (input.conflicts.some(([a, b]) => a !== b && ids.has(a) && ids.has(b))) continue;
    best = Math.max(best, picked.reduce((s, c) => s + c.score, 0));
  }
  return best;
}

describe('the portfolio optimiser', () => {
  it('finds the optimum that brute force finds, on random small instances, always feasible', () => {
    const instance = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.record({
        candidates: fc.tuple(...Array.from({ length: n }, (_, i) => fc.record({ id: fc.constant(`p${i}`), score: fc.double({ min: 0.01, max: 1, noNaN: true }), fee: fc.integer({ min: 0, max: 100 }) }))),
        budget: fc.integer({ min: 0, max: 400 }),
        maxCount: fc.integer({ min: 0, max: 6 }),
        conflicts: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)).map(([a, b]) => [`p${a}`, `p${b}`] as [string, string]), { maxLength: 8 }),
      }),
    );
    fc.assert(
      fc.property(instance, (input) => {
        const r = optimisePortfolio(input);
        expect(r.totalScore).toBeCloseTo(bruteForce(input), 9);
        expect(r.selected.length).toBeLessThanOrEqual(input.maxCount);
        expect(r.totalFee).toBeLessThanOrEqual(input.budget);
        const ids = new Set(r.selected);
        expect(input.conflicts.some(([a, b]) => a !== b && ids.has(a) && ids.has(b))).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('says why strong candidates were left out, and handles a budget below every fee and all-zero scores', () => {
    const candidates = [
      { id: 'museum', score: 0.9, fee: 80 },
      { id: 'artist', score: 0.8, fee: 30 },
      { id: 'rival', score: 0.85, fee: 20 },
      { id: 'kol', score: 0.5, fee: 10 },
      { id: 'auto', score: 0.7, fee: 200 },
    ];
    const r = optimisePortfolio({ candidates, budget: 130, maxCount: 3, conflicts: [['museum', 'rival']] });
    expect(r.selected.sort()).toEqual(['artist', 'kol', 'museum']);
    expect(r.totalScore).toBeCloseTo(2.2, 12);
    expect(r.excluded).toEqual([
      { id: 'rival', why: 'conflict', with: 'museum' },
      { id: 'auto', why: 'budget' },
    ]);
    const poor = optimisePortfolio({ candidates, budget: 5, maxCount: 3, conflicts: [] });
    expect(poor).toMatchObject({ selected: [], totalScore: 0, totalFee: 0 });
    expect(poor.excluded.map((x) => x.why)).toEqual(['budget', 'budget', 'budget', 'budget', 'budget']);
    const zero = optimisePortfolio({ candidates: candidates.map((c) => ({ ...c, score: 0 })), budget: 500, maxCount: 3, conflicts: [] });
    expect(zero).toMatchObject({ selected: [], totalScore: 0, excluded: [] });
  });

  it('stays exact and quick on 200 candidates', () => {
    let x = 7;
    const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const candidates = Array.from({ length: 200 }, (_, i) => ({ id: `p${i}`, score: rnd(), fee: Math.round(10 + rnd() * 90) }));
    const conflicts = Array.from({ length: 60 }, () => [`p${Math.floor(rnd() * 200)}`, `p${Math.floor(rnd() * 200)}`] as [string, string]);
    const t = performance.now();
    const r = optimisePortfolio({ candidates, budget: 300, maxCount: 8, conflicts });
    expect(performance.now() - t).toBeLessThan(5000);
    expect(r.selected.length).toBeGreaterThan(0);
    expect(r.totalFee).toBeLessThanOrEqual(300);
  });
});
