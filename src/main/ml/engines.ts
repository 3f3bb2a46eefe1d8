import type { EngineChoice } from '../../shared/segments';
import type { Assigner } from './assign';
import { jsAssigner } from './backends/jsEngine';
import { onnxAssigner } from './backends/onnxEngine';
import { wasmAssigner } from './backends/wasmEngine';
import { tfjsAssigner } from './backends/tfjsEngine';
import { chooseProvider, gpuPossible } from './providers';
import { loadTfjs } from './tfjsLoader';

/**
 * The engine asked for, or by default the best one here: ONNX Runtime where a GPU provider
 * opens, else Tandem's WebAssembly SIMD kernels on every core. An engine that cannot load
 * falls back to the next (SIMD → ONNX → plain JS) and says so in `backend`.
 */
export async function engineFor(choice?: EngineChoice): Promise<{ assigner: Assigner; backend: string }> {
  if (choice === 'js') return { assigner: jsAssigner(), backend: 'js' };
  if (choice === undefined) {
    // No await on the way to the SIMD pool when no GPU is possible: its threads are spawned
    // before this call returns.
    const gpu = gpuPossible() && (await chooseProvider().then((p) => p.using !== 'cpu').catch(() => false));
    if (!gpu) return wasmOrOnnx();
  }
  if (choice === 'wasm') return wasmOrOnnx();
  if (choice === 'tfjs') {
    const t = await loadTfjs();
    return { assigner: await tfjsAssigner(), backend: `tfjs ${t.backend}${t.simd ? '+simd' : ''}` };
  }
  try {
    const { using } = await chooseProvider();
    return { assigner: await onnxAssigner(using === 'cpu' ? ['cpu'] : [using, 'cpu']), backend: `onnxruntime ${using}` };
  } catch (e) {
    return { assigner: jsAssigner(), backend: `js (onnxruntime unavailable: ${(e as Error).message})` };
  }
}

async function wasmOrOnnx(): Promise<{ assigner: Assigner; backend: string }> {
  try {
    const assigner = await wasmAssigner();
    return { assigner, backend: `wasm simd, ${assigner.threads} thread${assigner.threads === 1 ? '' : 's'}` };
  } catch (e) {
    const onnx = await engineFor('onnx');
    return { ...onnx, backend: `${onnx.backend} (WebAssembly SIMD unavailable: ${(e as Error).message})` };
  }
}
