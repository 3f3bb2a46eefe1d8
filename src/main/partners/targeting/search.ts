import type { CandidateScore, ModelSettings } from '../../../shared/targeting';
import type { Csr } from './csr';
import { easeFits, gramOf } from './ease';
import { rankingQuality, type Split } from './evaluate';
import { type Candidate, fitCandidate, fitEaseAt, type Recommender } from './recommender';

/**
 * The search for the targeting model, on a validation split carved from the training part.
 * Every candidate is scored by nDCG@10 on it and kept; the best one wins, ties going to the
 * one tried first (the simpler). The grid is the one a careful data scientist would run:
 *
 * - most-popular, the floor;
 * - item-kNN: 20, 100 or 400 neighbours × shrinkage 0, 10 or 100;
 * - RP3beta: 100 or 400 neighbours × α 0.5 or 1 × β 0, 0.3 or 0.6;
 * - EASE where the catalog allows its dense inverse: λ at 1, 4, 16 and 64 times the mean item
 *   count, then halfway (×2 and ÷2) around the best of those;
 * - the best of each item family again with a user's items counted by strength (log of their
 *   summed event weights) instead of once each: the weights need no refit;
 * - implicit ALS by coordinate steps from 32 factors, reg 0.1, α 10, linear confidence, 10
 *   iterations: log confidence, then 64/128 or 16 factors, reg ×100 (then ×10 more) or ÷10, α ×4, 20 iterations
 *   (eight fits at most, within a stated budget of arithmetic per fit and in all, so big logs stay in time).
 *
 * `factors` fixes ALS's factors and searches ALS alone (the CLI's --factors).
 */
export interface SearchOptions {
  seed: number;
  factors?: number;
  iterations?: number;
  /** The size the chosen model will be fitted at (twice: on the training part and on everything), so ALS's budget covers those fits too. */
  full?: { rows: number; cols: number; interactions: number };
}

/**
 * Multiply-adds one ALS fit may cost in the search ((rows + columns) × f² + 2 × interactions × f,
 * per CG step and iteration), and all of them together: the 2-core build machine does 110–190
 * million a second, so about 5 s and 15 s there. On a log of a million interactions that leaves
 * ALS 8 and 16 factors; the item models cost a fraction of one ALS fit each.
 */
const ALS_FIT_BUDGET = 8e8;
const ALS_TOTAL_BUDGET = 2.4e9;
/** And what one fit of the winner may cost at full size (about 15 s here): past it, ALS is not a candidate at that size. */
const ALS_FULL_BUDGET = 3e9;
const ALS_FITS = 8;
const KNN_GRID = [20, 100, 400].flatMap((neighbours) => [0, 10, 100].map((shrink) => ({ model: 'itemknn' as const, neighbours, shrink, input: 'binary' as const })));
const RP3_GRID = [100, 400].flatMap((neighbours) => [0.5, 1].flatMap((alpha) => [0, 0.3, 0.6].map((beta) => ({ model: 'rp3beta' as const, neighbours, alpha, beta, input: 'binary' as const }))));
const EASE_COARSE = [1, 4, 16, 64];

export interface SearchResult {
  best: Candidate;
  users: number;
  /** Best first. */
  scores: CandidateScore[];
}

export async function searchModels(v: Split, o: SearchOptions, progress: (fraction: number) => void = () => {}): Promise<SearchResult> {
  const scores: CandidateScore[] = [];
  let best: { candidate: Candidate; ndcg: number } | null = null;
  let users = 0;
  const score = async (r: Recommender): Promise<number> => {
    const q = await heldOut(r, v.train, v.test);
    users = q.users;
    scores.push({ settings: r.settings, ndcg: q.ndcg });
    if (!best || q.ndcg > best.ndcg + 1e-9) best = { candidate: candidateOf(r.settings), ndcg: q.ndcg };
    return q.ndcg;
  };
  const ease = !o.factors && (await easeFits(v.train));
  const steps = o.factors ? ALS_FITS : 1 + KNN_GRID.length + RP3_GRID.length + 2 + (ease ? 7 : 0) + ALS_FITS;
  let done = 0;
  const tick = () => progress(Math.min(1, ++done / steps));

  if (!o.factors) {
    await score(await fitCandidate(v.train, { model: 'popular' }, o.seed));
    tick();
    for (const grid of [KNN_GRID, RP3_GRID]) {
      let family: { r: Recommender; ndcg: number } | null = null;
      for (const c of grid) {
        const r = await fitCandidate(v.train, c, o.seed);
        const ndcg = await score(r);
        if (!family || ndcg > family.ndcg + 1e-9) family = { r, ndcg };
        tick();
      }
      await score(family!.r.withInput!('log'));
      tick();
    }
    if (ease) await searchEase(v.train, score, tick);
  }
  await searchAls(v.train, o, score, tick);
  progress(1);
  scores.sort((a, b) => b.ndcg - a.ndcg);
  return { best: best!.candidate, users, scores };
}

