import { parentPort, workerData } from 'node:worker_threads';
import { CancelledError, type TaskContext, type WorkerInput, type WorkerMessage } from './protocol';
import { TASKS } from './tasks';
import { DomainError } from '../../shared/result';

/** Entry point of a job's worker thread: runs one task and reports back. */
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
  const result = await TASKS[input.kind](input.params, ctx);
  post({ type: 'done', result });
} catch (e) {
  const cancelled = e instanceof CancelledError;
  // A DomainError keeps its code across the thread boundary (a bad file is not a crash).
  const code = e instanceof DomainError ? e.code : cancelled ? 'cancelled' : null;
  post({ type: 'failed', error: cancelled ? 'cancelled' : (e as Error).message, cancelled, code });
}
