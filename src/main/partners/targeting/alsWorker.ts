import { parentPort } from 'node:worker_threads';
import { type Csr, csrOfShared, type SharedCsr } from './csr';
import { solveRows } from './alsSolve';

/**
 * An ALS worker thread: holds views of the shared factor and interaction buffers, and
 * solves the block of rows it is sent (users or items) in place, then says so.
 */
export interface AlsShared {
  f: number;
  reg: number;
  alpha: number;
  steps: number;
  users: SharedArrayBuffer;
  items: SharedArrayBuffer;
  byUser: SharedCsr;
  byItem: SharedCsr;
}

export interface AlsTask {
  side: 'users' | 'items';
  from: number;
  to: number;
  YtY: Float64Array;
}

let state: { s: AlsShared; users: Float32Array; items: Float32Array; byUser: Csr; byItem: Csr } | null = null;

parentPort?.on('message', (msg: { init: AlsShared } | AlsTask) => {
  if ('init' in msg) {
    const s = msg.init;
    state = { s, users: new Float32Array(s.users), items: new Float32Array(s.items), byUser: csrOfShared(s.byUser), byItem: csrOfShared(s.byItem) };
    parentPort!.postMessage('ready');
    return;
  }
  const { s, users, items, byUser, byItem } = state!;
  if (msg.side === 'users') solveRows(byUser, users, items, msg.YtY, s.f, s.reg, s.alpha, s.steps, msg.from, msg.to);
  else solveRows(byItem, items, users, msg.YtY, s.f, s.reg, s.alpha, s.steps, msg.from, msg.to);
  parentPort!.postMessage('done');
});
