import type { EngineInfo } from '../../shared/engine';
import { wasmAssigner } from './backends/wasmEngine';
import { chooseProvider } from './providers';
import { loadTfjs } from './tfjsLoader';

let cached: Promise<EngineInfo> | null = null;

/**
 * Which backends load here: onnxruntime-node (its execution providers, the one in use
 * chosen by providers.ts; CPU is always bundled, CUDA only where its files were installed) and TensorFlow.js (native
 * tfjs-node, else WASM with or without SIMD, else CPU). Worked out once per process.
 */
export function detectEngines(): Promise<EngineInfo> {
  cached ??= (async () => {
    const info: EngineInfo = {
      default: 'wasm',
      wasm: { available: false, threads: 0, error: null },
      onnx: { available: false, version: null, providers: [], using: null, refused: [], error: null },
      tfjs: { backend: null, native: false, simd: null, error: null },
    };
    try {
      const ort = await import('onnxruntime-node');
      info.onnx.version = ort.env.versions?.node ?? null;
      info.onnx.providers = ort.listSupportedBackends().filter((b) => b.bundled).map((b) => b.name);
      // Opening the graph proves the runtime works on this machine, not just that it installed.
      const choice = await chooseProvider();
      info.onnx.available = true;
      info.onnx.using = choice.using;
      info.onnx.refused = choice.refused;
    } catch (e) {
      info.onnx.error = (e as Error).message;
    }
    try {
      const engine = await wasmAssigner();
      info.wasm = { available: true, threads: engine.threads, error: null };
      await engine.dispose();
    } catch (e) {
      info.wasm.error = (e as Error).message;
    }
    // As engineFor: ONNX Runtime on a GPU, else the SIMD kernels, else ONNX Runtime on the CPU, else plain JS.
    const gpu = info.onnx.available && info.onnx.using !== 'cpu';
    info.default = gpu ? 'onnx' : info.wasm.available ? 'wasm' : info.onnx.available ? 'onnx' : 'js';
    try {
      const t = await loadTfjs();
      info.tfjs = { backend: t.backend, native: t.native, simd: t.simd, error: null };
    } catch (e) {
      info.tfjs.error = (e as Error).message;
    }
    return info;
  })();
  return cached;
}

/** One line for people: "WebAssembly SIMD (2 threads) · ONNX Runtime 1.30 (cpu) · TensorFlow.js wasm+simd". */
export function describeEngines(info: EngineInfo): string {
  const refused = info.onnx.refused.map((r) => `; no ${r.name}: ${r.reason}`).join('');
  const onnx = info.onnx.available ? `ONNX Runtime ${info.onnx.version ?? ''} (${info.onnx.using}${refused})`.replace('  ', ' ') : `ONNX Runtime unavailable (${info.onnx.error})`;
  const tfjs = info.tfjs.backend ? `TensorFlow.js ${info.tfjs.backend}${info.tfjs.simd ? '+simd' : ''}` : `TensorFlow.js unavailable (${info.tfjs.error})`;
  const wasm = info.wasm.available ? `WebAssembly SIMD (${info.wasm.threads} thread${info.wasm.threads === 1 ? '' : 's'})` : `WebAssembly SIMD unavailable (${info.wasm.error})`;
  return `${wasm} · ${onnx} · ${tfjs}`;
}
