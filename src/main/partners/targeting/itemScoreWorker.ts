import { parentPort } from 'node:worker_threads';
import type { UserInput } from '../../../shared/targeting';
import { csrOfShared, type SharedCsr } from './csr';
import { itemTopK, type ItemWeights } from './itemScore';

/**
 * A scoring thread for item-item models: views of the shared weights and users' rows, the
 * top-k of one block of users, sent back as transferred arrays.
 */
export interface ItemScoreTask {
  /** A sparse graph as a Csr (items × items), or EASE's dense B. */
  weights: { kind: 'sparse'; graph: SharedCsr } | { kind: 'dense'; items: number; b: SharedArrayBuffer };
  seen: SharedCsr;
  popular: SharedArrayBuffer;
  input: UserInput;
  k: number;
  from: number;
  to: number;
}

parentPort?.on('message', (t: ItemScoreTask) => {
  const w: ItemWeights =
    t.weights.kind === 'sparse'
      ? { kind: 'sparse', graph: { ...csrOfShared(t.weights.graph), items: t.weights.graph.rows } }
      : { kind: 'dense', items: t.weights.items, b: new Float32Array(t.weights.b, 0, t.weights.items * t.weights.items) };
  const seen = csrOfShared(t.seen);
  const out = itemTopK(w, seen, t.input, t.k, new Int32Array(t.popular, 0, seen.cols), t.from, t.to);
  parentPort!.postMessage({ items: out.items, scores: out.scores }, [out.items.buffer as ArrayBuffer, out.scores.buffer as ArrayBuffer]);
});
