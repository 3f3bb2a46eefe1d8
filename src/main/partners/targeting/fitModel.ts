import type { RankingScores } from '../../../shared/targeting';
import { type AlsModel, fitAls } from './als';
import { type Csr, csrFrom } from './csr';
import { holdOut, popularTopK, rankingQuality } from './evaluate';
import { topKUnseen } from './score';

type Progress = (fraction: number, step: string) => void;

/**
 * What the validation split chooses between: few or more factors, and light regularisation
 * with a strong confidence boost, or heavy regularisation with a weak one (close to
 * popularity, which wins on data that popularity drives).
 */
const CANDIDATES = [8, 16, 32].flatMap((factors) => [
  { factors, reg: 0.05, alpha: 20 },
  { factors, reg: 100, alpha: 1 },
]);
const HELD_OUT = 0.2;
/** Above this many users the search runs on a random sample of them. */
const TUNING_USERS = 30_000;

export interface FittedModel {
  model: AlsModel;
  chosen: { factors: number; reg: number; alpha: number };
  /** On 20% of each user's interactions held out, @10, beside most-popular. */
  quality: { users: number; als: RankingScores; popular: RankingScores };
}

/**
 * The targeting model as the jobs fit it: ALS settings chosen on a validation split carved
 * from the training part (the test part is never looked at until the end), quality on the
 * held-out part beside most-popular, then ALS on every interaction. Progress runs 0.1–0.8.
 */
export async function fitTargetingModel(matrix: Csr, o: { factors?: number; iterations: number; seed: number }, progress: Progress): Promise<FittedModel> {
  const { iterations, seed } = o;
  const split = holdOut(matrix, HELD_OUT, seed);
  let chosen = { factors: o.factors ?? 16, reg: 0.05, alpha: 20 };
  const candidates = o.factors ? CANDIDATES.filter((c) => c.factors === CANDIDATES[0].factors).map((c) => ({ ...c, factors: o.factors! })) : CANDIDATES;
  progress(0.1, 'job.recommend.tuning');
  const validation = holdOut(sampleUsers(split.train, TUNING_USERS, seed), HELD_OUT, seed + 1);
  let best = -1;
  for (const [n, c] of candidates.entries()) {
    const model = await fitAls(validation.train, { ...c, iterations, seed });
    const q = await quality(model, validation.train, validation.test);
    if (q.ndcg > best + 1e-9) [best, chosen] = [q.ndcg, c];
    progress(0.1 + (0.3 * (n + 1)) / candidates.length, 'job.recommend.tuning');
  }
  progress(0.4, 'job.recommend.evaluating');
  const evaluated = await fitAls(split.train, { ...chosen, iterations, seed });
  const als = await quality(evaluated, split.train, split.test);
  const popular = rankingQuality(split.test, popularTopK(split.train, 10));
  progress(0.6, 'job.recommend.fitting');
  const model = await fitAls(matrix, { ...chosen, iterations, seed, onIteration: (i) => progress(0.6 + (0.2 * i) / iterations, 'job.recommend.fitting') });
  const round = (x: RankingScores) => ({ precision: r4(x.precision), recall: r4(x.recall), ndcg: r4(x.ndcg) });
  return { model, chosen, quality: { users: als.users, als: round(als), popular: round(popular) } };
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

