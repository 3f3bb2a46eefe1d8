import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { Random } from '../../core/random';
import { workerEntry } from '../../jobs/workerEntry';
import { gram, solveRows } from './alsSolve';
import type { AlsShared, AlsTask } from './alsWorker';
import { type Csr, shareCsr, transpose } from './csr';

/**
 * Implicit-feedback ALS (Hu, Koren & Volinsky 2008): preference p = 1 where a user touched
 * an item, confidence c = 1 + α·r; user and item factors alternate, each row solved with
 * a few conjugate-gradient steps warm-started from its last value (as the `implicit`
 * library does), so a row costs O(nnz·f + f²) and never forms its f × f system. Rows are
 * independent within a half-iteration, so on a machine with several cores the factor and
 * interaction arrays live in shared memory and worker threads each solve a block of rows
 * (balanced by their interactions); small problems stay on the calling thread.
 */
export interface AlsOptions {
  factors?: number;
  reg?: number;
  alpha?: number;
  iterations?: number;
  /** Conjugate-gradient steps per row and half-iteration. */
  cgSteps?: number;
  seed?: number;
  onIteration?: (iteration: number) => void;
  /** Worker threads (default: the cores, up to 8; 1 solves on the calling thread). */
  threads?: number;
}

export interface AlsModel {
  factors: number;
  users: Float32Array;
  items: Float32Array;
}

export async function fitAls(m: Csr, opts: AlsOptions = {}): Promise<AlsModel> {
  const f = opts.factors ?? 32;
  const reg = opts.reg ?? 0.05;
  const alpha = opts.alpha ?? 20;
  const steps = opts.cgSteps ?? 3;
  const random = new Random(opts.seed ?? 0);
  const threads = m.idx.length < PARALLEL_ABOVE ? 1 : Math.max(1, Math.min(8, opts.threads ?? os.availableParallelism()));
  const shared = (n: number) => new Float32Array(threads > 1 ? new SharedArrayBuffer(n * 4) : new ArrayBuffer(n * 4));
  const users = shared(m.rows * f);
  const items = shared(m.cols * f);
  for (const x of [users, items]) for (let i = 0; i < x.length; i++) x[i] = (random.next() - 0.5) * 0.02;
  const mt = transpose(m);
  const iterations = opts.iterations ?? 10;
  if (threads === 1) {
    for (let it = 0; it < iterations; it++) {
      solveRows(m, users, items, gram(items, m.cols, f), f, reg, alpha, steps);
      solveRows(mt, items, users, gram(users, m.rows, f), f, reg, alpha, steps);
      opts.onIteration?.(it + 1);
    }
    return { factors: f, users, items };
  }
  const pool = await startPool(threads, { f, reg, alpha, steps, users: users.buffer as SharedArrayBuffer, items: items.buffer as SharedArrayBuffer, byUser: shareCsr(m), byItem: shareCsr(mt) });
  try {
    const userBlocks = blocksOf(m, threads);
    const itemBlocks = blocksOf(mt, threads);
    for (let it = 0; it < iterations; it++) {
      await pool.run('users', userBlocks, gram(items, m.cols, f));
      await pool.run('items', itemBlocks, gram(users, m.rows, f));
      opts.onIteration?.(it + 1);
    }
  } finally {
    await pool.stop();
  }
  // Plain copies: onnxruntime cannot make tensors of shared memory.
  return { factors: f, users: new Float32Array(users), items: new Float32Array(items) };
}

/** Below this many interactions, starting workers costs more than it saves. */
const PARALLEL_ABOVE = 50_000;

/** Row ranges of about equal work (rows plus their interactions), one per worker. */
function blocksOf(m: Csr, parts: number): [number, number][] {
  const cost = (row: number) => row * 8 + m.ptr[row];
  const total = cost(m.rows);
  const out: [number, number][] = [];
  let from = 0;
  for (let p = 1; p <= parts; p++) {
    let to = from;
    const target = (total * p) / parts;
    while (to < m.rows && cost(to) < target) to++;
    if (p === parts) to = m.rows;
    out.push([from, to]);
    from = to;
  }
  return out;
}

async function startPool(n: number, init: AlsShared) {
  const entry = workerEntry(import.meta.url, 'alsWorker');
  const workers = Array.from({ length: n }, () => new Worker(entry.source, { eval: entry.eval }));
  const next = (w: Worker) =>
    new Promise<void>((resolve, reject) => {
      const onMessage = () => {
        w.off('error', onError);
        resolve();
      };
      const onError = (e: Error) => {
        w.off('message', onMessage);
        reject(e);
      };
      w.once('message', onMessage);
      w.once('error', onError);
    });
  await Promise.all(workers.map((w) => {
    const ready = next(w);
    w.postMessage({ init });
    return ready;
  }));
  return {
    async run(side: AlsTask['side'], blocks: [number, number][], YtY: Float64Array) {
      await Promise.all(workers.map((w, i) => {
        const done = next(w);
        w.postMessage({ side, from: blocks[i][0], to: blocks[i][1], YtY } satisfies AlsTask);
        return done;
      }));
    },
    stop: () => Promise.all(workers.map((w) => w.terminate())),
  };
}
