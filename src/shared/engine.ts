/** The machine-learning backends this machine has (the status bar and `tandem engine` show it). */
export interface EngineInfo {
  /** The engine segmentation uses unless told otherwise. */
  default: 'wasm' | 'onnx' | 'tfjs' | 'js';
  /** Tandem's WebAssembly SIMD kernels (the default without a GPU), on this many threads. */
  wasm: { available: boolean; threads: number; error: string | null };
  onnx: {
    available: boolean;
    version: string | null;
    /** Execution providers in this build (bundled or installed beside it). */
    providers: string[];
    /** The one the graphs run on. */
    using: string | null;
    /** Providers that did not open here, and why (e.g. CUDA without its libraries). */
    refused: { name: string; reason: string }[];
    error: string | null;
  };
  tfjs: { backend: string | null; native: boolean; simd: boolean | null; error: string | null };
}
