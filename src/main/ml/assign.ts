import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The k-means assignment step — each point's nearest centre and squared distance — on one of
 * the engines: `js` (a plain loop, the reference), `onnx` (the graph in resources/models on
 * onnxruntime-node), `tfjs` (TensorFlow.js on its best backend). Points go in batches so a
 * million rows never need an n×k matrix at once.
 */
export type EngineName = 'js' | 'onnx' | 'tfjs';

export interface Assigner {
  readonly engine: EngineName;
  /** Fills `labels` and `distances` for the n points of X [n × d] against C [k × d]. */
  assign(X: Float32Array, n: number, d: number, C: Float32Array, k: number, labels: Int32Array, distances: Float32Array): Promise<void>;
  /** Squared distances of every point to each of m centres, row-major n × m (k-means++ scores its candidates with it). */
  distances(X: Float32Array, n: number, d: number, C: Float32Array, m: number): Promise<Float32Array>;
  dispose(): Promise<void>;
}

const BATCH = 1 << 18;

export function jsAssigner(): Assigner {
  return {
    engine: 'js',
    async assign(X, n, d, C, k, labels, distances) {
      const cc = new Float64Array(k);
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += C[j * d + t] * C[j * d + t];
        cc[j] = s;
      }
      for (let i = 0; i < n; i++) {
        const o = i * d;
        let xx = 0;
        for (let t = 0; t < d; t++) xx += X[o + t] * X[o + t];
        let best = 0;
        let bestD = Infinity;
        for (let j = 0; j < k; j++) {
          let dot = 0;
          const c = j * d;
          for (let t = 0; t < d; t++) dot += X[o + t] * C[c + t];
          const dist = xx - 2 * dot + cc[j];
          if (dist < bestD) {
            bestD = dist;
            best = j;
          }
        }
        labels[i] = best;
        distances[i] = bestD > 0 ? bestD : 0;
      }
    },
    async distances(X, n, d, C, m) {
      const out = new Float32Array(n * m);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) {
          let s = 0;
          for (let t = 0; t < d; t++) {
            const e = X[i * d + t] - C[j * d + t];
            s += e * e;
          }
          out[i * m + j] = s;
        }
      }
      return out;
    },
    async dispose() {},
  };
}

/** Where resources/models is: beside the built app, in the packaged app, or in the source tree. */
export function modelPath(name: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    process.env.TANDEM_MODELS_DIR,
    resources && path.join(resources, 'models'),
    path.resolve(here, '../../resources/models'), // out/main
    path.resolve(here, '../../../resources/models'), // src/main/ml
  ].filter((d): d is string => !!d);
  const found = candidates.map((dir) => path.join(dir, name)).find((f) => fs.existsSync(f));
  if (!found) throw new Error(`the model ${name} is missing (looked in ${candidates.join(', ')})`);
  return found;
}

export async function onnxAssigner(providers: string[] = ['cpu']): Promise<Assigner> {
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(modelPath('kmeans-assign.onnx'), { executionProviders: providers });
  const pairwise = await ort.InferenceSession.create(modelPath('pairwise-sqdist.onnx'), { executionProviders: providers });
  return {
    engine: 'onnx',
    async distances(X, n, d, C, m) {
      const out = new Float32Array(n * m);
      const centres = new ort.Tensor('float32', C, [m, d]);
      for (let start = 0; start < n; start += BATCH) {
        const rows = Math.min(BATCH, n - start);
        const r = await pairwise.run({ X: new ort.Tensor('float32', X.subarray(start * d, (start + rows) * d), [rows, d]), C: centres });
        out.set(r.D.data as Float32Array, start * m);
      }
      return out;
    },
    async assign(X, n, d, C, k, labels, distances) {
      const centres = new ort.Tensor('float32', C, [k, d]);
      for (let start = 0; start < n; start += BATCH) {
        const rows = Math.min(BATCH, n - start);
        const points = new ort.Tensor('float32', X.subarray(start * d, (start + rows) * d), [rows, d]);
        const out = await session.run({ X: points, C: centres });
        labels.set(out.labels.data as Int32Array, start);
        distances.set(out.distances.data as Float32Array, start);
      }
    },
    async dispose() {
      await session.release();
      await pairwise.release();
    },
  };
}

export async function tfjsAssigner(): Promise<Assigner> {
  const { tf } = await loadTfjs();
  return {
    engine: 'tfjs',
    async assign(X, n, d, C, k, labels, distances) {
      const centres = tf.tensor2d(C, [k, d]);
      const cc = tf.sum(tf.square(centres), 1);
      try {
        for (let start = 0; start < n; start += BATCH) {
          const rows = Math.min(BATCH, n - start);
          const [l, dist] = tf.tidy(() => {
            const points = tf.tensor2d(X.subarray(start * d, (start + rows) * d), [rows, d]);
            const xx = tf.sum(tf.square(points), 1, true);
            const d2 = tf.add(tf.add(xx, tf.mul(tf.matMul(points, centres, false, true), -2)), cc);
            return [tf.argMin(d2, 1), tf.relu(tf.min(d2, 1))];
          });
          labels.set(await l.data(), start);
          distances.set((await dist.data()) as Float32Array, start);
          l.dispose();
          dist.dispose();
        }
      } finally {
        centres.dispose();
        cc.dispose();
      }
    },
    async distances(X, n, d, C, m) {
      const out = new Float32Array(n * m);
      const centres = tf.tensor2d(C, [m, d]);
      const cc = tf.sum(tf.square(centres), 1);
      try {
        for (let start = 0; start < n; start += BATCH) {
          const rows = Math.min(BATCH, n - start);
          const d2 = tf.tidy(() => {
            const points = tf.tensor2d(X.subarray(start * d, (start + rows) * d), [rows, d]);
            const xx = tf.sum(tf.square(points), 1, true);
            return tf.relu(tf.add(tf.add(xx, tf.mul(tf.matMul(points, centres, false, true), -2)), cc));
          });
          out.set((await d2.data()) as Float32Array, start * m);
          d2.dispose();
        }
      } finally {
        centres.dispose();
        cc.dispose();
      }
      return out;
    },
    async dispose() {},
  };
}

type Tf = typeof import('@tensorflow/tfjs');
let tfjs: Promise<{ tf: Tf; backend: string; native: boolean; simd: boolean | null }> | null = null;

/**
 * TensorFlow.js on the best backend this machine has: the native `tfjs-node` (an optional
 * dependency users' machines get), else WASM (with SIMD where the CPU has it), else plain
 * CPU. Loaded once per thread.
 */
export function loadTfjs(): Promise<{ tf: Tf; backend: string; native: boolean; simd: boolean | null }> {
  tfjs ??= (async () => {
    try {
      const nativeTf = (await import(/* @vite-ignore */ '@tensorflow/tfjs-node' as string)) as Tf;
      return { tf: nativeTf, backend: nativeTf.getBackend(), native: true, simd: null };
    } catch {
      // not installed here: WASM next
    }
    const tf = await import('@tensorflow/tfjs');
    try {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      const dist = path.dirname(fileURLToPath(import.meta.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')));
      wasm.setWasmPaths(dist + path.sep);
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
        return { tf, backend: 'wasm', native: false, simd };
      }
    } catch {
      // WASM unavailable: plain CPU
    }
    await tf.setBackend('cpu');
    await tf.ready();
    return { tf, backend: 'cpu', native: false, simd: null };
  })();
  return tfjs;
}
