import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Tf = typeof import('@tensorflow/tfjs');
export interface LoadedTfjs {
  tf: Tf;
  backend: string;
  native: boolean;
  simd: boolean | null;
}
let tfjs: Promise<LoadedTfjs> | null = null;

/**
 * TensorFlow.js on the best backend this machine has: the native `tfjs-node-gpu` where the
 * user installed it, the native `tfjs-node` (an optional dependency users' machines get), else WASM (with SIMD where the CPU has it), else plain
 * CPU. Loaded once per thread.
 */
export function loadTfjs(): Promise<LoadedTfjs> {
  tfjs ??= (async () => {
    // The CUDA build of the native binding where the user installed it, else the CPU one.
    for (const binding of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
      try {
        const nativeTf = (await import(/* @vite-ignore */ binding)) as Tf;
        return { tf: nativeTf, backend: `${nativeTf.getBackend()}${binding.endsWith('gpu') ? ' (gpu)' : ''}`, native: true, simd: null };
      } catch {
        // not installed here: the next one
      }
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
