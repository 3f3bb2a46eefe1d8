import { z } from 'zod';
import { projectIdSchema } from './project';

/**
 * The revenue-share calculator (DESIGN §1 step 5): each partner's split model, applied to
 * projected revenue (typed, or the forecast's P10/P50/P90 once forecasting exists). The
 * platform keeps what the partners do not take.
 */
const amount = z.number({ error: 'validation.number' }).finite('validation.number').min(0, 'validation.nonNegative').max(1e12, 'validation.tooLarge');
const share = z.number({ error: 'validation.number' }).finite('validation.number').min(0, 'validation.nonNegative').max(100, 'validation.weightRange');

export const splitModelSchema = z.discriminatedUnion('kind', [
  /** A fixed fee, whatever the revenue. */
  z.object({ kind: z.literal('fixed'), amount }).strict(),
  /** A percentage of revenue. */
  z.object({ kind: z.literal('percent'), share }).strict(),
  /** Marginal tiers: `share` % of the revenue between the previous tier's end and `upTo` (null: no end). */
  z.object({ kind: z.literal('tiered'), tiers: z.array(z.object({ upTo: amount.nullable(), share }).strict()).min(1, 'validation.required').max(10, 'validation.tooMany') }).strict(),
  /** A minimum guarantee paid whatever happens, recouped from the percentage: max(minimum, share % × revenue). */
  z.object({ kind: z.literal('guarantee'), minimum: amount, share }).strict(),
]);
export type SplitModel = z.infer<typeof splitModelSchema>;

export const revenuePartySchema = z.object({ name: z.string().trim().min(1, 'validation.required').max(120, 'validation.tooLong'), model: splitModelSchema }).strict();
export type RevenueParty = z.infer<typeof revenuePartySchema>;

export const revenueScenarioInputSchema = z
  .object({
    id: z.number().int().positive().optional(),
    name: z.string().trim().min(1, 'validation.required').max(120, 'validation.tooLong'),
    /** Revenue points to split, e.g. P10/P50/P90 or low/expected/high. */
    revenues: z.array(z.object({ label: z.string().trim().min(1, 'validation.required').max(40, 'validation.tooLong'), amount }).strict()).min(1, 'validation.required').max(6, 'validation.tooMany'),
    parties: z.array(revenuePartySchema).min(1, 'validation.required').max(12, 'validation.tooMany'),
  })
  .strict();
export type RevenueScenarioInput = z.input<typeof revenueScenarioInputSchema>;

export interface RevenueTake {
  label: string;
  revenue: number;
  /** Per party, in the scenario's order. */
  takes: number[];
  /** What the platform keeps: revenue less every take (negative when the split pays out more). */
  platform: number;
}

export interface RevenueScenario {
  id: number;
  name: string;
  revenues: { label: string; amount: number }[];
  parties: RevenueParty[];
  results: RevenueTake[];
  updatedAt: string;
}

export const revenueSaveSchema = z.object({ projectId: projectIdSchema, scenario: revenueScenarioInputSchema }).strict();
export const revenueRefSchema = z.object({ projectId: projectIdSchema, id: z.number().int().positive() }).strict();
