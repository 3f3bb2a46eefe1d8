import type { Verdict } from './verdict';
import type { PlanFlags } from './campaignFrame';
import { z } from 'zod';
import { isoDateSchema, projectIdSchema } from './project';
import type { ExperimentRow } from './datasets';

/** Forecasting as it crosses the contract (DESIGN §1 step 6). */
const int = (min: number, max: number) => z.number().int('validation.integer').min(min, 'validation.tooSmall').max(max, 'validation.tooLarge');

export const mmmStartSchema = z
  .object({
    kind: z.literal('mmm'),
    projectId: projectIdSchema,
    /** auto (default): geometric and Weibull both searched, the AIC on the training weeks picks. */
    adstock: z.enum(['auto', 'geometric', 'weibull']).optional(),
    /** auto (default): Hill and logistic both searched, the AIC on the training weeks picks. */
    saturation: z.enum(['auto', 'logistic', 'hill']).optional(),
    /** Weeks held out at the end: never used to choose or fit, only to score. */
    holdout: int(0, 520).optional(),
    seed: int(0, 2 ** 31 - 1).optional(),
    /** Refits of the block bootstrap behind the P10–P90 band. */
    bootstrap: int(0, 2000).optional(),
    /** After launch: append the weeks of a saved scenario that have actuals (its spend, the KPI's weekly sum as outcome) and refit. */
    actuals: z.object({ scenarioId: z.number().int().positive(), kpi: z.string().min(1).max(120).optional() }).strict().optional(),
  })
  .strict();
export type MmmStart = z.infer<typeof mmmStartSchema>;

export interface ChannelFit {
  name: string;
  adstock: { kind: 'geometric'; decay: number } | { kind: 'weibull'; shape: number; scale: number };
  /** Applied to adstocked spend over `spendScale` (the channel's largest adstocked training week). */
  saturation: { kind: 'hill'; shape: number; halfSaturation: number; spendScale: number } | { kind: 'logistic'; lambda: number; spendScale: number };
  beta: number;
  /** Share of the media contribution over every week. */
  contributionShare: number;
  spendShare: number;
  contribution: number;
  spend: number;
  roi: number;
  /** Outcome per extra unit of spend at the average week's spend. */
  mroi: number;
  averageSpend: number;
  /**
   * P10/P90 of the share, ROI and marginal ROI: residual bootstrap refits, each under a draw
   * from the transforms' posterior (absent on fits stored before they existed).
   */
  contributionShareP10?: number;
  contributionShareP90?: number;
  roiP10?: number;
  roiP90?: number;
  mroiP10?: number;
  mroiP90?: number;
}

export interface MmmResult {
  metrics: { r2: number; mape: number; nrmse: number; rssd: number; trainR2: number; trainMape: number; coverage: number | null };
  /** How far the held-out figures and the band can be trusted (added when a fit is read, so older fits have it too). */
  verdict: Verdict;
  channels: ChannelFit[];
  dropped: { name: string; reason: string }[];
  base: { name: string; coef: number }[];
  intercept: number;
  lambda: number;
  weeks: { total: number; train: number; holdout: number };
  /** What the scenario planner continues from: each channel's weekly spend, the non-media columns' means, the residual quantiles. */
  history: {
    spend: Record<string, number[]>;
    baseMeans: Record<string, number>;
    residuals: { p10: number; p90: number };
    /**
     * Out-of-sample weekly errors (actual − model) over the held-out weeks, in order — or the
     * widened training residuals when fewer than eight weeks were held out. Scenario bands
     * read them, so a plan's range carries the model's own error, not only a week's noise.
     * Absent in fits stored before it existed.
     */
    errors?: number[];
  };
  /** Per week: actual, fitted, baseline (everything but media), each channel's contribution, and the bootstrap band. */
  series: { periods: string[]; actual: number[]; fitted: number[]; baseline: number[]; contributions: Record<string, number[]>; p10: number[]; p50: number[]; p90: number[] };
  /** The search: evaluations, the chosen model's error on the training weeks, and the saturation form the AIC chose (AIC per form searched). */
  search: { evaluations: number; trainRmse: number; saturation: 'hill' | 'logistic'; adstock?: 'geometric' | 'weibull'; aic: Record<string, number> };
  /**
   * Set when lift tests calibrated the fit: each test beside the model's figure for it (the
   * channel's contribution over the weeks its window touches, P10–P90 over the bootstrap; and
   * what the same transforms say without any test), and per channel how much its ROI P10–P90
   * narrowed (1 − width with the tests / width without, under the same bootstrap).
   */
  calibration?: { experiments: ExperimentFit[]; roiNarrowing: Record<string, number> };
  /** Set when the fit took in weeks of actuals after launch: how many, of which KPI, under which scenario's spend. */
  actuals?: { weeks: number; kpi: string; scenario: string };
  ms: number;
}


