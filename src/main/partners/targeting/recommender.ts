import type { ModelSettings, UserInput } from '../../../shared/targeting';
import { type AlsModel, fitAls } from './als';
import type { Csr } from './csr';
import { fitEase, gramOf } from './ease';
import { buildItemGraph } from './itemGraph';
import { itemConceptScores, itemTopK, itemTopKAll, type ItemWeights, popularityOrder } from './itemScore';
import { type TopK, topKUnseen } from './score';

/**
 * One fitted targeting model behind the two questions the jobs ask of it, whatever its kind:
 * every user's top unseen items (the `recommend` list, and the held-out scores), and every
 * user's score for a concept placed among anchor items (the addressable audience).
 */
export interface Recommender {
  settings: ModelSettings;
  topK(seen: Csr, k: number): Promise<TopK>;
  conceptScores(seen: Csr, anchors: { item: number; weight: number }[]): Float64Array;
  /** Item models only: the same weights read with another user input (no refit: the weights do not depend on it). */
  withInput?(input: UserInput): Recommender;
}

/**
 * A candidate as the search names it; EASE's λ is a multiple of the matrix's mean item count
 * (so a choice made on the validation part carries to the larger training part), set at fit.
 */
export type Candidate =
  | { model: 'popular' }
  | { model: 'itemknn'; neighbours: number; shrink: number; input: UserInput }
  | { model: 'rp3beta'; neighbours: number; alpha: number; beta: number; input: UserInput }
  | { model: 'ease'; lambdaScale: number; input: UserInput }
  | { model: 'als'; factors: number; reg: number; alpha: number; confidence: 'linear' | 'log'; iterations: number };

export async function fitCandidate(m: Csr, c: Candidate, seed: number, onIteration?: (i: number) => void): Promise<Recommender> {
  switch (c.model) {
    case 'popular':
      return popularRecommender(m);
    case 'itemknn':
    case 'rp3beta':
      return itemRecommender({ kind: 'sparse', graph: buildItemGraph(m, c) }, c.input, { ...c });
    case 'ease':
      return fitEaseAt(m, gramOf(m), c.lambdaScale, c.input);
    case 'als': {
      const input = c.confidence === 'log' ? { ...m, val: m.val.map((v) => Math.log1p(v)) } : m;
      const model = await fitAls(input, { factors: c.factors, reg: c.reg, alpha: c.alpha, iterations: c.iterations, seed, onIteration });
      return factorRecommender(model, { ...c });
    }
  }
}

/** EASE at one λ scale from a Gram already counted (the search's costly part is the inverse, not the counts). */
export async function fitEaseAt(m: Csr, gram: ReturnType<typeof gramOf>, lambdaScale: number, input: UserInput): Promise<Recommender> {
  const lambda = Math.max(1e-3, lambdaScale * gram.meanDiagonal);
  return itemRecommender(await fitEase(m, lambda, gram), input, { model: 'ease', lambdaScale, input, lambda: round2(lambda) });
}

function itemRecommender(weights: ItemWeights, input: UserInput, settings: ModelSettings): Recommender {
  return {
    settings,
    withInput: (other) => itemRecommender(weights, other, { ...settings, input: other } as ModelSettings),
    topK: (seen, k) => itemTopKAll(weights, seen, input, k, popularityOrder(seen)),
    conceptScores: (seen, anchors) => itemConceptScores(weights, seen, input, anchors),
  };
}

function factorRecommender(model: AlsModel, settings: ModelSettings): Recommender {
  const f = model.factors;
  return {
    settings,
    topK: (seen, k) => topKUnseen(model, seen, k),
    conceptScores: (seen, anchors) => {
      // The concept's factors: the weighted mean of its anchors'.
      const weight = anchors.reduce((s, a) => s + a.weight, 0) || 1;
      const vector = new Float64Array(f);
      for (const a of anchors) for (let t = 0; t < f; t++) vector[t] += (a.weight / weight) * model.items[a.item * f + t];
      const out = new Float64Array(seen.rows);
      for (let u = 0; u < seen.rows; u++) {
        let s = 0;
        for (let t = 0; t < f; t++) s += model.users[u * f + t] * vector[t];
        out[u] = s;
      }
      return out;
    },
  };
}

/**
 * The floor: the most taken items for everyone. It cannot tell one user's taste from
 * another's, so for a concept it ranks users by how much they take (a popularity model's
 * only notion of who takes up something new).
 */
function popularRecommender(m: Csr): Recommender {
  const empty: ItemWeights = { kind: 'sparse', graph: { items: m.cols, ptr: new Int32Array(m.cols + 1), idx: new Int32Array(0), val: new Float32Array(0) } };
  return {
    settings: { model: 'popular' },
    topK: async (seen, k) => itemTopK(empty, seen, 'binary', k, popularityOrder(m)),
    conceptScores: (seen) => {
      const out = new Float64Array(seen.rows);
      for (let u = 0; u < seen.rows; u++) for (let a = seen.ptr[u]; a < seen.ptr[u + 1]; a++) out[u] += Math.log1p(seen.val[a]);
      return out;
    },
  };
}

/** λ as people read it: whole above 100, two decimals below. */
const round2 = (x: number) => (x >= 100 ? Math.round(x) : Math.round(x * 100) / 100);
