/**
 * A small WebAssembly binary writer: just what Tandem's SIMD kernels use (one imported
 * memory, functions with i32/f32/f64/v128 locals, loads and stores, loops, the f32x4 and
 * i32x4 arithmetic). Kernels are generated per problem shape (k centres, d features) at run
 * time, so their loops over centres and features are unrolled with constant offsets; no
 * binary is committed or downloaded, and the bytes are the same for the same shape.
 *
 * Opcodes are those of the WebAssembly 2.0 core specification (SIMD included); the encoder
 * test runs each vector instruction on known lanes, so a wrong number fails there.
 */
export const I32 = 0x7f;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F32 | typeof F64 | typeof V128;

/** Vector opcodes (after the 0xfd prefix). */
const SIMD = {
  load: 0x00,
  load32Splat: 0x09,
  store: 0x0b,
  const: 0x0c,
  i32x4Splat: 0x11,
  f32x4Splat: 0x13,
  i32x4ExtractLane: 0x1b,
  f32x4ExtractLane: 0x1f,
  shuffle: 0x0d,
  i32x4Eq: 0x37,
  i32x4MinS: 0xb6,
  f32x4Eq: 0x41,
  f32x4Lt: 0x43,
  and: 0x4e,
  bitselect: 0x52,
  f32x4Sqrt: 0xe3,
  f32x4Add: 0xe4,
  f32x4Sub: 0xe5,
  f32x4Mul: 0xe6,
  f32x4Min: 0xe8,
  f32x4Max: 0xe9,
} as const;

function unsigned(value: number, out: number[]): void {
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
}

function signed(value: number, out: number[]): void {
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && !(byte & 0x40)) || (v === -1 && byte & 0x40)) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

/** One function's body, written instruction by instruction. Locals are numbered after the parameters. */
export class Body {
  readonly code: number[] = [];
  private readonly localTypes: ValType[] = [];

  constructor(private readonly params: readonly ValType[]) {}

  /** A new local of the type; returns its index. */
  local(type: ValType): number {
    this.localTypes.push(type);
    return this.params.length + this.localTypes.length - 1;
  }

  get locals(): readonly ValType[] {
    return this.localTypes;
  }

  private op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  private simd(opcode: number): this {
    this.code.push(0xfd);
    unsigned(opcode, this.code);
    return this;
  }

  private memarg(align: number, offset: number): this {
    unsigned(align, this.code);
    unsigned(offset, this.code);
    return this;
  }

  get(index: number): this {
    this.op(0x20);
    unsigned(index, this.code);
    return this;
  }
  set(index: number): this {
    this.op(0x21);
    unsigned(index, this.code);
    return this;
  }
  tee(index: number): this {
    this.op(0x22);
    unsigned(index, this.code);
    return this;
  }
  i32(value: number): this {
    this.op(0x41);
    signed(value, this.code);
    return this;
  }
  f32(value: number): this {
    this.op(0x43);
    this.code.push(...new Uint8Array(new Float32Array([value]).buffer));
    return this;
  }
  f64(value: number): this {
    this.op(0x44);
    const bytes = new Uint8Array(new Float64Array([value]).buffer);
    this.code.push(...bytes);
    return this;
  }

  /** A block (0x02) or loop (0x03) with no result; close it with end(). */
  block(): this {
    return this.op(0x02, 0x40);
  }
  loop(): this {
    return this.op(0x03, 0x40);
  }
  end(): this {
    return this.op(0x0b);
  }
  br(depth: number): this {
    this.op(0x0c);
    unsigned(depth, this.code);
    return this;
  }
  brIf(depth: number): this {
    this.op(0x0d);
    unsigned(depth, this.code);
    return this;
  }
  select(): this {
    return this.op(0x1b);
  }

  i32Load(offset = 0): this {
    return this.op(0x28).memarg(2, offset);
  }
  f32Load(offset = 0): this {
    return this.op(0x2a).memarg(2, offset);
  }
  f64Load(offset = 0): this {
    return this.op(0x2b).memarg(3, offset);
  }
  i32Store(offset = 0): this {
    return this.op(0x36).memarg(2, offset);
  }
  f32Store(offset = 0): this {
    return this.op(0x38).memarg(2, offset);
  }
  f64Store(offset = 0): this {
    return this.op(0x39).memarg(3, offset);
  }

  i32Eq(): this {
    return this.op(0x46);
  }
  i32LtS(): this {
    return this.op(0x48);
  }
  i32LtU(): this {
    return this.op(0x49);
  }
  i32Add(): this {
    return this.op(0x6a);
  }
  i32Mul(): this {
    return this.op(0x6c);
  }
  i32And(): this {
    return this.op(0x71);
  }
  i32Or(): this {
    return this.op(0x72);
  }
  f32Eq(): this {
    return this.op(0x5b);
  }
  f32Lt(): this {
    return this.op(0x5d);
  }
  f32Add(): this {
    return this.op(0x92);
  }
  f32Sub(): this {
    return this.op(0x93);
  }
  f32Mul(): this {
    return this.op(0x94);
  }
  f32Min(): this {
    return this.op(0x96);
  }
  f32Max(): this {
    return this.op(0x97);
  }
  f32Sqrt(): this {
    return this.op(0x91);
  }
  f64Add(): this {
    return this.op(0xa0);
  }
  f64ConvertI32S(): this {
    return this.op(0xb7);
  }
  f64PromoteF32(): this {
    return this.op(0xbb);
  }

