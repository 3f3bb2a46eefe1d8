import type { Assigner, Points } from '../assign';
import { blocks } from '../assign';
import { loadTfjs } from '../tfjsLoader';

/**
 * The TensorFlow.js engine, in the same transposed layout as the ONNX graphs: scores
 * P [k, n] = ‖c‖² − 2·C·Xᵀ per block, reduced over the centres.
 */
export async function tfjsAssigner(): Promise<Assigner> {
  const { tf } = await loadTfjs();
  type T = import('@tensorflow/tfjs').Tensor;
  /** Runs `body` with C [k, d] and its squared norms [k, 1] as tensors, freeing them after. */
  async function withCentres<R>(C: Float32Array, k: number, d: number, body: (centres: T, cc: T) => Promise<R>): Promise<R> {
    const centres = tf.tensor2d(C, [k, d]);
    const cc = tf.sum(tf.square(centres), 1, true);
    try {
      return await body(centres, cc);
    } finally {
      centres.dispose();
      cc.dispose();
    }
  }
  const scores = (points: T, centres: T, cc: T) => tf.add(cc, tf.mul(tf.matMul(centres, points, false, true), -2));
  const block = ({ X, d }: Points, start: number, rows: number) => tf.tensor2d(X.subarray(start * d, (start + rows) * d), [rows, d]);
  const slice = (v: Float32Array, start: number, rows: number) => tf.tensor1d(v.subarray(start, start + rows));
  return {
    engine: 'tfjs',
    assign: (p, C, k, labels, distances) =>
      withCentres(C, k, p.d, async (centres, cc) => {
        for (const [start, rows] of blocks(p.n)) {
          const [l, dist] = tf.tidy(() => {
            const P = scores(block(p, start, rows), centres, cc);
            return [tf.argMin(P, 0), tf.relu(tf.add(tf.min(P, 0), slice(p.norms, start, rows)))];
          });
          labels.set(await l.data(), start);
          distances.set((await dist.data()) as Float32Array, start);
          tf.dispose([l, dist]);
        }
      }),
    step: (p, C, k) =>
      withCentres(C, k, p.d, async (centres, cc) => {
        const sums = new Float64Array(k * p.d);
        const counts = new Float64Array(k);
        for (const [start, rows] of blocks(p.n)) {
          const [s, c] = tf.tidy(() => {
            const x = block(p, start, rows);
            const onehot = tf.cast(tf.oneHot(tf.argMin(scores(x, centres, cc), 0), k), 'float32'); // [n, k]
            return [tf.matMul(onehot, x, true, false), tf.sum(onehot, 0)];
          });
          const sd = await s.data();
          for (let i = 0; i < sd.length; i++) sums[i] += sd[i];
          const cd = await c.data();
          for (let j = 0; j < k; j++) counts[j] += cd[j];
          tf.dispose([s, c]);
        }
        return { sums, counts };
      }),
    seed: (p, candidates, m, closest) =>
      withCentres(candidates, m, p.d, async (centres, cc) => {
        const { n } = p;
        const near = new Float32Array(m * n);
        const potentials = new Float64Array(m);
        for (const [start, rows] of blocks(n)) {
          const nearest = tf.tidy(() => {
            const D = tf.relu(tf.add(scores(block(p, start, rows), centres, cc), slice(p.norms, start, rows)));
            return tf.minimum(D, slice(closest, start, rows));
          });
          const v = (await nearest.data()) as Float32Array;
          nearest.dispose();
          for (let t = 0; t < m; t++) {
            const row = v.subarray(t * rows, (t + 1) * rows);
            near.set(row, t * n + start);
            let p = 0;
            for (let i = 0; i < rows; i++) p += row[i];
            potentials[t] += p;
          }
        }
        return { potentials, accept: (t) => closest.set(near.subarray(t * n, (t + 1) * n)) };
      }),
    async clusterDistances(S, m, d, own, k) {
      const sums = tf.tidy(() => {
        const points = tf.tensor2d(S, [m, d]);
        const norms = tf.sum(tf.square(points), 1, true);
        const d2 = tf.add(tf.add(norms, tf.transpose(norms)), tf.mul(tf.matMul(points, points, false, true), -2));
        return tf.matMul(tf.sqrt(tf.relu(d2)), tf.oneHot(tf.tensor1d(own, 'int32'), k).toFloat());
      });
      const out = Float64Array.from((await sums.data()) as Float32Array);
      sums.dispose();
      return out;
    },
    async dispose() {},
  };
}
