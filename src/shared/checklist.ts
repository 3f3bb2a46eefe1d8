import { z } from 'zod';
import { isoDateSchema, projectIdSchema } from './project';

/** The risk and rights checklist as it crosses the contract (DESIGN §1 step 5). */
export const SEVERITIES = ['blocking', 'high', 'medium', 'low'] as const;
export const ITEM_STATUSES = ['todo', 'in_progress', 'done', 'na'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Weights of open items in the risk score. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { blocking: 10, high: 5, medium: 2, low: 1 };

/** The largest evidence file copied into a project. */
export const EVIDENCE_MAX_BYTES = 25 * 1024 * 1024;

export interface EvidenceInfo {
  name: string;
  sha256: string;
  size: number;
  addedAt: string;
  /** False when the stored bytes no longer hash to what was recorded: changed since added. */
  intact: boolean;
  /** The project file it arrived in and when that file was exported; null when added in this library. */
  receivedFrom: { file: string; exportedAt: string } | null;
}

export interface ChecklistItem {
  /** Stable within the project: `project.pipl-consent`, `artist-ip.chain-of-title@p012`, `custom-3`. */
  id: string;
  /** The template kind (`project`, `artist-ip`, …) or `custom`. */
  kind: string;
  partnerId: string | null;
  partnerName: string | null;
  title: { en: string; 'zh-CN': string };
  detail: { en: string; 'zh-CN': string };
  severity: Severity;
  status: ItemStatus;
  owner: string;
  due: string | null;
  notes: string;
  naReason: string;
  overdue: boolean;
  evidence: EvidenceInfo[];
  updatedAt: string;
}

export interface ChecklistSummary {
  /** Weighted open severities as a share of all applicable ones, 0–100. */
  riskScore: number;
  open: number;
  openBlocking: number;
  overdue: number;
  done: number;
  total: number;
  /** Evidence files whose bytes changed since they were added. */
  tampered: number;
  /** The risk score of each shortlisted partner's own items. */
  byPartner: Record<string, number>;
  /** Per shortlisted partner, its blocking items still open and all of them: partner ranking's risk factor. */
  blockingByPartner: Record<string, { open: number; total: number }>;
}

export interface ChecklistView {
  items: ChecklistItem[];
  summary: ChecklistSummary;
  shortlist: { partnerId: string; name: string; type: string }[];
  /** The day overdue is judged against (YYYY-MM-DD, local). */
  today: string;
}

export interface ChecklistChange {
  at: string;
  who: string;
  field: string;
  from: string;
  to: string;
}

const text = (max: number) => z.string().max(max, 'validation.tooLong');
const itemId = z.string().min(1).max(200);

export const itemPatchSchema = z
  .object({
    status: z.enum(ITEM_STATUSES, { error: 'validation.invalidChoice' }).optional(),
    severity: z.enum(SEVERITIES, { error: 'validation.invalidChoice' }).optional(),
    owner: text(80).optional(),
    due: isoDateSchema.nullable().optional(),
    notes: text(4000).optional(),
    naReason: text(400).optional(),
  })
  .strict();
export type ItemPatch = z.infer<typeof itemPatchSchema>;

export const checklistSetSchema = z.object({ projectId: projectIdSchema, itemId, patch: itemPatchSchema }).strict();
export const checklistAddSchema = z
  .object({
    projectId: projectIdSchema,
    title: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
    severity: z.enum(SEVERITIES, { error: 'validation.invalidChoice' }),
    partnerId: z.string().min(1).max(200).nullable().optional(),
    owner: text(80).optional(),
    due: isoDateSchema.nullable().optional(),
  })
  .strict();
export const checklistItemRefSchema = z.object({ projectId: projectIdSchema, itemId }).strict();
export const evidenceAddSchema = z.object({ projectId: projectIdSchema, itemId, path: z.string().min(1).max(4096) }).strict();
export const evidenceRefSchema = z.object({ projectId: projectIdSchema, itemId, sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
