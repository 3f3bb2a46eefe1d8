import { Body, F32, F64, I32, type MemoryLimits, V128, wasmModule, type WasmFunction } from './wasmEncoder';

/**
 * k-means passes as WebAssembly SIMD, generated for one shape (k centres, d features) so the
 * loops over centres and features unroll into straight code with constant offsets. Four
 * centres share a vector: for each point, score_j = ‖c_j‖² − 2·x·c_j is built from d
 * broadcast loads of x and d·⌈k/4⌉ vector multiply-adds, the nearest centre is a lane-wise
 * minimum then a scan of four lanes (the lowest index wins a tie, as everywhere in Tandem).
 *
 * Memory is the caller's: every pointer below is a byte offset into the module's memory.
 * The centre block (`centreBlock` lays it out) holds, for feature t and centre group g, the
 * vector −2·c at (t·G + g)·16, then ‖c‖² per group (padding lanes +∞, so they never win),
 * then the centres row-major (for exact distances).
 */
/** What a thread needs to run one module: its bytes, and calls that warm it up (see kernelPool.ts). */
export interface ModuleSpec {
  key: string;
  bytes: (memory: MemoryLimits) => Uint8Array<ArrayBuffer>;
  /** Calls on a few rows of the scratch below the pool's HEADER: name and arguments. */
  warmUp: [string, number[]][];
}

/** The most candidates one seeding pass scores (scikit-learn's 2 + ln k is 8 only past k = 403). */
export const MAX_SEED_CANDIDATES = 8;

/** Points between flushes of the float32 partial sums into float64 totals (exact counts; sums to float32 rounding). */
export const FLUSH_ROWS = 1024;

export function groupsOf(k: number): number {
  return Math.ceil(k / 4);
}

/** Bytes of the centre block for a shape. */
export function centreBlockBytes(k: number, d: number): number {
  const G = groupsOf(k);
  return (d + 1) * G * 16 + k * d * 4;
}

/** Lays the centres C [k × d] out as the kernels read them (see above), into `out` at float offset `at`. */
export function centreBlock(C: Float32Array, k: number, d: number, out: Float32Array, at: number): void {
  const G = groupsOf(k);
  out.fill(0, at, at + centreBlockBytes(k, d) / 4);
  for (let j = 0; j < k; j++) {
    const g = j >> 2;
    const lane = j & 3;
    let norm = 0;
    for (let t = 0; t < d; t++) {
      const v = C[j * d + t];
      out[at + (t * G + g) * 4 + lane] = -2 * v;
      norm += v * v;
    }
    out[at + (d * G + g) * 4 + lane] = norm;
  }
  for (let j = k; j < G * 4; j++) out[at + (d * G + (j >> 2)) * 4 + (j & 3)] = Infinity;
  out.set(C.subarray(0, k * d), at + (d + 1) * G * 4);
}

/** Emits the nearest centre of the point at address `row`: its index into `label`. */
function emitNearest(b: Body, row: number, c: number, k: number, d: number, label: number): void {
  const G = groupsOf(k);
  const acc = Array.from({ length: G }, () => b.local(V128));
  const xt = b.local(V128);
  for (let g = 0; g < G; g++) b.get(c).v128Load((d * G + g) * 16).set(acc[g]);
  for (let t = 0; t < d; t++) {
    b.get(row).v128Load32Splat(t * 4).set(xt);
    for (let g = 0; g < G; g++) b.get(acc[g]).get(xt).get(c).v128Load((t * G + g) * 16).f32x4Mul().f32x4Add().set(acc[g]);
  }
  // Lane-wise: the lowest score of lane L over the groups (strictly lower moves, so the earlier group keeps a tie).
  const best = acc[0];
  const index = b.local(V128);
  const mask = b.local(V128);
  b.i32x4Const([0, 1, 2, 3]).set(index);
  for (let g = 1; g < G; g++) {
    b.get(acc[g]).get(best).f32x4Lt().set(mask);
    b.get(acc[g]).get(best).get(mask).v128Bitselect().set(best);
    b.i32x4Const([4 * g, 4 * g + 1, 4 * g + 2, 4 * g + 3]).get(index).get(mask).v128Bitselect().set(index);
  }
  // Across the four lanes, in vectors: the lowest score in every lane, then the lowest centre
  // number among the lanes holding it (a scalar scan of the lanes cost more than the distances).
  const low = b.local(V128);
  b.get(best).get(best).get(best).shuffle32([2, 3, 0, 1]).f32x4Min().tee(low).get(low).get(low).shuffle32([1, 0, 3, 2]).f32x4Min().set(low);
  b.get(index).i32x4Const([0x7fffffff, 0x7fffffff, 0x7fffffff, 0x7fffffff]).get(best).get(low).f32x4Eq().v128Bitselect().set(index);
  b.get(index).get(index).get(index).shuffle32([2, 3, 0, 1]).i32x4MinS().tee(index).get(index).get(index).shuffle32([1, 0, 3, 2]).i32x4MinS().i32x4ExtractLane(0).set(label);
}

