import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { JobInfo, JobKind } from '../../shared/jobs';
import { DomainError } from '../../shared/result';
import type { CallTask, WorkerInput, WorkerMessage } from './protocol';
import { workerEntry } from './workerEntry';

export interface JobRunnerOptions {
  dataDir: string;
  nativeBinding?: string;
  /** How long a cancelled worker may take to stop on its own before it is terminated. */
  cancelGraceMs?: number;
}

interface Running {
  info: JobInfo;
  worker: Worker;
  flag: Int32Array;
  done: Promise<JobInfo>;
}

/**
 * Runs heavy work in worker threads, one worker per job. Emits `job` with a JobInfo on
 * every change. Cancel is cooperative (a shared flag the task checks at each progress
 * step, so a transaction rolls back cleanly) with termination as the fallback.
 */
export class JobRunner extends EventEmitter<{ job: [JobInfo] }> {
  private readonly jobs = new Map<string, Running>();
  private readonly finished: JobInfo[] = [];

  constructor(private readonly opts: JobRunnerOptions) {
    super();
  }

  start(kind: JobKind, params: unknown): JobInfo {
    const id = randomUUID();
    const cancelFlag = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancelFlag);
    const info: JobInfo = {
      id,
      kind,
      state: 'running',
      progress: 0,
      step: 'job.starting',
      startedAt: new Date().toISOString(),
      endedAt: null,
      error: null,
      errorCode: null,
      result: null,
    };
    const input: WorkerInput = { kind, params, dataDir: this.opts.dataDir, nativeBinding: this.opts.nativeBinding, cancelFlag };
    const entry = workerEntry(import.meta.url, 'worker');
    const worker = new Worker(entry.source, { workerData: input, eval: entry.eval });
    const done = new Promise<JobInfo>((resolve) => {
      let settled = false;
      const finish = (patch: Partial<JobInfo>) => {
        if (settled) return;
        settled = true;
        Object.assign(info, patch, { endedAt: new Date().toISOString() });
        this.jobs.delete(id);
        this.finished.unshift({ ...info });
        this.finished.splice(20);
        this.emit('job', { ...info });
        void worker.terminate();
        resolve({ ...info });
      };
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') {
          Object.assign(info, { progress: m.progress, step: m.step });
          this.emit('job', { ...info });
        } else if (m.type === 'done') finish({ state: 'done', progress: 1, result: m.result });
        else finish({ state: m.cancelled ? 'cancelled' : 'failed', error: m.cancelled ? null : m.error, errorCode: m.code });
      });
      worker.on('error', (e) => finish({ state: Atomics.load(flag, 0) ? 'cancelled' : 'failed', error: e.message }));
      worker.on('exit', (code) =>
        finish(Atomics.load(flag, 0) ? { state: 'cancelled' } : { state: 'failed', error: `worker exited with code ${code}` }),
      );
    });
    this.jobs.set(id, { info, worker, flag, done });
    this.emit('job', { ...info });
    return { ...info };
  }

  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job) return false;
    Atomics.store(job.flag, 0, 1);
    const timer = setTimeout(() => void job.worker.terminate(), this.opts.cancelGraceMs ?? 5000);
    void job.done.then(() => clearTimeout(timer));
    return true;
  }

  /**
   * Runs a read that must not block the main process (a file's preview) in a worker of its
   * own, with a memory cap and a time limit: a crafted file can cost that worker, never the
   * app. Not a job — nothing is listed or pushed — it resolves with the task's result or
   * rejects with its DomainError.
   */
  call(kind: CallTask, params: unknown, limits: { timeoutMs?: number; maxHeapMb?: number } = {}): Promise<unknown> {
    const timeoutMs = limits.timeoutMs ?? 30_000;
    const input: WorkerInput = { kind, params, dataDir: this.opts.dataDir, nativeBinding: this.opts.nativeBinding, cancelFlag: new SharedArrayBuffer(4) };
    const entry = workerEntry(import.meta.url, 'reader', 'readerWorker');
    const worker = new Worker(entry.source, { workerData: input, eval: entry.eval, resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb ?? 1024 } });
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (f: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        f();
      };
      const timer = setTimeout(
        () => settle(() => reject(new DomainError('invalid_input', `Reading the file took longer than ${Math.round(timeoutMs / 1000)} s and was stopped: it is too large or not a table Tandem can read.`))),
        timeoutMs,
      );
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'done') settle(() => resolve(m.result));
        else if (m.type === 'failed') settle(() => reject(m.code ? new DomainError(m.code, m.error) : new Error(m.error)));
      });
      worker.on('error', (e) => {
        const oom = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
        settle(() => reject(oom ? new DomainError('invalid_input', `Reading the file needed more than ${limits.maxHeapMb ?? 1024} MB and was stopped: it is not a table Tandem can read.`) : e));
      });
      worker.on('exit', (code) => settle(() => reject(new Error(`the reading worker exited with code ${code}`))));
    });
  }

  /** Resolves when the job ends (done, failed or cancelled). */
  wait(id: string): Promise<JobInfo> {
    const running = this.jobs.get(id);
    if (running) return running.done;
    const ended = this.finished.find((j) => j.id === id);
    return ended ? Promise.resolve(ended) : Promise.reject(new Error(`no job ${id}`));
  }

  list(): JobInfo[] {
    return [...[...this.jobs.values()].map((j) => ({ ...j.info })), ...this.finished];
  }

  async close(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => j.worker.terminate()));
  }
}
