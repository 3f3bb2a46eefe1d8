import type { JobKind } from '../../shared/jobs';
import type { ErrorCode } from '../../shared/result';

/**
 * Work a worker thread can do: the jobs the renderer starts, and the reads the contract's
 * calls hand off the main process (a file's preview) without a job of their own.
 */
export const CALL_TASKS = ['importPreview', 'projectPeek', 'personalitySurvey'] as const;
export type CallTask = (typeof CALL_TASKS)[number];
export type TaskKind = JobKind | CallTask;

/** What the runner hands a worker thread. */
export interface WorkerInput {
  kind: TaskKind;
  params: unknown;
  /** Where the worker opens the library (its own connection; WAL lets both work). */
  dataDir: string;
  nativeBinding?: string;
  /** Int32Array over a SharedArrayBuffer: slot 0 becomes 1 when the job is cancelled. */
  cancelFlag: SharedArrayBuffer;
}

/** Messages a worker posts back. */
export type WorkerMessage =
  | { type: 'progress'; progress: number; step: string }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: string; cancelled: boolean; code: ErrorCode | null };

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** What a task gets: progress reporting that also checks for cancellation. */
export interface TaskContext {
  dataDir: string;
  nativeBinding?: string;
  /** Reports progress (0..1) and throws CancelledError if the job was cancelled. */
  progress(fraction: number, step: string): void;
  /** Throws CancelledError if the job was cancelled. */
  checkCancelled(): void;
}

/** How an area's handler hands a read to a worker thread (the composition root binds it to the job runner). */
export type OffMain = (kind: CallTask, params: unknown) => Promise<unknown>;
