import { z } from 'zod';
import { projectIdSchema } from '../project';
import type { OverlapResult } from './compareSketches';
import { IDENTIFIER_KINDS, type IdentifierKind } from './identifiers';

/**
 * The Partners page's overlap card as it crosses the contract: the project's settings, and per
 * partner with a deal its key's id, the sketch it sent back and what the two say together.
 */
/** The size people usually draw both audiences from when nothing else is known: China's internet users (CNNIC, June 2024). */
export const DEFAULT_UNIVERSE = 1_099_670_000;

export const OVERLAP_MEASURES = ['incrementalReach', 'affinity'] as const;
export type OverlapMeasure = (typeof OVERLAP_MEASURES)[number];

export interface OverlapSettings {
  /** How many people both audiences are drawn from (the affinity's baseline). */
  universe: number;
  /** What the ranking's overlap factor scores: the new people a partner brings, or its affinity. */
  measure: OverlapMeasure;
  /** Our audience's column that holds the identifier: `user_id` or one of its attributes. */
  column: string;
  /** null: detected from the values. */
  kind: IdentifierKind | null;
}

export const DEFAULT_OVERLAP_SETTINGS: OverlapSettings = { universe: DEFAULT_UNIVERSE, measure: 'incrementalReach', column: 'user_id', kind: null };

export interface OurSketchBasis {
  column: string;
  kind: IdentifierKind;
  /** The segmentation run whose segments the sketch has parts for (null: none chosen). */
  runId: number | null;
  rows: number;
  valid: number;
  invalid: number;
  madeAt: string;
}

export interface PartnerDeal {
  partnerId: string;
  name: string;
  keyId: string;
  createdAt: string;
  /** The partner's sketch, once imported. */
  theirs: { file: string; importedAt: string; label: string; createdBy: string; rows: number | null; valid: number | null } | null;
  ours: OurSketchBasis | null;
  /** True when our sketch was made for another column, kind or segmentation run than today's. */
  stale: boolean;
  result: OverlapResult | null;
}

export interface OverlapView {
  settings: OverlapSettings;
  /** The audience columns an identifier can come from. */
  columns: string[];
  audienceRows: number;
  deals: PartnerDeal[];
}

const partnerId = z.string().min(1).max(200);

export const overlapSettingsSchema = z
  .object({
    projectId: projectIdSchema,
    universe: z.number({ error: 'validation.number' }).finite('validation.number').min(1000, 'overlap.problem.universeSmall').max(1e10, 'validation.tooLarge').optional(),
    measure: z.enum(OVERLAP_MEASURES).optional(),
    column: z.string().min(1, 'validation.required').max(200, 'validation.tooLong').optional(),
    kind: z.enum(IDENTIFIER_KINDS).nullable().optional(),
  })
  .strict();

export const overlapKitSchema = z
  .object({ projectId: projectIdSchema, partnerId, path: z.string().min(1).max(4096), lang: z.enum(['zh-CN', 'en']) })
  .strict();

export const overlapStartSchema = z
  .object({
    kind: z.literal('overlap'),
    projectId: projectIdSchema,
    partnerId,
    /** The partner's `.tsketch` to import; without it, only our side is made again. */
    path: z.string().min(1).max(4096).optional(),
  })
  .strict();

export const overlapForgetSchema = z.object({ projectId: projectIdSchema, partnerId }).strict();
