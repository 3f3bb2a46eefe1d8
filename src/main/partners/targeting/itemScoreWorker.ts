import { parentPort } from 'node:worker_threads';
import type { UserInput } from '../../../shared/targeting';
import type { Csr } from './csr';
import { itemTopK, type ItemWeights } from './itemScore';

/**
 * A scoring thread for item-item models: views of the shared weights and users' rows, the
 * top-k of one block of users, sent back as transferred arrays.
 */
export interface ItemScoreTask {
  weights: { kind: 'sparse'; items: number; ptr: SharedArrayBuffer; idx: SharedArrayBuffer; val: SharedArrayBuffer } | { kind: 'dense'; items: number; b: SharedArrayBuffer };
  seen: { rows: number; cols: number; ptr: SharedArrayBuffer; idx: SharedArrayBuffer; val: SharedArrayBuffer };
  popular: SharedArrayBuffer;
  input: UserInput;
  k: number;
  from: number;
  to: number;
}

parentPort?.on('message', (t: ItemScoreTask) => {
  const w: ItemWeights =
    t.weights.kind === 'sparse'
      ? { kind: 'sparse', graph: { items: t.weights.items, ptr: new Int32Array(t.weights.ptr), idx: new Int32Array(t.weights.idx), val: new Float32Array(t.weights.val) } }
      : { kind: 'dense', items: t.weights.items, b: new Float32Array(t.weights.b) };
  const seen: Csr = { rows: t.seen.rows, cols: t.seen.cols, ptr: new Int32Array(t.seen.ptr), idx: new Int32Array(t.seen.idx), val: new Float32Array(t.seen.val) };
  const out = itemTopK(w, seen, t.input, t.k, new Int32Array(t.popular), t.from, t.to);
  parentPort!.postMessage({ items: out.items, scores: out.scores }, [out.items.buffer as ArrayBuffer, out.scores.buffer as ArrayBuffer]);
});