/** Emits Σ (x − y)² of the d floats at addresses `a` and `y`, left on the stack as an f32. */
function emitSquaredDistance(b: Body, a: number, y: number, d: number, sum: number): void {
  const whole = d >> 2;
  const e = b.local(V128);
  const s = b.local(F32);
  if (whole) {
    b.get(a).v128Load(0).get(y).v128Load(0).f32x4Sub().tee(e).get(e).f32x4Mul().set(sum);
    for (let q = 1; q < whole; q++) {
      b.get(a).v128Load(q * 16).get(y).v128Load(q * 16).f32x4Sub().tee(e).get(e).f32x4Mul().get(sum).f32x4Add().set(sum);
    }
    b.get(sum).f32x4ExtractLane(0).get(sum).f32x4ExtractLane(1).f32Add().get(sum).f32x4ExtractLane(2).get(sum).f32x4ExtractLane(3).f32Add().f32Add();
  } else {
    b.f32(0);
  }
  for (let t = whole * 4; t < d; t++) b.get(a).f32Load(t * 4).get(y).f32Load(t * 4).f32Sub().tee(s).get(s).f32Mul().f32Add();
}

/**
 * step(x, n, c, part, total): each of the n points at x to its nearest centre; per centre the
 * sum of its points and their count added to the float64 totals at `total` (k·d sums, then k
 * counts). `part` is scratch for the float32 partials (k·d floats, then k int32 counts), zero on entry and on return.
 */
function stepFunction(k: number, d: number): WasmFunction {
  const params = [I32, I32, I32, I32, I32] as const;
  const b = new Body(params);
  const [x, n, c, part, total] = [0, 1, 2, 3, 4];
  const end = b.local(I32);
  const chunkEnd = b.local(I32);
  const label = b.local(I32);
  const slot = b.local(I32);
  const i = b.local(I32);
  const rowBytes = d * 4;
  b.get(x).get(n).i32(rowBytes).i32Mul().i32Add().set(end);
  b.block().get(n).i32(0).i32Eq().brIf(0);
  b.loop();
  {
    // chunkEnd = min(x + FLUSH_ROWS rows, end)
    b.get(x).i32(FLUSH_ROWS * rowBytes).i32Add().tee(chunkEnd).get(end).get(chunkEnd).get(end).i32LtU().select().set(chunkEnd);
    b.loop();
    {
      emitNearest(b, x, c, k, d, label);
      // part[label·d ..] += x, part counts[label] += 1
      b.get(part).get(label).i32(rowBytes).i32Mul().i32Add().set(slot);
      const whole = d >> 2;
      for (let q = 0; q < whole; q++) b.get(slot).get(slot).v128Load(q * 16).get(x).v128Load(q * 16).f32x4Add().v128Store(q * 16);
      for (let t = whole * 4; t < d; t++) b.get(slot).get(slot).f32Load(t * 4).get(x).f32Load(t * 4).f32Add().f32Store(t * 4);
      b.get(part).get(label).i32(4).i32Mul().i32Add().set(slot);
      b.get(slot).get(slot).i32Load(k * rowBytes).i32(1).i32Add().i32Store(k * rowBytes);
      b.get(x).i32(rowBytes).i32Add().tee(x).get(chunkEnd).i32LtU().brIf(0);
    }
    b.end();
    // Flush: total += part, part = 0.
    b.i32(0).set(i);
    b.loop();
    {
      b.get(total).get(i).i32(8).i32Mul().i32Add().set(slot);
      b.get(slot).get(slot).f64Load().get(part).get(i).i32(4).i32Mul().i32Add().f32Load().f64PromoteF32().f64Add().f64Store();
      b.get(part).get(i).i32(4).i32Mul().i32Add().f32(0).f32Store();
      b.get(i).i32(1).i32Add().tee(i).i32(k * d).i32LtU().brIf(0);
    }
    b.end();
    b.i32(0).set(i);
    b.loop();
    {
      b.get(total).get(i).i32(8).i32Mul().i32Add().set(slot);
      b.get(slot).get(slot).f64Load(k * d * 8).get(part).get(i).i32(4).i32Mul().i32Add().i32Load(k * rowBytes).f64ConvertI32S().f64Add().f64Store(k * d * 8);
      b.get(part).get(i).i32(4).i32Mul().i32Add().i32(0).i32Store(k * rowBytes);
      b.get(i).i32(1).i32Add().tee(i).i32(k).i32LtU().brIf(0);
    }
    b.end();
    b.get(x).get(end).i32LtU().brIf(0);
  }
  b.end();
  b.end();
  return { name: 'step', params, body: b };
}

