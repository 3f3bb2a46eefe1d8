import type { RankingScores } from '../../../shared/targeting';
import { type AlsModel, fitAls } from './als';
import { easeFits, fitEase, gramOf } from './ease';
import { type Csr, csrFrom } from './csr';
import { holdOut, popularTopK, rankingQuality } from './evaluate';
import { topKUnseen } from './score';

type Progress = (fraction: number, step: string) => void;

/**
 * What the validation split chooses between. ALS: few or more factors, and light
 * regularisation with a strong confidence boost, or heavy regularisation with a weak one
 * (close to popularity, which wins on data that popularity drives). EASE, on catalogs small
 * enough for its dense inverse: λ at a quarter, one and four times the mean item count (the
 * scale at which its shrinkage starts to bite), so the choice carries to the full data.
 */
const ALS_CANDIDATES = [8, 16, 32].flatMap((factors) => [
  { model: 'als' as const, factors, reg: 0.05, alpha: 20 },
  { model: 'als' as const, factors, reg: 100, alpha: 1 },
]);
const EASE_SCALES = [0.25, 1, 4];
const HELD_OUT = 0.2;
/** Above this many users the search runs on a random sample of them. */
const TUNING_USERS = 30_000;

export type ModelChoice = { model: 'als'; factors: number; reg: number; alpha: number } | { model: 'ease'; factors: number; lambdaScale: number; lambda: number };

export interface FittedModel {
  model: AlsModel;
  chosen: ModelChoice;
  /** On 20% of each user's interactions held out, @10, beside most-popular. */
  quality: { users: number; model: RankingScores; popular: RankingScores };
}

/** Fits one candidate on a matrix; EASE's λ is set from its scale and this matrix's item counts. */
export async function fitChoice(m: Csr, c: ModelChoice, iterations: number, seed: number, onIteration?: (i: number) => void): Promise<{ model: AlsModel; chosen: ModelChoice }> {
  if (c.model === 'als') return { model: await fitAls(m, { factors: c.factors, reg: c.reg, alpha: c.alpha, iterations, seed, onIteration }), chosen: c };
  const gram = gramOf(m);
  const lambda = Math.max(1e-3, c.lambdaScale * gram.meanDiagonal);
  return { model: fitEase(m, lambda, gram), chosen: { ...c, factors: m.cols, lambda: Math.round(lambda * 100) / 100 } };
}

/**
 * The candidate that ranks a validation split best, the split carved from `train` alone
 * (20% of each user's items; a sample of users on big data). Fixed factors narrow the
 * search to ALS's regularisation. Progress runs 0.1–0.4.
 */
export async function selectModel(train: Csr, o: { factors?: number; iterations: number; seed: number }, progress: Progress = () => {}): Promise<ModelChoice> {
  const { iterations, seed } = o;
  const candidates: ModelChoice[] = o.factors
    ? ALS_CANDIDATES.filter((c) => c.factors === ALS_CANDIDATES[0].factors).map((c) => ({ ...c, factors: o.factors! }))
    : [...ALS_CANDIDATES, ...(easeFits(train) ? EASE_SCALES.map((lambdaScale) => ({ model: 'ease' as const, factors: train.cols, lambdaScale, lambda: 0 })) : [])];
  let chosen: ModelChoice = candidates[0];
  progress(0.1, 'job.recommend.tuning');
  const validation = holdOut(sampleUsers(train, TUNING_USERS, seed), HELD_OUT, seed + 1);
  let best = -1;
  for (const [n, c] of candidates.entries()) {
    const { model } = await fitChoice(validation.train, c, iterations, seed);
    const q = await quality(model, validation.train, validation.test);
    if (q.ndcg > best + 1e-9) [best, chosen] = [q.ndcg, c];
    progress(0.1 + (0.3 * (n + 1)) / candidates.length, 'job.recommend.tuning');
  }
  return chosen;
}

/**
 * The targeting model as the jobs fit it: the model chosen on the training part (the test
 * part is never looked at until the end), quality on the 20% held out beside most-popular,
 * then the chosen model on every interaction. Progress runs 0.1–0.8.
 */
export async function fitTargetingModel(matrix: Csr, o: { factors?: number; iterations: number; seed: number }, progress: Progress): Promise<FittedModel> {
  const { iterations, seed } = o;
  const split = holdOut(matrix, HELD_OUT, seed);
  const chosen = await selectModel(split.train, o, progress);
  progress(0.4, 'job.recommend.evaluating');
  const evaluated = await fitChoice(split.train, chosen, iterations, seed);
  const scores = await quality(evaluated.model, split.train, split.test);
  const popular = rankingQuality(split.test, popularTopK(split.train, 10));
  progress(0.6, 'job.recommend.fitting');
  const final = await fitChoice(matrix, chosen, iterations, seed, (i) => progress(0.6 + (0.2 * i) / iterations, 'job.recommend.fitting'));
  const round = (x: RankingScores) => ({ precision: r4(x.precision), recall: r4(x.recall), ndcg: r4(x.ndcg) });
  return { model: final.model, chosen: final.chosen, quality: { users: scores.users, model: round(scores), popular: round(popular) } };
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;

/** At most `max` users' rows (a seeded random choice), for the parameter search on big data. */
function sampleUsers(m: Csr, max: number, seed: number): Csr {
  if (m.rows <= max) return m;
  const pick = new Set<number>();
  let x = seed + 1;
  while (pick.size < max) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    pick.add(x % m.rows);
  }
  const order = [...pick].sort((a, b) => a - b);
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  order.forEach((u, row) => {
    for (let k = m.ptr[u]; k < m.ptr[u + 1]; k++) {
      r.push(row);
      c.push(m.idx[k]);
      v.push(m.val[k]);
    }
  });
  return csrFrom(order.length, m.cols, r, c, v);
}

async function quality(model: AlsModel, train: Csr, test: Int32Array[]) {
  const ranked = await topKUnseen(model, train, 10);
  return rankingQuality(test, (u) => ranked.items.subarray(u * 10, u * 10 + 10).filter((i) => i >= 0));
}

