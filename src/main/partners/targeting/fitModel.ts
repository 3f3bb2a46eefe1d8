import type { HeldOutQuality, ModelSearch, RankingScores } from '../../../shared/targeting';
import { DomainError } from '../../../shared/result';
import { type Csr, csrFrom } from './csr';
import { holdOut, type Split } from './evaluate';
import { type Recommender, fitCandidate } from './recommender';
import { heldOut, searchModels, type SearchOptions } from './search';

type Progress = (fraction: number, step: string) => void;

const HELD_OUT = 0.2;
/** Above this many users the search runs on a seeded random sample of them. */
const TUNING_USERS = 12_000;
/** The peer a data scientist tries first, as the held-out comparison: cosine, no shrinkage, up to this many neighbours. */
export const PEER_ITEM_KNN = { model: 'itemknn' as const, neighbours: 1000, shrink: 0, input: 'binary' as const };

export interface FittedModel {
  recommender: Recommender;
  search: ModelSearch;
  /** On 20% of each user's interactions held out, @10, beside most-popular and item-kNN. */
  quality: HeldOutQuality;
}

/**
 * The targeting model as the jobs fit it: the candidates scored on a validation split carved
 * from the training part (the test part is never looked at until the end), the best one's
 * quality on the 20% held out beside most-popular and item-kNN, then the best one on every
 * interaction. A log in which no user took two items is refused: there is nothing to learn
 * which items go together from. Progress runs 0.1–0.8.
 */
export async function fitTargetingModel(matrix: Csr, o: SearchOptions, progress: Progress): Promise<FittedModel> {
  if (!hasRepeatUsers(matrix)) {
    throw new DomainError('refused', `Every one of the ${matrix.rows.toLocaleString('en')} users in the log took a single item: nothing shows which items go together, so no model can learn from it. Import a log with several interactions per user (for example a longer period).`);
  }
  const { best, search, quality } = await evaluateOnSplit(holdOut(matrix, HELD_OUT, o.seed), o, progress);
  progress(0.6, 'job.recommend.fitting');
  const iterations = best.model === 'als' ? best.iterations : 1;
  const recommender = await fitCandidate(matrix, best, o.seed, (i) => progress(0.6 + (0.2 * i) / iterations, 'job.recommend.fitting'));
  return { recommender, search, quality };
}

/**
 * The choice and its honest score on one split: the search on a validation split carved from
 * `split.train` (a sample of users on big data), then the best candidate, most-popular and
 * the peer item-kNN fitted on `split.train` and scored on `split.test`. Progress runs 0.1–0.6.
 */
export async function evaluateOnSplit(split: Split, o: SearchOptions, progress: Progress = () => {}) {
  const validation = holdOut(sampleUsers(split.train, TUNING_USERS, o.seed), HELD_OUT, o.seed + 1);
  const full = { rows: split.train.rows, cols: split.train.cols, interactions: Math.round(split.train.idx.length / (1 - HELD_OUT)) };
  const found = await searchModels(validation, { ...o, full }, (f) => progress(0.1 + 0.3 * f, 'job.recommend.tuning'));
  const best = found.best;
  progress(0.4, 'job.recommend.evaluating');
  const model = await heldOut(await fitCandidate(split.train, best, o.seed), split.train, split.test);
  const popular = await heldOut(await fitCandidate(split.train, { model: 'popular' }, o.seed), split.train, split.test);
  const sameAsPeer = best.model === 'itemknn' && best.shrink === 0 && best.input === 'binary' && best.neighbours >= PEER_ITEM_KNN.neighbours;
  const itemKnn = sameAsPeer ? model : await heldOut(await fitCandidate(split.train, PEER_ITEM_KNN, o.seed), split.train, split.test);
  const round = (x: RankingScores) => ({ precision: r4(x.precision), recall: r4(x.recall), ndcg: r4(x.ndcg) });
  const search: ModelSearch = { users: found.users, candidates: found.scores.map((s) => ({ settings: s.settings, ndcg: r4(s.ndcg) })) };
  const quality: HeldOutQuality = { users: model.users, model: round(model), popular: round(popular), itemKnn: round(itemKnn) };
  return { best, search, quality };
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;

function hasRepeatUsers(m: Csr): boolean {
  for (let u = 0; u < m.rows; u++) if (m.ptr[u + 1] - m.ptr[u] >= 2) return true;
  return false;
}

/** At most `max` users' rows (a seeded random choice), for the search on big data. */
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