/** assign(x, n, c, labels, distances): each point's nearest centre (int32) and exact squared distance to it (float32). */
function assignFunction(k: number, d: number): WasmFunction {
  const params = [I32, I32, I32, I32, I32] as const;
  const b = new Body(params);
  const [x, n, c, labels, distances] = [0, 1, 2, 3, 4];
  const G = groupsOf(k);
  const end = b.local(I32);
  const label = b.local(I32);
  const centre = b.local(I32);
  const sum = b.local(V128);
  b.get(x).get(n).i32(d * 4).i32Mul().i32Add().set(end);
  b.block().get(n).i32(0).i32Eq().brIf(0);
  b.loop();
  {
    emitNearest(b, x, c, k, d, label);
    b.get(labels).get(label).i32Store();
    b.get(c).i32((d + 1) * G * 16).i32Add().get(label).i32(d * 4).i32Mul().i32Add().set(centre);
    b.get(distances);
    emitSquaredDistance(b, x, centre, d, sum);
    b.f32Store();
    b.get(labels).i32(4).i32Add().set(labels);
    b.get(distances).i32(4).i32Add().set(distances);
    b.get(x).i32(d * 4).i32Add().tee(x).get(end).i32LtU().brIf(0);
  }
  b.end();
  b.end();
  return { name: 'assign', params, body: b };
}

/**
 * seed_m(x, n, candidates, closest, nearest, potentials): for each of m candidates [m × d],
 * nearest[t·n + i] = min(closest[i], ‖xᵢ − candidate_t‖²) and potentials[t] (float64) their sum.
 */
function seedFunction(m: number, d: number): WasmFunction {
  const params = [I32, I32, I32, I32, I32, I32] as const;
  const b = new Body(params);
  const [x, n, candidates, closest, nearest, potentials] = [0, 1, 2, 3, 4, 5];
  const end = b.local(I32);
  const stride = b.local(I32);
  const candidate = b.local(I32);
  const value = b.local(F32);
  const sum = b.local(V128);
  const totals = Array.from({ length: m }, () => b.local(F64));
  b.get(x).get(n).i32(d * 4).i32Mul().i32Add().set(end);
  b.get(n).i32(4).i32Mul().set(stride);
  for (const t of totals) b.f64(0).set(t);
  b.block().get(n).i32(0).i32Eq().brIf(0);
  b.loop();
  {
    for (let t = 0; t < m; t++) {
      b.get(candidates).i32(t * d * 4).i32Add().set(candidate);
      emitSquaredDistance(b, x, candidate, d, sum);
      b.get(closest).f32Load().f32Min().set(value);
      b.get(nearest).get(stride).i32(t).i32Mul().i32Add().get(value).f32Store();
      b.get(totals[t]).get(value).f64PromoteF32().f64Add().set(totals[t]);
    }
    b.get(nearest).i32(4).i32Add().set(nearest);
    b.get(closest).i32(4).i32Add().set(closest);
    b.get(x).i32(d * 4).i32Add().tee(x).get(end).i32LtU().brIf(0);
  }
  b.end();
  b.end();
  totals.forEach((t, i) => b.get(potentials).get(t).f64Store(i * 8));
  return { name: `seed${m}`, params, body: b };
}

/**
 * silhouette(s, tiles, weights, runs, k, from, to, out): for the sample points p in [from, to)
 * of s [m × d], out[p·k + c] (float64) = Σ of p's Euclidean distances to the members of cluster c.
 * The members sit four to a tile, transposed (d vectors per tile), sorted by cluster: cluster c
 * owns tiles runs[c] .. runs[c + 1]; `weights` has one vector per tile, 1 for a member and 0
 * for padding, so four distances are summed with one multiply-add.
 */
