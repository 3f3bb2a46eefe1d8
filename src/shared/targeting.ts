import type { Verdict } from './verdict';
import { z } from 'zod';
import { projectIdSchema } from './project';

/** Targeting by collaborative filtering as it crosses the contract (DESIGN §1 step 4). */
const int = (min: number, max: number) => z.number().int('validation.integer').min(min, 'validation.tooSmall').max(max, 'validation.tooLarge');

export const recommendStartSchema = z
  .object({
    kind: z.literal('recommend'),
    projectId: projectIdSchema,
    /** Items per user in the TSV. */
    top: int(1, 100).optional(),
    outPath: z.string().min(1, 'validation.required').max(4096, 'validation.tooLong'),
    /** Fixed factors narrow the validation search to the regularisation alone. */
    factors: int(2, 256).optional(),
    iterations: int(1, 100).optional(),
    seed: int(0, 2 ** 31 - 1).optional(),
  })
  .strict();
export type RecommendStart = z.infer<typeof recommendStartSchema>;

export interface RankingScores {
  precision: number;
  recall: number;
  ndcg: number;
}

/** How a user's items count in an item-item model: each once, or by log(1 + their summed event weights). */
export type UserInput = 'binary' | 'log';

/**
 * A fitted candidate's settings, as the validation search named them: most-popular (the
 * floor), item-kNN (cosine with shrinkage, a neighbour cap), RP3beta (random walk with a
 * popularity penalty), EASE (λ, as a multiple of the mean item count and absolute) and
 * implicit ALS (factors, regularisation, confidence scaling, iterations).
 */
export type ModelSettings =
  | { model: 'popular' }
  | { model: 'itemknn'; neighbours: number; shrink: number; input: UserInput }
  | { model: 'rp3beta'; neighbours: number; alpha: number; beta: number; input: UserInput }
  | { model: 'ease'; lambdaScale: number; lambda: number; input: UserInput }
  | { model: 'als'; factors: number; reg: number; alpha: number; confidence: 'linear' | 'log'; iterations: number };
export type ModelKind = ModelSettings['model'];
export const MODEL_KINDS: ModelKind[] = ['popular', 'itemknn', 'rp3beta', 'ease', 'als'];

/** One candidate the validation split scored: its settings and nDCG@10 there. */
export interface CandidateScore {
  settings: ModelSettings;
  ndcg: number;
}

/** What the search tried and on how much: every candidate's validation nDCG@10, best first. */
export interface ModelSearch {
  /** Users scored on the validation split (carved from the training part; a sample on big data). */
  users: number;
  candidates: CandidateScore[];
}

/** Held-out quality @10 on 20% of each user's interactions: the chosen model beside most-popular and item-kNN (cosine, the peer tried first). */
export interface HeldOutQuality {
  users: number;
  model: RankingScores;
  popular: RankingScores;
  itemKnn: RankingScores | null;
}

export interface RecommendResult {
  users: number;
  items: number;
  interactions: number;
  /** Interactions naming an item the catalog does not hold: left out, counted here. */
  unknownItems: number;
  /** The model the validation split chose, and its settings (`factors`, `reg`, `alpha`: ALS's; `lambda`: EASE's; otherwise null). */
  model: ModelKind;
  settings: ModelSettings;
  factors: number | null;
  reg: number | null;
  alpha: number | null;
  lambda: number | null;
  search: ModelSearch;
  /** The event weights the interactions were counted with (event → weight). */
  eventWeights: Record<string, number>;
  engine: 'onnx' | 'js';
  quality: HeldOutQuality;
  /** How far the held-out quality can be trusted, against the most popular items and item-kNN. */
  verdict: Verdict;
  written: number;
  path: string;
  ms: number;
}

/**
 * How much each event type counts (event → weight ≥ 0; 0 leaves that event out). Events not
 * named count 1. Defaults: view < listen < finish < purchase, as a strategist ranks them.
 */
export const DEFAULT_EVENT_WEIGHTS: Record<string, number> = { view: 1, click: 1, listen: 2, like: 3, finish: 3, share: 3, purchase: 5, order: 5 };
export const eventWeightsSchema = z
  .record(z.string().min(1, 'validation.required').max(200, 'validation.tooLong'), z.number().min(0, 'validation.tooSmall').max(1000, 'validation.tooLarge'))
  .refine((r) => Object.keys(r).length <= 200, 'validation.tooMany');
export const eventWeightsSaveSchema = z.object({ projectId: projectIdSchema, weights: eventWeightsSchema }).strict();

/** The project's event weights as the models use them, and each event type the interactions hold with its count. */
export interface EventWeightsView {
  weights: Record<string, number>;
  events: { event: string; rows: number; weight: number }[];
}

export const targetStartSchema = z
  .object({
    kind: z.literal('target'),
    projectId: projectIdSchema,
    /** The partner whose themes join the product's in the co-branded concept (none: the product alone). */
    partnerId: z.string().min(1).max(200).optional(),
    /** The share of users counted as addressable: the best-scoring ones. */
    share: z.number().min(0.01, 'validation.tooSmall').max(1, 'validation.tooLarge').optional(),
    /** Where to write the target list (CSV or XLSX: user_id, score, segment). */
    outPath: z.string().min(1).max(4096).optional(),
    seed: int(0, 2 ** 31 - 1).optional(),
  })
  .strict();
export type TargetStart = z.infer<typeof targetStartSchema>;

export interface TargetingResult {
  partnerId: string | null;
  /** The concept's words, and the catalog items it was placed among (TF-IDF nearest). */
  conceptWords: string[];
  anchors: { itemId: string; title: string; similarity: number }[];
  users: number;
  addressable: number;
  /** Per segment of the chosen run: its users and how many of them are addressable. */
  bySegment: { id: number; name: string; nameEn: string; nameZh: string; users: number; addressable: number }[];
  quality: HeldOutQuality;
  verdict: Verdict;
  model: ModelKind;
  settings: ModelSettings;
  search: ModelSearch;
  factors: number | null;
  written: number;
  path: string | null;
  ms: number;
}
