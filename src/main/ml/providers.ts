import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { modelPath } from './modelPath';

/**
 * Which onnxruntime execution provider the k-means graphs run on: the machine's GPU provider
 * where its libraries are installed (CUDA on Linux and Windows, DirectML on Windows, CoreML
 * on macOS), else CPU. A provider counts only once a session on it opens: onnxruntime-node
 * lists CUDA even where its libraries were never downloaded (they come from NuGet at
 * install time, which offline machines skip).
 *
 * WebGPU, bundled on Linux and Windows, is left out on purpose: on an H100 (Vulkan) the
 * Lloyd step ran at 0.22× the CPU's speed (86 ms against 19 ms per million points), since
 * every pass ships the points to the GPU; it agreed with the CPU to 1e-7.
 */
export interface ProviderChoice {
  using: string;
  /** Providers tried and refused here, with onnxruntime's reason. */
  refused: { name: string; reason: string }[];
}

const ACCELERATORS: Record<string, string[]> = { linux: ['cuda'], win32: ['cuda', 'dml'], darwin: ['coreml'] };

let cached: Promise<ProviderChoice> | null = null;

export function chooseProvider(): Promise<ProviderChoice> {
  cached ??= (async () => {
    const ort = await import('onnxruntime-node');
    const listed = new Set(ort.listSupportedBackends().map((b) => b.name));
    const refused: ProviderChoice['refused'] = [];
    for (const name of (ACCELERATORS[process.platform] ?? []).filter((p) => listed.has(p))) {
      const missing = missingLibrary(name);
      if (missing) {
        // Trying anyway would only make onnxruntime print a load error on stderr.
        refused.push({ name, reason: `${missing} is not installed (npm install --onnxruntime-node-install=cuda12 fetches it)` });
        continue;
      }
      try {
        const session = await ort.InferenceSession.create(modelPath('kmeans-step.onnx'), { executionProviders: [name] });
        await session.release();
        return { using: name, refused };
      } catch (e) {
        refused.push({ name, reason: (e as Error).message.split('\n')[0].slice(0, 300) });
      }
    }
    return { using: 'cpu', refused };
  })();
  return cached;
}

/**
 * Whether a GPU provider could open here at all, known without loading onnxruntime: false on
 * Linux without the CUDA provider's library. The default engine asks this first, so that on
 * such a machine its SIMD threads start at once (while the job reads its columns) instead of
 * after onnxruntime's native library has loaded.
 */
export function gpuPossible(): boolean {
  return (ACCELERATORS[process.platform] ?? []).some((name) => missingLibrary(name) === null);
}

/** The provider library onnxruntime would load for `name`, when it is not beside the binding. */
function missingLibrary(name: string): string | null {
  if (name !== 'cuda') return null; // DirectML and CoreML are built into their platforms' binaries
  const file = process.platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : 'libonnxruntime_providers_cuda.so';
  try {
    const root = path.dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json'));
    return fs.existsSync(path.join(root, 'bin', 'napi-v6', process.platform, process.arch, file)) ? null : file;
  } catch {
    return file;
  }
}
