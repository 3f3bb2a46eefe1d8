import type { Verdict } from './verdict';
import { z } from 'zod';
import { projectIdSchema } from './project';

/**
 * The campaign-level model as it crosses the contract (DESIGN §1 step 6): past campaigns
 * aggregated to one row each, the outcome regressed on their drivers, and what each
 * shortlisted partner would bring.
 */
export const campaignModelRequestSchema = z
  .object({
    projectId: projectIdSchema,
    /** The partners to predict for (default: the shortlist). */
    partners: z.array(z.string().min(1).max(120)).max(10_000).optional(),
  })
  .strict();
export type CampaignModelRequest = z.input<typeof campaignModelRequestSchema>;

/** The drivers a partner and the plan can set; any other driver is held at its past average. */
export const PARTNER_DRIVERS = ['addressable_audience', 'audience_fit', 'audience_size', 'partner_fee', 'partner_type', 'reputation'] as const;
export const PLAN_DRIVERS = ['budget', 'duration_weeks', 'price'] as const;
export type DriverSource = 'partner' | 'plan' | 'average';

export interface CampaignDriverInfo {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Numeric: the past campaigns' smallest and largest value. */
  range?: [number, number];
  /** Categorical: its levels, the first being the reference the others are measured against. */
  levels?: string[];
}

export interface CampaignCoefficient {
  driver: string;
  /** A categorical driver's level (against the reference level); null for numeric drivers. */
  level: string | null;
  /** Outcome per unit of the driver (per campaign), with its bootstrap P10–P90. */
  estimate: number;
  p10: number;
  p90: number;
  /** The effect of one standard deviation of the driver, for comparing drivers. */
  perSd: number;
  /** The driver column's standard deviation over the past campaigns. */
  sd: number;
}

export interface FitScore {
  /** Leave-one-out: each campaign predicted by a model fitted without it. */
  mape: number;
  mae: number;
  r2: number;
}

export interface PastCampaign {
  id: string;
  from: string;
  to: string;
  outcome: number;
  /** Leave-one-out prediction. */
  predicted: number;
  drivers: Record<string, number | string>;
}

export interface PartnerPrediction {
  partnerId: string;
  name: string;
  type: string;
  p10: number;
  p50: number;
  p90: number;
  /** P50 less the P50 with the partner's drivers at the past campaigns' average: what choosing this partner adds. */
  versusAverage: number;
  /** The least-squares line's prediction from the same partner. */
  baseline: number | null;
  drivers: Record<string, number | string>;
  sources: Record<string, DriverSource>;
  /** Drivers whose value lies outside what past campaigns covered (or a level they never had). */
  outside: string[];
}

export interface CampaignModel {
  campaigns: PastCampaign[];
  drivers: CampaignDriverInfo[];
  intercept: number;
  coefficients: CampaignCoefficient[];
  /** The ridge penalty chosen by leave-one-out error. */
  lambda: number;
  score: FitScore;
  /** The seeds' plain least-squares line on one driver, for comparison. */
  baseline: { driver: string; intercept: number; slope: number; score: FitScore };
  /** Nominal coverage of the prediction intervals (jackknife+, a conformal method). */
  coverage: number;
  predictions: PartnerPrediction[];
  /** How far the model can be trusted: against the line, for its data, for these predictions. */
  verdict: Verdict;
  /** The plan's values the predictions used. */
  plan: { budget: number | null; durationWeeks: number | null; price: number | null };
}
