import { z } from 'zod';

/** The knowledge product kinds (DESIGN §1 step 1). */
export const PRODUCT_KINDS = ['course', 'audio', 'ebook', 'live', 'column'] as const;
export const PROJECT_STATUSES = ['draft', 'review', 'ready', 'live', 'closed'] as const;
export const KPI_KEYS = ['awareness', 'engagement', 'conversion', 'quality'] as const;
export const DATASET_KINDS = [
  'audience',
  'catalog',
  'interactions',
  'partners',
  'collaborations',
  'campaigns',
  'actuals',
  'experiments',
] as const;

export type ProductKind = (typeof PRODUCT_KINDS)[number];
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export type KpiKey = (typeof KPI_KEYS)[number];
export type DatasetKind = (typeof DATASET_KINDS)[number];

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'validation.date');

const money = z
  .number({ error: 'validation.number' })
  .finite('validation.number')
  .min(0, 'validation.nonNegative')
  .max(1e12, 'validation.tooLarge');

const label = z.string().trim().min(1, 'validation.required').max(60, 'validation.tooLong');

export const kpiWeightsSchema = z.object({
  awareness: z.number({ error: 'validation.number' }).min(0, 'validation.weightRange').max(100, 'validation.weightRange'),
  engagement: z.number({ error: 'validation.number' }).min(0, 'validation.weightRange').max(100, 'validation.weightRange'),
  conversion: z.number({ error: 'validation.number' }).min(0, 'validation.weightRange').max(100, 'validation.weightRange'),
  quality: z.number({ error: 'validation.number' }).min(0, 'validation.weightRange').max(100, 'validation.weightRange'),
});
export type KpiWeights = z.infer<typeof kpiWeightsSchema>;

/** Every field a strategist edits on a project; the single source of the rules. */
const projectFieldsShape = {
  name: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(120, 'validation.tooLong'),
  client: z.string().trim().max(120, 'validation.tooLong'),
  kind: z.enum(PRODUCT_KINDS, { error: 'validation.invalidChoice' }),
  productTitle: z.string().trim().max(200, 'validation.tooLong'),
  description: z.string().max(5000, 'validation.tooLong'),
  tags: z.array(label).max(40, 'validation.tooMany'),
  price: money.nullable(),
  goals: z.string().max(2000, 'validation.tooLong'),
  kpiWeights: kpiWeightsSchema,
  budget: money,
  currency: z.string().regex(/^[A-Z]{3}$/, 'validation.currency'),
  startDate: isoDateSchema.nullable(),
  endDate: isoDateSchema.nullable(),
  exclusions: z.array(label).max(100, 'validation.tooMany'),
  status: z.enum(PROJECT_STATUSES, { error: 'validation.invalidChoice' }),
};

function checkTimeline(
  v: { startDate?: string | null; endDate?: string | null },
  ctx: z.RefinementCtx,
): void {
  if (v.startDate && v.endDate && v.endDate < v.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'validation.endBeforeStart' });
  }
}

export const projectFieldsSchema = z.object(projectFieldsShape).strict().superRefine(checkTimeline);
export type ProjectFields = z.infer<typeof projectFieldsSchema>;

export const DEFAULT_PROJECT_FIELDS: ProjectFields = {
  name: '',
  client: '',
  kind: 'course',
  productTitle: '',
  description: '',
  tags: [],
  price: null,
  goals: '',
  kpiWeights: { awareness: 25, engagement: 25, conversion: 25, quality: 25 },
  budget: 0,
  currency: 'CNY',
  startDate: null,
  endDate: null,
  exclusions: [],
  status: 'draft',
};

/** Creating needs only a name; every other field has a default. */
export const projectCreateSchema = z
  .object(projectFieldsShape)
  .partial()
  .strict()
  .extend({ name: projectFieldsShape.name })
  .superRefine(checkTimeline);
export type ProjectCreate = z.infer<typeof projectCreateSchema>;

/** A patch names some fields; main re-checks the merged project (e.g. the timeline). */
export const projectPatchSchema = z.object(projectFieldsShape).partial().strict();
export type ProjectPatch = z.infer<typeof projectPatchSchema>;

export const projectIdSchema = z.number({ error: 'validation.projectId' }).int('validation.projectId').positive('validation.projectId');

export interface DatasetSummary {
  kind: DatasetKind;
  rows: number;
  source: string | null;
  importedAt: string | null;
}

export interface Project extends ProjectFields {
  id: number;
  createdAt: string;
  updatedAt: string;
  openedAt: string | null;
  deletedAt: string | null;
  datasets: DatasetSummary[];
}

/** One line of the library list: enough to sort, search and show a card. */
export type ProjectSummary = Omit<Project, 'description' | 'goals'>;
