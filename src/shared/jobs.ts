import { z } from 'zod';

export const JOB_KINDS = ['demo'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const jobStartSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('demo'),
    seed: z.number().int('validation.integer').min(0, 'validation.nonNegative').max(2 ** 31 - 1, 'validation.tooLarge').optional(),
  }).strict(),
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
  result: unknown;
}
