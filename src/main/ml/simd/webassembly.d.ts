/**
 * The part of the WebAssembly JavaScript API the SIMD kernels use. Node has it all, but the
 * main process's TypeScript libraries (ES2023, no DOM) declare none of it.
 */
declare namespace WebAssembly {
  interface MemoryDescriptor {
    initial: number;
    maximum?: number;
    shared?: boolean;
  }
  interface Memory {
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
    grow(delta: number): number;
  }
  // Empty, as @types/emscripten declares it too.
  interface Module {}
  interface Instance {
    readonly exports: Record<string, unknown>;
  }
  const Memory: { new (descriptor: MemoryDescriptor): Memory };
  const Module: { new (bytes: Uint8Array): Module };
  const Instance: { new (module: Module, imports: Record<string, Record<string, unknown>>): Instance };
  function validate(bytes: Uint8Array): boolean;
}
