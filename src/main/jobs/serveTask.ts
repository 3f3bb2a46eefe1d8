import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../../shared/result';
import { CancelledError, type TaskContext, type TaskKind, type WorkerInput, type WorkerMessage } from './protocol';

/** The body of a worker thread: runs the one task it was started for and reports back. */
export async function serveTask(tasks: Partial<Record<TaskKind, (params: unknown, ctx: TaskContext) => unknown>>): Promise<void> {
  const input = workerData as WorkerInput;
  const flag = new Int32Array(input.cancelFlag);
  const post = (m: WorkerMessage) => parentPort!.postMessage(m);
  const ctx: TaskContext = {
    dataDir: input.dataDir,
    nativeBinding: input.nativeBinding,
    checkCancelled() {
      if (Atomics.load(flag, 0) === 1) throw new CancelledError();
    },
    progress(fraction, step) {
      this.checkCancelled();
      post({ type: 'progress', progress: Math.max(0, Math.min(1, fraction)), step });
    },
  };
  try {
    const task = tasks[input.kind];
    if (!task) throw new Error(`this worker has no task ${input.kind}`);
    const result = await task(input.params, ctx);
    post({ type: 'done', result });
  } catch (e) {
    const cancelled = e instanceof CancelledError;
    // A DomainError keeps its code across the thread boundary (a bad file is not a crash).
    const code = e instanceof DomainError ? e.code : cancelled ? 'cancelled' : null;
    post({ type: 'failed', error: cancelled ? 'cancelled' : (e as Error).message, cancelled, code });
  }
}
