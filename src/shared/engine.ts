/** The machine-learning backends this machine has (the status bar and `tandem engine` show it). */
export interface EngineInfo {
  /** The engine segmentation uses unless told otherwise. */
  default: 'onnx' | 'tfjs' | 'js';
  onnx: { available: boolean; version: string | null; providers: string[]; using: string | null; error: string | null };
  tfjs: { backend: string | null; native: boolean; simd: boolean | null; error: string | null };
}