  v128Load(offset = 0): this {
    return this.simd(SIMD.load).memarg(4, offset);
  }
  /** Loads one f32 and fills the four lanes with it. */
  v128Load32Splat(offset = 0): this {
    return this.simd(SIMD.load32Splat).memarg(2, offset);
  }
  v128Store(offset = 0): this {
    return this.simd(SIMD.store).memarg(4, offset);
  }
  /** A constant vector of four f32 lanes. */
  f32x4Const(lanes: readonly number[]): this {
    this.simd(SIMD.const);
    this.code.push(...new Uint8Array(Float32Array.from(lanes).buffer));
    return this;
  }
  /** A constant vector of four i32 lanes. */
  i32x4Const(lanes: readonly number[]): this {
    this.simd(SIMD.const);
    this.code.push(...new Uint8Array(Int32Array.from(lanes).buffer));
    return this;
  }
  i32x4Splat(): this {
    return this.simd(SIMD.i32x4Splat);
  }
  f32x4Splat(): this {
    return this.simd(SIMD.f32x4Splat);
  }
  i32x4ExtractLane(lane: number): this {
    return this.simd(SIMD.i32x4ExtractLane).op(lane);
  }
  f32x4ExtractLane(lane: number): this {
    return this.simd(SIMD.f32x4ExtractLane).op(lane);
  }
  i32x4Eq(): this {
    return this.simd(SIMD.i32x4Eq);
  }
  i32x4MinS(): this {
    return this.simd(SIMD.i32x4MinS);
  }
  /** The four 32-bit lanes of (a, b) picked by `lanes` (0–3 from a, 4–7 from b). */
  shuffle32(lanes: readonly [number, number, number, number]): this {
    this.simd(SIMD.shuffle);
    for (const lane of lanes) this.code.push(lane * 4, lane * 4 + 1, lane * 4 + 2, lane * 4 + 3);
    return this;
  }
  f32x4Eq(): this {
    return this.simd(SIMD.f32x4Eq);
  }
  f32x4Lt(): this {
    return this.simd(SIMD.f32x4Lt);
  }
  v128And(): this {
    return this.simd(SIMD.and);
  }
  /** (a & mask) | (b & ~mask), with a, b, mask on the stack in that order. */
  v128Bitselect(): this {
    return this.simd(SIMD.bitselect);
  }
  f32x4Sqrt(): this {
    return this.simd(SIMD.f32x4Sqrt);
  }
  f32x4Add(): this {
    return this.simd(SIMD.f32x4Add);
  }
  f32x4Sub(): this {
    return this.simd(SIMD.f32x4Sub);
  }
  f32x4Mul(): this {
    return this.simd(SIMD.f32x4Mul);
  }
  f32x4Min(): this {
    return this.simd(SIMD.f32x4Min);
  }
  f32x4Max(): this {
    return this.simd(SIMD.f32x4Max);
  }
}

export interface WasmFunction {
  name: string;
  params: readonly ValType[];
  body: Body;
}

function section(id: number, content: number[], out: number[]): void {
  out.push(id);
  unsigned(content.length, out);
  out.push(...content);
}

function name(text: string, out: number[]): void {
  const bytes = new TextEncoder().encode(text);
  unsigned(bytes.length, out);
  out.push(...bytes);
}

/** The memory a module imports as `env.memory`, in pages of 64 KiB; shared memory (for threads) needs a maximum. */
export interface MemoryLimits {
  minPages: number;
  maxPages: number;
  shared: boolean;
}

/** A module importing `env.memory` and exporting the functions (none returns a value). */
export function wasmModule(functions: readonly WasmFunction[], memory: MemoryLimits): Uint8Array<ArrayBuffer> {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  unsigned(functions.length, types);
  for (const f of functions) {
    types.push(0x60);
    unsigned(f.params.length, types);
    types.push(...f.params, 0x00);
  }
  section(1, types, out);
  const imports: number[] = [1];
  name('env', imports);
  name('memory', imports);
  imports.push(0x02, memory.shared ? 0x03 : 0x01);
  unsigned(memory.minPages, imports);
  unsigned(memory.maxPages, imports);
  section(2, imports, out);
  const declared: number[] = [];
  unsigned(functions.length, declared);
  functions.forEach((_, i) => unsigned(i, declared));
  section(3, declared, out);
  const exports: number[] = [];
  unsigned(functions.length, exports);
  functions.forEach((f, i) => {
    name(f.name, exports);
    exports.push(0x00);
    unsigned(i, exports);
  });
  section(7, exports, out);
  const code: number[] = [];
  unsigned(functions.length, code);
  for (const f of functions) {
    const entry: number[] = [];
    const locals = f.body.locals;
    unsigned(locals.length, entry);
    for (const type of locals) entry.push(1, type);
    entry.push(...f.body.code, 0x0b);
    unsigned(entry.length, code);
    code.push(...entry);
  }
  section(10, code, out);
  return Uint8Array.from(out);
}
