import { z } from 'zod';
import { datasetExportSchema, importStartSchema } from './data';
import { projectIdSchema } from './project';
import { segmentStartSchema } from './segments';
import { recommendStartSchema, targetStartSchema } from './targeting';
import { mmmStartSchema } from './forecast';
import { reportStartSchema } from './report';
import { overlapStartSchema } from './overlap/overlapView';
import type { ErrorCode } from './result';

export const JOB_KINDS = ['demo', 'import', 'datasetExport', 'projectExport', 'projectOpen', 'segment', 'recommend', 'target', 'mmm', 'report', 'overlap'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

const filePath = z.string().min(1, 'validation.required').max(4096, 'validation.tooLong');

export const projectExportSchema = z.object({ kind: z.literal('projectExport'), projectId: projectIdSchema, path: filePath }).strict();
export const projectOpenSchema = z
  .object({
    kind: z.literal('projectOpen'),
    path: filePath,
    /** new: refuse if the library holds the project; copy: a new identity; replace: the old one goes to the trash. */
    as: z.enum(['new', 'copy', 'replace']),
    copySuffix: z.string().max(20).optional(),
  })
  .strict();

export const jobStartSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('demo'),
    seed: z.number().int('validation.integer').min(0, 'validation.nonNegative').max(2 ** 31 - 1, 'validation.tooLarge').optional(),
  }).strict(),
  importStartSchema,
  datasetExportSchema,
  projectExportSchema,
  projectOpenSchema,
  segmentStartSchema,
  recommendStartSchema,
  targetStartSchema,
  mmmStartSchema,
  reportStartSchema,
  overlapStartSchema,
]);
export type JobStart = z.infer<typeof jobStartSchema>;

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

/** What the renderer's progress bar shows, pushed on every change. */
export interface JobInfo {
  id: string;
  kind: JobKind;
  state: JobState;
  /** 0..1 */
  progress: number;
  /** An i18n key (`job.*`) naming the current step. */
  step: string;
  startedAt: string;
  endedAt: string | null;
  error: string | null;
  /** What kind of failure (`invalid_input` for a bad file, `refused` for a rule). */
  errorCode: ErrorCode | null;
  result: unknown;
}
