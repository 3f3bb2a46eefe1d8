import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../jobs/workerEntry';
import type { ModuleSpec } from './kmeansKernels';

/**
 * The threads Tandem's SIMD kernels run on: one shared WebAssembly memory, this thread plus
 * helpers (one per further core, up to MAX_THREADS), and each shape's module instantiated on
 * every thread. A call splits its rows between the threads; each thread writes its own
 * outputs (its rows, or its own partial totals), so no two threads ever write one byte.
 *
 * V8 first runs a module on its baseline compiler and moves a function to its optimising one
 * only after enough calls, and a call in progress never moves: one long pass over a million
 * rows would run entirely on baseline code (1.5 times slower, measured). So every function is
 * called WARM_UP_CALLS times on a few rows when its module is instantiated, on every thread
 * (a helper thread given 200 calls still ran its share on baseline code about half the time).
 */
export const MAX_THREADS = 8;
const WARM_UP_CALLS = 2000;
const PAGE = 65536;
/** The memory's most pages (1 GiB): larger audiences stream through it in blocks. */
export const MAX_PAGES = 16384;
/** [0, HEADER) is the warm-up calls' scratch; real work starts above it. */
export const HEADER = 4 << 20;

export type KernelFunction = (...args: number[]) => void;
/** One shape's functions on this thread, and the key the helpers know them by. */
export interface Kernels {
  key: string;
  exports: Record<string, KernelFunction>;
}

export type PoolMessage =
  | { op: 'memory'; memory: WebAssembly.Memory }
  | { op: 'module'; key: string; module: WebAssembly.Module; warmUp: [string, number[]][]; warmUpCalls: number }
  | { op: 'run'; key: string; fn: string; args: number[] };

interface Helper {
  worker: Worker;
  /** Posts a message at once (not in a later microtask: the caller goes on to compute its own share) and resolves on its answer. */
  send(msg: PoolMessage): Promise<void>;
}

export interface PoolAnswer {
  id: number;
  error?: string;
}

/**
 * A helper keeps the process alive only while it owes an answer: an engine nobody disposed
 * (a finished CLI command, a test) must not hold the process open.
 */
function helper(worker: Worker): Helper {
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let next = 0;
  worker.unref();
  worker.on('message', ({ id, error }: PoolAnswer) => {
    const waiting = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    if (error === undefined) waiting?.resolve();
    else waiting?.reject(new Error(`SIMD kernel thread: ${error}`));
  });
  worker.on('error', (e) => {
    for (const waiting of pending.values()) waiting.reject(e);
    pending.clear();
  });
  return {
    worker,
    send(msg) {
      const id = next++;
      const answered = new Promise<void>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.ref();
      worker.postMessage({ id, msg });
      return answered;
    },
  };
}

export class KernelPool {
  private readonly modules = new Map<string, Promise<Kernels>>();

  private constructor(
    readonly memory: WebAssembly.Memory,
    private readonly helpers: Helper[],
  ) {}

  /** This thread and up to `threads − 1` helpers (by default one per core, at most MAX_THREADS). */
  static async open(threads = Math.min(MAX_THREADS, os.availableParallelism())): Promise<KernelPool> {
    const memory = new WebAssembly.Memory({ initial: HEADER / PAGE + 16, maximum: MAX_PAGES, shared: true });
    const entry = workerEntry(import.meta.url, 'kernelThread');
    const helpers = Array.from({ length: Math.max(0, threads - 1) }, () => helper(new Worker(entry.source, { eval: entry.eval })));
    const pool = new KernelPool(memory, helpers);
    try {
      await Promise.all(helpers.map((h) => h.send({ op: 'memory', memory })));
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  get threads(): number {
    return this.helpers.length + 1;
  }

  /** Makes the memory at least `bytes` long (its views must be taken again after). */
  reserve(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return;
    const pages = Math.ceil((bytes - have) / PAGE);
    if (have / PAGE + pages > MAX_PAGES) throw new Error(`the SIMD kernels' memory cannot hold ${bytes} bytes`);
    this.memory.grow(pages);
  }

  /** A module's functions, instantiated (and warmed up) on every thread; built once per pool. */
  kernels(spec: ModuleSpec): Promise<Kernels> {
    const { key, warmUp } = spec;
    let found = this.modules.get(key);
    if (!found) {
      found = (async () => {
        const module = new WebAssembly.Module(spec.bytes({ minPages: 1, maxPages: MAX_PAGES, shared: true }));
        const ready = Promise.all(this.helpers.map((h) => h.send({ op: 'module', key, module, warmUp, warmUpCalls: WARM_UP_CALLS })));
        const exports = new WebAssembly.Instance(module, { env: { memory: this.memory } }).exports as Kernels['exports'];
        for (const [fn, args] of warmUp) for (let r = 0; r < WARM_UP_CALLS; r++) exports[fn](...args);
        await ready;
        return { key, exports };
      })();
      this.modules.set(key, found);
    }
    return found;
  }

  /**
   * Runs `fn` once per thread with that thread's arguments (thread 0 here, the others on the
   * helpers, all at once) and resolves when every thread is done.
   */
  async run({ key, exports }: Kernels, fn: string, argsOf: (thread: number) => number[] | null): Promise<void> {
    const others = this.helpers.flatMap((h, i) => {
      const args = argsOf(i + 1);
      return args ? [h.send({ op: 'run', key, fn, args })] : [];
    });
    const own = argsOf(0);
    try {
      if (own) exports[fn](...own);
    } finally {
      await Promise.all(others);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.helpers.map((h) => h.worker.terminate()));
  }
}
