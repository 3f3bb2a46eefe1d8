import type { Csr } from './csr';
import type { AlsModel } from './als';
import { modelPath } from '../../ml/modelPath';

/**
 * Every user's top-k unseen items from the ALS factors: on onnxruntime (topk-scores.onnx:
 * one Gemm and a TopK per block of users), asking for k plus the most items any user of the
 * block has seen and dropping the seen ones, so the users × items matrix is never whole.
 * Plain JavaScript where onnxruntime does not load.
 */
export interface TopK {
  k: number;
  /** users × k item indices (−1 where a user has fewer unseen items than k). */
  items: Int32Array;
  scores: Float32Array;
  engine: 'onnx' | 'js';
}

const BLOCK = 2048;

export async function topKUnseen(model: AlsModel, seen: Csr, k: number): Promise<TopK> {
  const users = seen.rows;
  const m = seen.cols;
  const items = new Int32Array(users * k).fill(-1);
  const scores = new Float32Array(users * k);
  const keep = (u: number, cand: ArrayLike<number>, sc: ArrayLike<number>, offset: number, width: number) => {
    const own = new Set(seen.idx.subarray(seen.ptr[u], seen.ptr[u + 1]));
    let n = 0;
    for (let j = 0; j < width && n < k; j++) {
      const i = cand[offset + j];
      if (own.has(i)) continue;
      items[u * k + n] = i;
      scores[u * k + n] = sc[offset + j];
      n++;
    }
  };
  let session: import('onnxruntime-node').InferenceSession | null = null;
  let ort: typeof import('onnxruntime-node') | null = null;
  try {
    ort = await import('onnxruntime-node');
    session = await ort.InferenceSession.create(modelPath('topk-scores.onnx'));
  } catch {
    session = null; // onnxruntime cannot load here: plain JavaScript below
  }
  if (session && ort) {
    const V = new ort.Tensor('float32', model.items, [m, model.factors]);
    try {
      for (let start = 0; start < users; start += BLOCK) {
        const rows = Math.min(BLOCK, users - start);
        let most = 0;
        for (let u = start; u < start + rows; u++) most = Math.max(most, seen.ptr[u + 1] - seen.ptr[u]);
        const width = Math.min(m, k + most);
        const out = await session.run({
          U: new ort.Tensor('float32', model.users.subarray(start * model.factors, (start + rows) * model.factors), [rows, model.factors]),
          V,
          k: new ort.Tensor('int64', BigInt64Array.of(BigInt(width)), [1]),
        });
        const cand = out.items.data as Int32Array;
        const sc = out.scores.data as Float32Array;
        for (let r = 0; r < rows; r++) keep(start + r, cand, sc, r * width, width);
      }
    } finally {
      await session.release();
    }
    return { k, items, scores, engine: 'onnx' };
  }
  const f = model.factors;
  const row = new Float32Array(m);
  for (let u = 0; u < users; u++) {
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let t = 0; t < f; t++) s += model.users[u * f + t] * model.items[i * f + t];
      row[i] = s;
    }
    const order = Int32Array.from({ length: m }, (_, i) => i).sort((a, b) => row[b] - row[a] || a - b);
    keep(u, order, Float32Array.from(order, (i) => row[i]), 0, m);
  }
  return { k, items, scores, engine: 'js' };
}
