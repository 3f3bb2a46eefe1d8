import type { Assigner, Points } from '../assign';
import { blocks, groupedBlocks } from '../assign';
import { modelPath } from '../modelPath';

/**
 * The default engine: the k-means graphs of resources/models on onnxruntime-node, one
 * session per graph, on the execution providers asked for (CPU here; CUDA, DirectML or
 * CoreML where the machine has them). onnxruntime spreads each block over the cores itself.
 */
/** Sample points per silhouette call: 512 × 3,000 distances are 6 MB. */
const DISTANCE_ROWS = 512;

export async function onnxAssigner(providers: string[] = ['cpu']): Promise<Assigner> {
  const ort = await import('onnxruntime-node');
  const open = (name: string) => ort.InferenceSession.create(modelPath(name), { executionProviders: providers });
  const [assignSession, stepSession, seedSession, distanceSession] = await Promise.all([
    open('kmeans-assign.onnx'),
    open('kmeans-step.onnx'),
    open('kmeans-seed.onnx'),
    open('cluster-distances.onnx'),
  ]);
  const block = ({ X, d }: Points, start: number, rows: number) => new ort.Tensor('float32', X.subarray(start * d, (start + rows) * d), [rows, d]);
  const slice = (v: Float32Array, start: number, rows: number) => new ort.Tensor('float32', v.subarray(start, start + rows), [rows]);
  return {
    engine: 'onnx',
    async assign(p, C, k, labels, distances) {
      const centres = new ort.Tensor('float32', C, [k, p.d]);
      for (const [start, rows] of blocks(p.n)) {
        const out = await assignSession.run({ X: block(p, start, rows), C: centres, xx: slice(p.norms, start, rows) });
        labels.set(out.labels.data as Int32Array, start);
        distances.set(out.distances.data as Float32Array, start);
      }
    },
    async step(p, C, k) {
      const centres = new ort.Tensor('float32', C, [k, p.d]);
      const sums = new Float64Array(k * p.d);
      const counts = new Float64Array(k);
      for (const [start, rows, group] of groupedBlocks(p.n)) {
        const out = await stepSession.run({ X: block(p, start, rows), C: centres, group: new ort.Tensor('int64', BigInt64Array.of(BigInt(group)), [1]) });
        // float32 within a block (exact for counts), float64 across blocks.
        const s = out.sums.data as Float32Array;
        for (let i = 0; i < s.length; i++) sums[i] += s[i];
        const c = out.counts.data as Float32Array;
        for (let j = 0; j < k; j++) counts[j] += c[j];
      }
      return { sums, counts };
    },
    async seed(p, candidates, m, closest) {
      const cand = new ort.Tensor('float32', candidates, [m, p.d]);
      const potentials = new Float64Array(m);
      const parts: { start: number; rows: number; nearest: Float32Array }[] = [];
      for (const [start, rows] of blocks(p.n)) {
        const out = await seedSession.run({ X: block(p, start, rows), C: cand, xx: slice(p.norms, start, rows), closest: slice(closest, start, rows) });
        const part = out.potentials.data as Float32Array;
        for (let t = 0; t < m; t++) potentials[t] += part[t];
        parts.push({ start, rows, nearest: out.nearest.data as Float32Array });
      }
      return {
        potentials,
        accept(t) {
          for (const { start, rows, nearest } of parts) closest.set(nearest.subarray(t * rows, (t + 1) * rows), start);
        },
      };
    },
    async clusterDistances(S, m, d, own, k) {
      const onehot = new Float32Array(m * k);
      for (let p = 0; p < m; p++) onehot[p * k + own[p]] = 1;
      const sample = new ort.Tensor('float32', S, [m, d]);
      const members = new ort.Tensor('float32', onehot, [m, k]);
      const sums = new Float64Array(m * k);
      // Rows in slices, so the distances in flight stay a few megabytes whatever the sample.
      for (const [start, rows] of blocks(m, DISTANCE_ROWS)) {
        const out = await distanceSession.run({ A: new ort.Tensor('float32', S.subarray(start * d, (start + rows) * d), [rows, d]), S: sample, M: members });
        sums.set(out.sums.data as Float32Array, start * k);
      }
      return sums;
    },
    async dispose() {
      await Promise.all([assignSession.release(), stepSession.release(), seedSession.release(), distanceSession.release()]);
    },
  };
}