export interface ExperimentFit {
  name: string;
  channel: string;
  start: string;
  end: string;
  /** Fitted weeks the window touches. */
  weeks: number;
  lift: number;
  standardError: number;
  model: number;
  modelP10: number;
  modelP90: number;
  uncalibrated: number;
  /** (model − lift) / standard error: within ±1 the fit honours the test. */
  z: number;
}

/**
 * A channel's weekly response at a steady weekly spend (adstock of a constant spend is that
 * spend, the weights summing to 1): β × saturation(spend / spendScale). The response curves
 * and the marginal ROI read it the same way on both sides of the contract.
 */
export function responseAt(c: Pick<ChannelFit, 'beta' | 'saturation'>, weeklySpend: number): number {
  const z = weeklySpend / (c.saturation.spendScale || 1);
  if (z <= 0) return 0;
  if (c.saturation.kind === 'logistic') {
    const e = Math.exp(-c.saturation.lambda * z);
    return (c.beta * (1 - e)) / (1 + e);
  }
  const a = z ** c.saturation.shape;
  return (c.beta * a) / (a + c.saturation.halfSaturation ** c.saturation.shape);
}

/** The budget allocator's answer (DESIGN §1 step 6). */
export interface Allocation {
  budget: number;
  channels: { name: string; spend: number; current: number; lower: number; upper: number; binding: 'lower' | 'upper' | null; response: number; mroi: number }[];
  /** Weekly outcome from media at the optimum, and at today's split scaled to the same total. */
  response: number;
  currentResponse: number;
  /** Why the split is what it is, in one sentence. */
  explanation: string;
  /** The campaign it is for: where the weekly budget came from, its weeks, their total and what exceeds the project's budget. */
  plan?: { budgetFrom: 'project' | 'history' | 'request'; weeks: number; start: string; total: number; overBudget: number | null };
}


const money = z.number({ error: 'validation.number' }).finite('validation.number').min(0, 'validation.nonNegative').max(1e13, 'validation.tooLarge');
export const allocateRequestSchema = z
  .object({
    projectId: projectIdSchema,
    /** Total weekly spend to split; default: the project's budget over its campaign weeks (else today's average week). */
    budget: money.optional(),
    /** Instead: the weekly media outcome to reach with the least spend. */
    target: money.optional(),
    /** Per channel [lower, upper] weekly spend; default ±30% of today's mix scaled to the weekly budget. */
    bounds: z.record(z.string().min(1).max(120), z.tuple([money, money])).optional(),
  })
  .strict()
  .refine((v) => v.budget === undefined || v.target === undefined, { message: 'forecast.problem.budgetOrTarget', path: ['target'] });
export type AllocateRequest = z.input<typeof allocateRequestSchema>;

export interface ScenarioWeek {
  week: string;
  p10: number;
  p50: number;
  p90: number;
  /** The media part of P50. */
  media: number;
}

export const scenarioRequestSchema = z
  .object({
    projectId: projectIdSchema,
    plan: z
      .object({
        /** ISO dates of consecutive weeks after the last modelled week. */
        weeks: z.array(z.string().max(40)).min(1, 'validation.required').max(260, 'validation.tooMany'),
        /** Weekly spend per channel, one value per week (a channel left out spends nothing). */
        spend: z.record(z.string().min(1).max(120), z.array(z.number({ error: 'validation.number' }))),
      })
      .strict(),
  })
  .strict();
export type ScenarioRequest = z.input<typeof scenarioRequestSchema>;
export interface ScenarioResult {
  weeks: ScenarioWeek[];
  total: { p10: number; p50: number; p90: number };
  contributions: Record<string, number>;
}

/** A saved scenario: a name, a number of weeks after the history, and each channel's weekly spend. */
export const scenarioInputSchema = z
  .object({
    id: z.number().int().positive().optional(),
    name: z.string().trim().min(1, 'validation.required').max(80, 'validation.tooLong'),
    weeks: int(1, 104),
    /** The first week (on the history's weekly grid); none: the week after the history. */
    start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date').optional(),
    /** Weekly spend per channel, the same every week of the scenario. */
    spend: z.record(z.string().min(1).max(120), money),
  })
  .strict();
