import { z } from 'zod';
import { FACTORS, type Factor, PRESET_WEIGHTS, PRESETS } from './partners';
import { isoDateSchema, projectIdSchema } from './project';

/**
 * The partner-selection wizard (DESIGN §1 step 4): needs and target segments → cooperation
 * model and goals → shortlist and comparison → co-branded content, channels and timeline →
 * success metrics. Saved on the project at every change, so it can be left and resumed.
 * The shortlist itself lives in the `shortlist` table (the checklist follows it); the
 * campaign's budget and dates are the project's own fields, written through by the wizard.
 */
export const PLAN_STEPS = ['needs', 'cooperation', 'shortlist', 'content', 'metrics'] as const;
export type PlanStep = (typeof PLAN_STEPS)[number];

export const NEEDS = ['newUsers', 'brandAwareness', 'courseSales', 'retention', 'premiumImage', 'newMarket'] as const;
export const COOPERATION_MODELS = ['coBrandedProduct', 'contentCoCreation', 'ipLicensing', 'channelExchange', 'sponsorship', 'crossIndustryEvent'] as const;
export const CONTENT_FORMS = ['jointCourse', 'limitedEdition', 'liveSession', 'offlineSalon', 'testDrive', 'exhibition', 'audioColumn', 'ebook', 'merchandise', 'workshop'] as const;
export const CHANNELS = ['wechat', 'douyin', 'xiaohongshu', 'bilibili', 'weibo', 'appPush', 'email', 'partnerChannels', 'offline'] as const;
export const METRICS = ['reach', 'signups', 'sales', 'revenue', 'engagementRate', 'conversionRate', 'newFollowers', 'nps', 'custom'] as const;
export type Metric = (typeof METRICS)[number];
/** How a metric's target reads: a count, money in the project's currency, or a percentage. */
export const METRIC_UNIT: Record<Metric, 'count' | 'money' | 'percent' | 'score'> = {
  reach: 'count', signups: 'count', sales: 'count', revenue: 'money', engagementRate: 'percent', conversionRate: 'percent', newFollowers: 'count', nps: 'score', custom: 'count',
};

const text = (max: number) => z.string().max(max, 'validation.tooLong');
const count = z.number({ error: 'validation.number' }).finite('validation.number').min(0, 'validation.nonNegative').max(1e12, 'validation.tooLarge');
const weight = z.number({ error: 'validation.number' }).finite('validation.number').min(0, 'validation.nonNegative').max(1, 'validation.tooLarge');
const localId = z.string().regex(/^[a-z0-9-]{1,24}$/, 'validation.invalid');

const contentItemSchema = z
  .object({
    id: localId,
    form: z.enum(CONTENT_FORMS),
    title: text(200),
    partnerIds: z.array(z.string().min(1).max(200)).max(10, 'validation.tooMany'),
    channels: z.array(z.enum(CHANNELS)).max(CHANNELS.length, 'validation.tooMany'),
    start: isoDateSchema.nullable(),
    end: isoDateSchema.nullable(),
    notes: text(2000),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.start && v.end && v.end < v.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'validation.endBeforeStart' });
  });

const metricItemSchema = z
  .object({
    id: localId,
    metric: z.enum(METRICS),
    /** The custom metric's name (the listed ones are named by the app). */
    label: text(120),
    target: count.nullable(),
    baseline: count.nullable(),
    due: isoDateSchema.nullable(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.metric === 'custom' && !v.label.trim()) ctx.addIssue({ code: 'custom', path: ['label'], message: 'validation.required' });
    if (METRIC_UNIT[v.metric] === 'percent' && v.target !== null && v.target > 100) ctx.addIssue({ code: 'custom', path: ['target'], message: 'validation.weightRange' });
  });

export const planSchema = z
  .object({
    /** The step the strategist was on: the wizard reopens there. */
    step: z.enum(PLAN_STEPS),
    /** Steps the strategist has moved past. */
    done: z.array(z.enum(PLAN_STEPS)).max(PLAN_STEPS.length),
    needs: z
      .object({
        needs: z.array(z.enum(NEEDS)).max(NEEDS.length),
        brief: text(4000),
        /**
         * The segments the partners must reach, in the chosen segmentation run, which is
         * named by its creation time (ids are renumbered when a project is copied). Null: all.
         */
        segments: z.object({ run: z.string().min(1).max(40), ids: z.array(z.number().int().min(0).max(1000)).min(1, 'validation.required').max(64) }).strict().nullable(),
      })
      .strict(),
    cooperation: z
      .object({
        model: z.enum(COOPERATION_MODELS).nullable(),
        preset: z.enum(PRESETS),
        // `overlap` and `brandFit` came later: a plan saved before them reads them as weight 0.
        weights: z.object({ audienceFit: weight, contentFit: weight, network: weight, reputation: weight, costEfficiency: weight, overlap: weight.default(0), brandFit: weight.default(0), risk: weight }).strict(),
        /** Partner kinds to consider (empty: every kind). */
        types: z.array(z.string().min(1).max(60)).max(20),
      })
      .strict(),
    /** Up to four shortlisted partners side by side. */
    compare: z.array(z.string().min(1).max(200)).max(4, 'validation.tooMany'),
    content: z.array(contentItemSchema).max(40, 'validation.tooMany'),
    metrics: z.array(metricItemSchema).max(30, 'validation.tooMany'),
  })
  .strict();
export type Plan = z.infer<typeof planSchema>;
export type ContentItem = Plan['content'][number];
export type MetricItem = Plan['metrics'][number];

export function emptyPlan(): Plan {
  return {
    step: 'needs',
    done: [],
    needs: { needs: [], brief: '', segments: null },
    cooperation: { model: null, preset: 'engagement', weights: { ...PRESET_WEIGHTS.engagement }, types: [] },
    compare: [],
    content: [],
    metrics: [],
  };
}

/** The plan with what the wizard shows beside it: the project's campaign fields and the problems to fix before it is complete. */
export interface PlanView {
  plan: Plan;
  campaign: { budget: number; currency: string; startDate: string | null; endDate: string | null };
  /** The chosen segmentation run the target segments refer to (null: none yet). */
  run: { createdAt: string; segments: { id: number; name: string; nameEn: string; nameZh: string; share: number; size: number }[] } | null;
  /** The stored target segments no longer match the chosen run (it changed): the ranking uses every segment until they are chosen again. */
  staleSegments: boolean;
  shortlist: { id: string; name: string; type: string; fee: number | null }[];
  /** Located gaps per step ("no target for sign-ups", "a content item outside the campaign dates"), as i18n keys. */
  gaps: { step: PlanStep; key: string; params?: Record<string, string | number> }[];
  updatedAt: string | null;
}

export const planSaveSchema = z
  .object({
    projectId: projectIdSchema,
    plan: planSchema,
    /** The campaign's budget and dates, written to the project in the same transaction. */
    campaign: z
      .object({ budget: count, startDate: isoDateSchema.nullable(), endDate: isoDateSchema.nullable() })
      .strict()
      .superRefine((v, ctx) => {
        if (v.startDate && v.endDate && v.endDate < v.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'validation.endBeforeStart' });
      })
      .optional(),
  })
  .strict();
export type PlanSave = z.input<typeof planSaveSchema>;

export const weightsOf = (p: Plan): Record<Factor | 'risk', number> => ({ ...p.cooperation.weights });
export const anyFactorWeight = (w: Record<Factor | 'risk', number>) => FACTORS.some((f) => w[f] > 0);
