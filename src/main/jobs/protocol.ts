import type { JobKind } from '../../shared/jobs';
import type { ErrorCode } from '../../shared/result';

/** What the runner hands a worker thread. */
export interface WorkerInput {
  kind: JobKind;
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
