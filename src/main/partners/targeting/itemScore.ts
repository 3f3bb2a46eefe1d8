import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { UserInput } from '../../../shared/targeting';
import { workerEntry } from '../../jobs/workerEntry';
import { type Csr, shareCsr, toShared } from './csr';
import type { ItemScoreTask } from './itemScoreWorker';
import type { ItemGraph } from './itemGraph';
import type { TopK } from './score';

/**
 * Scoring with an item-item model: a user's score for item j is Σ over the items i they took
 * of x_ui · W_ij, W a sparse neighbour graph (item-kNN, RP3beta) or EASE's dense matrix.
 * x_ui is 1 for every item taken (`binary`) or grows with how strongly it was taken (`log`:
 * log(1 + the summed event weights)), so a purchase can count for more than a view; the
 * validation split chooses.
 */
export type ItemWeights = { kind: 'sparse'; graph: ItemGraph } | { kind: 'dense'; items: number; b: Float32Array };

const strength = (v: number, input: UserInput) => (input === 'binary' ? 1 : Math.log1p(v));

/** Items by how many users took them (ties: lower index), the fill for users whose neighbours run out. */
export function popularityOrder(m: Csr): Int32Array {
  const counts = new Float64Array(m.cols);
  for (let k = 0; k < m.idx.length; k++) counts[m.idx[k]]++;
  return Int32Array.from({ length: m.cols }, (_, i) => i).sort((a, b) => counts[b] - counts[a] || a - b);
}

/** Every user's top-k items they have not taken, best first; users whose neighbourhood holds fewer get the most popular ones after (score 0). */
export function itemTopK(w: ItemWeights, seen: Csr, input: UserInput, k: number, popular = popularityOrder(seen), from = 0, to = seen.rows): TopK {
  const n = seen.cols;
  const rows = to - from;
  const items = new Int32Array(rows * k).fill(-1);
  const scores = new Float32Array(rows * k);
  const acc = new Float64Array(n);
  const touched = new Int32Array(n);
  const state = new Uint8Array(n); // 1 touched, 2 taken by the user, 3 chosen
  const topI = new Int32Array(k);
  const topS = new Float64Array(k);
  for (let u = from; u < to; u++) {
    let t = 0;
    const start = seen.ptr[u];
    const end = seen.ptr[u + 1];
    if (w.kind === 'sparse') {
      const g = w.graph;
      for (let a = start; a < end; a++) {
        const i = seen.idx[a];
        const x = strength(seen.val[a], input);
        for (let b = g.ptr[i]; b < g.ptr[i + 1]; b++) {
          const j = g.idx[b];
          if (state[j] === 0) (state[j] = 1), (touched[t++] = j);
          acc[j] += x * g.val[b];
        }
      }
    } else {
      for (let a = start; a < end; a++) {
        const o = seen.idx[a] * n;
        const x = strength(seen.val[a], input);
        for (let j = 0; j < n; j++) acc[j] += x * w.b[o + j];
      }
      for (let j = 0; j < n; j++) (state[j] = 1), (touched[t++] = j);
    }
    for (let a = start; a < end; a++) state[seen.idx[a]] = 2;
    let filled = 0;
    for (let q = 0; q < t; q++) {
      const j = touched[q];
      if (state[j] !== 1) continue;
      const s = acc[j];
      if (filled === k && s <= topS[k - 1]) continue;
      let at = filled < k ? filled++ : k - 1;
      // Ties keep the lower item number first, as the peer's stable sort does.
      while (at > 0 && (topS[at - 1] < s || (topS[at - 1] === s && topI[at - 1] > j))) {
        topS[at] = topS[at - 1];
        topI[at] = topI[at - 1];
        at--;
      }
      topS[at] = s;
      topI[at] = j;
    }
    const o = (u - from) * k;
    for (let r = 0; r < filled; r++) (items[o + r] = topI[r]), (scores[o + r] = topS[r]), (state[topI[r]] = 3);
    for (let p = 0; p < popular.length && filled < k; p++) {
      const j = popular[p];
      if (state[j] === 2 || state[j] === 3) continue;
      items[o + filled++] = j;
    }
    for (let q = 0; q < t; q++) (acc[touched[q]] = 0), (state[touched[q]] = 0);
    for (let a = start; a < end; a++) state[seen.idx[a]] = 0;
  }
  return { k, items, scores, engine: 'js' };
}

