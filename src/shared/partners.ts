import { z } from 'zod';
import { projectIdSchema } from './project';

/** Partner ranking and the portfolio as they cross the contract (DESIGN §1 step 4). */
/**
 * `overlap` scores what the partner's audience-overlap sketch says (the new people it brings, or
 * its affinity: the project's overlap settings choose); the presets leave it at 0 until a
 * strategist who has sketches gives it weight. `brandFit`, content fit's companion, scores the
 * brand-personality fit with the product (van der Lans et al. 2014); it too starts at 0.
 */
export const FACTORS = ['audienceFit', 'contentFit', 'network', 'reputation', 'costEfficiency', 'overlap', 'brandFit'] as const;
export type Factor = (typeof FACTORS)[number];
export const PRESETS = ['awareness', 'engagement', 'conversion'] as const;
export type Preset = (typeof PRESETS)[number];

/**
 * Preset weights (they need not add to 1: scores are divided by the weights' sum). The risk
 * penalty is separate: its weight scales how much open risk takes off.
 */
export const PRESET_WEIGHTS: Record<Preset, Record<Factor | 'risk', number>> = {
  awareness: { audienceFit: 0.2, contentFit: 0.15, network: 0.35, reputation: 0.2, costEfficiency: 0.1, overlap: 0, brandFit: 0, risk: 0.3 },
  engagement: { audienceFit: 0.35, contentFit: 0.3, network: 0.1, reputation: 0.15, costEfficiency: 0.1, overlap: 0, brandFit: 0, risk: 0.3 },
  conversion: { audienceFit: 0.35, contentFit: 0.15, network: 0.05, reputation: 0.15, costEfficiency: 0.3, overlap: 0, brandFit: 0, risk: 0.3 },
};

const weight = z.number({ error: 'validation.number' }).finite('validation.number').min(0, 'validation.nonNegative').max(100, 'validation.tooLarge');
export const rankRequestSchema = z
  .object({
    projectId: projectIdSchema,
    preset: z.enum(PRESETS).optional(),
    /** The strategist's weights, over the preset's. */
    weights: z.object({ audienceFit: weight, contentFit: weight, network: weight, reputation: weight, costEfficiency: weight, overlap: weight, brandFit: weight, risk: weight }).partial().strict().optional(),
    /** Hard filters. */
    types: z.array(z.string().min(1).max(60)).max(20).optional(),
    feeCap: z.number().finite().min(0).optional(),
    hideConflicts: z.boolean().optional(),
    /** The target segments' ids in the chosen run, over the plan's choice (default: the plan's, else every segment). */
    segments: z.array(z.number().int().min(0).max(1000)).min(1).max(64).optional(),
    top: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();
export type RankRequest = z.input<typeof rankRequestSchema>;

export interface RankedPartner {
  id: string;
  name: string;
  type: string;
  fee: number | null;
  audienceSize: number | null;
  /** The part of its audience the campaign can address (audience × fit to the target segments, relative to the best fit). */
  addressable: number | null;
  score: number;
  /** Each factor 0–1, and the risk penalty 0–1. */
  factors: Record<Factor, number> & { risk: number };
  /** Each factor's share of the score (weight × value / Σ weights); risk negative. */
  contributions: Record<Factor | 'risk', number>;
  conflicts: string[];
  /** The conflict tags with what they clash with: the project's exclusion, a shortlisted rival, or a softer warning. */
  clashes: { tag: string; kind: 'exclusion' | 'competitor' | 'warning'; with: string | null }[];
  keywords: string[];
  reason: { en: string; 'zh-CN': string };
}

/** What a shortlisted partner should make the strategist look again before the pitch. */
export interface ShortlistWarning {
  kind: 'lowRank' | 'exclusion' | 'competitor' | 'warning';
  /** i18n parameters: name, rank, of, tag, with. */
  params: Record<string, string | number>;
}

export interface ShortlistReview {
  partnerId: string;
  name: string;
  /** Its place among every candidate under the same weights (before any filter). */
  rank: number;
  of: number;
  /** Its place among the candidates of its own type. */
  kindRank: number;
  kindOf: number;
  warnings: ShortlistWarning[];
}

/**
 * A shortlisted partner ranks low when it is outside the top quarter and the top ten of all
 * candidates, and not among the three best of its own kind (a strategist who wants an artist
 * compares artists).
 */
export function isLowRank(rank: number, of: number, kindRank: number): boolean {
  return rank > Math.max(10, Math.ceil(of / 4)) && kindRank > 3;
}

export interface Ranking {
  partners: RankedPartner[];
  /** Each shortlisted partner's rank and what speaks against it. */
  review: ShortlistReview[];
  weights: Record<Factor | 'risk', number>;
  /** What the audience-fit factor was measured against. */
  segments: { run: number | null; names: string[]; /** True when the strategist chose them; false: every segment of the run. */ targeted: boolean };
  productKeywords: string[];
}

/** Keyword influence: the corpus's words ranked by PageRank over their co-occurrences. */
export interface KeywordInfluence {
  /** The product's own top TF-IDF words. */
  product: string[];
  /** Top words of the partners' and product's texts with their rank (sums to at most 1), and whether the product's text uses them. */
  influence: { term: string; rank: number; inProduct: boolean }[];
}

export interface PartnerNetwork {
  nodes: { id: string; name: string; type: string; pagerank: number; eigenvector: number; degree: number; shortlisted: boolean }[];
  edges: { a: string; b: string; weight: number }[];
  /** Collaborations of a partner with itself, left out. */
  selfLoops: number;
}

export const portfolioRequestSchema = z
  .object({
    projectId: projectIdSchema,
    budget: z.number({ error: 'validation.number' }).finite().min(0, 'validation.nonNegative'),
    max: z.number().int().min(1).max(50).optional(),
    preset: z.enum(PRESETS).optional(),
  })
  .strict();