export type ScenarioInput = z.input<typeof scenarioInputSchema>;
export const scenarioSaveSchema = z.object({ projectId: projectIdSchema, scenario: scenarioInputSchema }).strict();
export const scenarioRefSchema = z.object({ projectId: projectIdSchema, id: z.number().int().positive() }).strict();
export interface SavedScenario {
  id: number;
  name: string;
  weeks: number;
  spend: Record<string, number>;
  /** The first week as saved (none: the week after the history). */
  start: string | null;
  /** Its weeks' dates under the latest fit, and what it does beyond the project's budget and dates. */
  weekDates: string[];
  flags: PlanFlags;
  /** Under the latest fit (null when there is none, or the plan no longer fits it: `problem` says why, as an i18n key). */
  result: ScenarioResult | null;
  problem: { message: string; params?: Record<string, string | number> } | null;
}
/** At most this many scenarios are kept and compared. */
export const MAX_SCENARIOS = 4;

/** A Bass adoption curve over the campaign's weeks: p, q, m set by hand or fitted to an analogous campaign's weekly adopters. */
export const bassRequestSchema = z
  .object({
    weeks: int(1, 260),
    p: z.number().finite().min(1e-5, 'validation.tooSmall').max(1, 'validation.tooLarge').optional(),
    q: z.number().finite().min(0, 'validation.nonNegative').max(3, 'validation.tooLarge').optional(),
    m: money.optional(),
    /** Weekly adopters of an analogous past campaign: p, q and m are fitted to them. */
    analog: z.array(z.number({ error: 'validation.number' })).max(260, 'validation.tooMany').optional(),
  })
  .strict();
export type BassRequest = z.input<typeof bassRequestSchema>;
export interface BassResult {
  p: number;
  q: number;
  m: number;
  weekly: number[];
  cumulative: number[];
  peakWeek: number;
  /** When fitted to an analog: the fit's error per week. */
  fit: { rmse: number; weeks: number } | null;
}

export const actualsRequestSchema = z.object({ projectId: projectIdSchema, scenarioId: z.number().int().positive(), kpi: z.string().min(1).max(120).optional() }).strict();
export interface ActualsComparison {
  kpis: string[];
  kpi: string;
  weeks: { week: string; actual: number | null; p10: number; p50: number; p90: number }[];
  /** Weeks with actuals. */
  matched: number;
  mape: number | null;
  /** Mean of P50 − actual: positive when the forecast ran high. */
  bias: number | null;
  coverage: number | null;
}

/**
 * Pairs of channels whose marginal-ROI P10–P90 intervals overlap: the data cannot say which
 * earns more from the next unit, so a split that trades one for the other is not clearly better.
 */
export function mroiOverlaps(channels: ChannelFit[]): [string, string][] {
  const known = channels.filter((c) => c.mroiP10 !== undefined && c.mroiP90 !== undefined);
  const out: [string, string][] = [];
  for (let i = 0; i < known.length; i++) {
    for (let j = i + 1; j < known.length; j++) {
      const a = known[i];
      const b = known[j];
      if (a.mroiP10! <= b.mroiP90! && b.mroiP10! <= a.mroiP90!) out.push([a.name, b.name]);
    }
  }
  return out;
}

/** A lift test entered by hand on the Forecast page. */
export const experimentInputSchema = z
  .object({
    name: z.string().trim().max(200, 'validation.tooLong').optional(),
    channel: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
    start: isoDateSchema,
    end: isoDateSchema,
    lift: z.number({ error: 'validation.number' }).finite('validation.number').min(-1e13, 'validation.tooSmall').max(1e13, 'validation.tooLarge'),
    standardError: z.number({ error: 'validation.number' }).finite('validation.number').gt(0, 'validation.aboveZero').max(1e13, 'validation.tooLarge'),
  })
  .strict()
  .refine((e) => e.end >= e.start, { message: 'validation.endBeforeStart', path: ['end'] });
export type ExperimentInput = z.infer<typeof experimentInputSchema>;
export const experimentAddSchema = z.object({ projectId: projectIdSchema, experiment: experimentInputSchema }).strict();
export const experimentRemoveSchema = z.object({ projectId: projectIdSchema, index: z.number().int('validation.integer').min(0, 'validation.tooSmall').max(100_000, 'validation.tooLarge') }).strict();

/** The project's lift tests, and the channels and days (first to last) a new one must fall in. */
export interface ExperimentsView {
  experiments: ExperimentRow[];
  channels: string[];
  from: string | null;
  to: string | null;
}
