import type { EngineChoice } from '../../shared/segments';
import type { Assigner } from './assign';
import { jsAssigner } from './backends/jsEngine';
import { onnxAssigner } from './backends/onnxEngine';
import { tfjsAssigner } from './backends/tfjsEngine';
import { chooseProvider } from './providers';
import { loadTfjs } from './tfjsLoader';

/** The engine asked for; ONNX falls back to plain JS (and says so) where onnxruntime cannot load. */
export async function engineFor(choice: EngineChoice): Promise<{ assigner: Assigner; backend: string }> {
  if (choice === 'js') return { assigner: jsAssigner(), backend: 'js' };
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