/**
 * EASE's λ on a log scale: the coarse grid, then halfway around its best, from one Gram. Only
 * the best fit so far is kept (each dense B is n² floats: 100 MB at 5,000 items).
 */
async function searchEase(train: Csr, score: (r: Recommender) => Promise<number>, tick: () => void) {
  const gram = gramOf(train);
  const tried = new Map<number, number>();
  let best: { scale: number; r: Recommender; ndcg: number } | null = null;
  const run = async (scales: number[]) => {
    for (const scale of scales.filter((s) => !tried.has(s))) {
      const r = await fitEaseAt(train, gram, scale, 'binary');
      const ndcg = await score(r);
      tried.set(scale, ndcg);
      if (!best || ndcg > best.ndcg + 1e-9) best = { scale, r, ndcg };
      tick();
    }
  };
  await run(EASE_COARSE);
  await run([best!.scale / 2, best!.scale * 2]);
  await score(best!.r.withInput!('log'));
  tick();
}

/** ALS by coordinate steps from a middling start, each step kept only if it scores better. */
async function searchAls(train: Csr, o: SearchOptions, score: (r: Recommender) => Promise<number>, tick: () => void) {
  type Als = Extract<Candidate, { model: 'als' }>;
  const costAt = (c: Als, rows: number, cols: number, nnz: number) => 4 * c.iterations * ((rows + cols) * c.factors * c.factors + 2 * nnz * c.factors);
  const full = o.full ?? { rows: train.rows, cols: train.cols, interactions: train.idx.length };
  const cost = (c: Als) => Math.max(costAt(c, train.rows, train.cols, train.idx.length), (ALS_FIT_BUDGET / ALS_FULL_BUDGET) * costAt(c, full.rows, full.cols, full.interactions));
  let current: Als = { model: 'als', factors: o.factors ?? 32, reg: 0.1, alpha: 10, confidence: 'linear', iterations: o.iterations ?? 10 };
  let currentNdcg = -1;
  let fits = 0;
  let spent = 0;
  const tryOne = async (c: Als) => {
    if (fits >= ALS_FITS || cost(c) > ALS_FIT_BUDGET || spent + cost(c) > ALS_TOTAL_BUDGET) return false;
    fits++;
    spent += cost(c);
    const ndcg = await score(await fitCandidate(train, c, o.seed));
    tick();
    if (ndcg > currentNdcg + 1e-9) {
      [current, currentNdcg] = [c, ndcg];
      return true;
    }
    return false;
  };
  // The start, cheapened until it fits the budget.
  while (cost(current) > ALS_FIT_BUDGET && current.factors > 8 && !o.factors) current = { ...current, factors: current.factors / 2 };
  if (cost(current) > ALS_FIT_BUDGET) current = { ...current, iterations: Math.max(3, Math.floor((current.iterations * ALS_FIT_BUDGET) / cost(current))) };
  await tryOne(current);
  await tryOne({ ...current, confidence: 'log' });
  if (!o.factors) {
    if (await tryOne({ ...current, factors: current.factors * 2 })) await tryOne({ ...current, factors: current.factors * 2 });
    else await tryOne({ ...current, factors: current.factors / 2 });
  }
  // Heavy regularisation pulls ALS towards popularity, which wins on logs that popularity drives.
  if (await tryOne({ ...current, reg: current.reg * 100 })) await tryOne({ ...current, reg: current.reg * 10 });
  else await tryOne({ ...current, reg: current.reg / 10 });
  await tryOne({ ...current, alpha: current.alpha * 4 });
  if (!o.iterations) await tryOne({ ...current, iterations: current.iterations * 2 });
}

/** The candidate to refit from the settings the search reported. */
export function candidateOf(s: ModelSettings): Candidate {
  switch (s.model) {
    case 'ease':
      return { model: 'ease', lambdaScale: s.lambdaScale, input: s.input };
    default:
      return { ...s } as Candidate;
  }
}

/** Held-out metrics @10 of a model fitted on `train`. */
export async function heldOut(r: Recommender, train: Csr, test: Int32Array[]) {
  const ranked = await r.topK(train, 10);
  return rankingQuality(test, (u) => ranked.items.subarray(u * 10, u * 10 + 10).filter((i) => i >= 0));
}
