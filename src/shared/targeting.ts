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

export interface RecommendResult {
  users: number;
  items: number;
  interactions: number;
  /** Interactions naming an item the catalog does not hold: left out, counted here. */
  unknownItems: number;
  /**
   * The model the validation split chose: implicit ALS (its factors, reg and alpha; --factors
   * fixes the factors) or, on catalogs of up to 1,500 items, EASE (its λ; factors = items).
   */
  model: 'als' | 'ease';
  factors: number;
  reg: number | null;
  alpha: number | null;
  lambda: number | null;
  engine: 'onnx' | 'js';
  /** On 20% of each user's interactions held out, @10, beside the most-popular baseline. */
  quality: { users: number; model: RankingScores; popular: RankingScores };
  /** How far the held-out quality can be trusted, against the most popular items. */
  verdict: Verdict;
  written: number;
  path: string;
  ms: number;
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
  quality: RecommendResult['quality'];
  verdict: Verdict;
  model: RecommendResult['model'];
  factors: number;
  written: number;
  path: string | null;
  ms: number;
}