/** Below this much work (additions the users' neighbourhoods need), starting threads costs more than it saves. */
const PARALLEL_WORK = 30_000_000;

/**
 * `itemTopK` for every user, on worker threads (the cores, up to 8) when the job is big: the
 * weights and the users' rows go to shared memory once, each thread takes a block of users.
 */
export async function itemTopKAll(w: ItemWeights, seen: Csr, input: UserInput, k: number, popular = popularityOrder(seen)): Promise<TopK> {
  const threads = Math.min(8, os.availableParallelism());
  const perItem = w.kind === 'dense' ? w.items : w.graph.idx.length / Math.max(1, w.graph.items);
  if (threads < 2 || seen.idx.length * perItem < PARALLEL_WORK) return itemTopK(w, seen, input, k, popular);
  const weights: ItemScoreTask['weights'] = w.kind === 'sparse' ? { kind: 'sparse', graph: shareCsr({ rows: w.graph.items, cols: w.graph.items, ...w.graph }) } : { kind: 'dense', items: w.items, b: toShared(w.b) };
  const shared = shareCsr(seen);
  const sharedPopular = toShared(popular);
  const entry = workerEntry(import.meta.url, 'itemScoreWorker');
  const items = new Int32Array(seen.rows * k);
  const scores = new Float32Array(seen.rows * k);
  const blocks = Array.from({ length: threads }, (_, i) => [Math.floor((seen.rows * i) / threads), Math.floor((seen.rows * (i + 1)) / threads)] as const);
  await Promise.all(
    blocks.map(
      ([from, to]) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(entry.source, { eval: entry.eval });
          worker.once('message', (r: { items: Int32Array; scores: Float32Array }) => {
            items.set(r.items, from * k);
            scores.set(r.scores, from * k);
            void worker.terminate();
            resolve();
          });
          worker.once('error', reject);
          worker.postMessage({ weights, seen: shared, popular: sharedPopular, input, k, from, to } satisfies ItemScoreTask);
        }),
    ),
  );
  return { k, items, scores, engine: 'js' };
}

/**
 * Every user's score for a concept that is not in the catalog: a virtual item whose links
 * are the weighted mix of its anchors' (column a of W for each anchor a), so user u scores
 * Σ_i x_ui · Σ_a w_a·W_ia, the same sum that ranks real items.
 */
export function itemConceptScores(w: ItemWeights, seen: Csr, input: UserInput, anchors: { item: number; weight: number }[]): Float64Array {
  const n = seen.cols;
  const column = new Float64Array(n);
  if (w.kind === 'sparse') {
    const weightOf = new Map(anchors.map((a) => [a.item, a.weight]));
    const g = w.graph;
    for (let i = 0; i < n; i++) {
      for (let b = g.ptr[i]; b < g.ptr[i + 1]; b++) {
        const wa = weightOf.get(g.idx[b]);
        if (wa !== undefined) column[i] += wa * g.val[b];
      }
    }
  } else {
    for (let i = 0; i < n; i++) for (const a of anchors) column[i] += a.weight * w.b[i * n + a.item];
  }
  const out = new Float64Array(seen.rows);
  for (let u = 0; u < seen.rows; u++) {
    let s = 0;
    for (let a = seen.ptr[u]; a < seen.ptr[u + 1]; a++) s += strength(seen.val[a], input) * column[seen.idx[a]];
    out[u] = s;
  }
  return out;
}