function silhouetteFunction(d: number): WasmFunction {
  const params = [I32, I32, I32, I32, I32, I32, I32, I32] as const;
  const b = new Body(params);
  const [sample, tiles, weights, runs, k, from, to, out] = [0, 1, 2, 3, 4, 5, 6, 7];
  const row = b.local(I32);
  const cluster = b.local(I32);
  const tileAt = b.local(I32);
  const tileEnd = b.local(I32);
  const weightAt = b.local(I32);
  const slot = b.local(I32);
  const acc = b.local(V128);
  const sum = b.local(V128);
  const e = b.local(V128);
  const tileBytes = d * 16;
  b.block().get(from).get(to).i32LtU().i32(0).i32Eq().brIf(0);
  b.get(out).get(from).get(k).i32Mul().i32(8).i32Mul().i32Add().set(slot);
  b.get(sample).get(from).i32(d * 4).i32Mul().i32Add().set(row);
  b.loop();
  {
    b.i32(0).set(cluster);
    b.loop();
    {
      b.f32x4Const([0, 0, 0, 0]).set(acc);
      // This cluster's tiles: runs[cluster] .. runs[cluster + 1].
      b.get(runs).get(cluster).i32(4).i32Mul().i32Add().i32Load().tee(tileAt).i32(16).i32Mul().get(weights).i32Add().set(weightAt);
      b.get(tileAt).i32(tileBytes).i32Mul().get(tiles).i32Add().set(tileAt);
      b.get(runs).get(cluster).i32(4).i32Mul().i32Add().i32Load(4).i32(tileBytes).i32Mul().get(tiles).i32Add().set(tileEnd);
      b.block().get(tileAt).get(tileEnd).i32LtU().i32(0).i32Eq().brIf(0);
      b.loop();
      {
        for (let t = 0; t < d; t++) {
          b.get(row).v128Load32Splat(t * 4).get(tileAt).v128Load(t * 16).f32x4Sub().set(e);
          if (t === 0) b.get(e).get(e).f32x4Mul().set(sum);
          else b.get(sum).get(e).get(e).f32x4Mul().f32x4Add().set(sum);
        }
        b.get(acc).get(sum).f32x4Sqrt().get(weightAt).v128Load().f32x4Mul().f32x4Add().set(acc);
        b.get(weightAt).i32(16).i32Add().set(weightAt);
        b.get(tileAt).i32(tileBytes).i32Add().tee(tileAt).get(tileEnd).i32LtU().brIf(0);
      }
      b.end();
      b.end();
      b.get(slot).get(acc).f32x4ExtractLane(0).get(acc).f32x4ExtractLane(1).f32Add().get(acc).f32x4ExtractLane(2).get(acc).f32x4ExtractLane(3).f32Add().f32Add().f64PromoteF32().f64Store();
      b.get(slot).i32(8).i32Add().set(slot);
      b.get(cluster).i32(1).i32Add().tee(cluster).get(k).i32LtU().brIf(0);
    }
    b.end();
    b.get(row).i32(d * 4).i32Add().set(row);
    b.get(from).i32(1).i32Add().tee(from).get(to).i32LtU().brIf(0);
  }
  b.end();
  b.end();
  return { name: 'silhouette', params, body: b };
}

const MB = 1 << 20;
/** Rows per warm-up call: enough work for V8 to optimise the function, within the 1 MB the points get there. */
const warmRows = (d: number) => Math.max(1, Math.min(256, Math.floor(MB / (4 * d))));

/** step, assign and silhouette for k centres of d features. */
export function lloydModule(k: number, d: number): ModuleSpec {
  return {
    key: `lloyd ${k}x${d}`,
    bytes: (memory) => wasmModule([stepFunction(k, d), assignFunction(k, d), silhouetteFunction(d)], memory),
    warmUp: [
      ['step', [0, warmRows(d), 0, MB, 2 * MB]],
      ['assign', [0, warmRows(d), 0, 3 * MB, 3 * MB + 4096]],
      ['silhouette', [0, 0, 0, 0, 1, 0, warmRows(d), 2 * MB]],
    ],
  };
}

/** seed{m} for points of d features (a fit asks for two: the first centre's m = 1, then 2 + ln k). */
export function seedModule(d: number, m: number): ModuleSpec {
  if (!(m >= 1 && m <= MAX_SEED_CANDIDATES)) throw new RangeError(`a seeding pass scores 1 to ${MAX_SEED_CANDIDATES} candidates, not ${m}`);
  return {
    key: `seed ${d} ${m}`,
    bytes: (memory) => wasmModule([seedFunction(m, d)], memory),
    warmUp: [[`seed${m}`, [0, Math.max(1, Math.floor(warmRows(d) / m)), 0, 0, 3 * MB, 2 * MB]]],
  };
}
