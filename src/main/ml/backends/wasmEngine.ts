import type { Assigner, Points, StepTotals } from '../assign';
import { centreBlock, centreBlockBytes, lloydModule, MAX_SEED_CANDIDATES, seedModule } from '../simd/kmeansKernels';
import { HEADER, KernelPool, MAX_THREADS } from '../simd/kernelPool';
import { jsAssigner } from './jsEngine';

/**
 * The default engine on a machine without a GPU: Tandem's own WebAssembly SIMD kernels
 * (simd/kmeansKernels.ts), generated for each (k, d), on every core (simd/kernelPool.ts).
 * onnxruntime's Lloyd step cost 2.4 ms per 65,536 points, a third of it in a single-threaded
 * ArgMin; the kernels find the nearest centre in the same pass that adds the point to its
 * centre's sum, and split the points between the cores.
 *
 * The points are copied into the kernels' memory once per matrix (a fit's fifty passes read
 * them there) when they fit in RESIDENT_BYTES, and stream through it in blocks otherwise.
 */
const MB = 1 << 20;
/** Where the centre block (or the seeding's candidates) goes, and its most bytes. */
const CENTRES = HEADER;
const CENTRE_BYTES = MB;
/** Per thread: its float64 totals (or potentials), and at PARTIALS its float32 partials, zero between calls. */
const SCRATCH = CENTRES + CENTRE_BYTES;
const SCRATCH_BYTES = MB;
const PARTIALS = SCRATCH_BYTES / 2;
const DATA = SCRATCH + MAX_THREADS * SCRATCH_BYTES;
const RESIDENT_BYTES = 512 * MB;
const STREAM_ROWS = 1 << 18;
/** Below this many rows a thread costs more than it saves. */
const ROWS_PER_THREAD = 16_384;
/** Beyond this k·d the unrolled kernels grow too large: the plain engine serves (no real audience comes near). */
const MAX_KD = 16_384;

const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

interface Span {
  /** First row of the thread's share (within the block) and its row count. */
  from: number;
  rows: number;
}

export interface WasmEngineOptions {
  /** Threads (default: one per core, at most MAX_THREADS). */
  threads?: number;
  /** Points up to this many bytes stay in the kernels' memory; more stream (tests make it small). */
  residentBytes?: number;
  streamRows?: number;
}

export async function wasmAssigner(opts: WasmEngineOptions = {}): Promise<Assigner & { threads: number }> {
  const pool = await KernelPool.open(opts.threads);
  const residentBytes = opts.residentBytes ?? RESIDENT_BYTES;
  const streamRows = opts.streamRows ?? STREAM_ROWS;
  const plain = jsAssigner();
  /** The matrix whose rows sit at DATA, if any. */
  let resident: { X: Float32Array; n: number; d: number } | null = null;

  const f32 = () => new Float32Array(pool.memory.buffer);
  const f64 = () => new Float64Array(pool.memory.buffer);
  const i32 = () => new Int32Array(pool.memory.buffer);
  const supported = (k: number, d: number) => k * d <= MAX_KD && centreBlockBytes(k, d) <= CENTRE_BYTES;
  const totalAt = (t: number) => SCRATCH + t * SCRATCH_BYTES;

  /** The threads' shares of `rows`, none smaller than `least` rows unless there is only one. */
  function spans(rows: number, least = ROWS_PER_THREAD): Span[] {
    const t = Math.max(1, Math.min(pool.threads, Math.floor(rows / least)));
    return Array.from({ length: t }, (_, i) => {
      const from = Math.floor((rows * i) / t);
      return { from, rows: Math.floor((rows * (i + 1)) / t) - from };
    });
  }

  /**
   * Calls `body` for each block of the points in the kernels' memory: the block's rows at `xAt`,
   * `outBytesPerRow` of output room per row at `outAt`.
   */
  async function forBlocks(p: Points, outBytesPerRow: number, body: (xAt: number, start: number, rows: number, outAt: number) => Promise<void>): Promise<void> {
    const rowBytes = p.d * 4;
    if (p.n * rowBytes <= residentBytes) {
      pool.reserve(DATA + p.n * (rowBytes + outBytesPerRow));
      if (!resident || resident.X !== p.X || resident.n !== p.n || resident.d !== p.d) {
        f32().set(p.X.subarray(0, p.n * p.d), DATA / 4);
        resident = { X: p.X, n: p.n, d: p.d };
      }
      await body(DATA, 0, p.n, DATA + p.n * rowBytes);
      return;
    }
    resident = null;
    pool.reserve(DATA + streamRows * (rowBytes + outBytesPerRow));
    for (let start = 0; start < p.n; start += streamRows) {
      const rows = Math.min(streamRows, p.n - start);
      f32().set(p.X.subarray(start * p.d, (start + rows) * p.d), DATA / 4);
      await body(DATA, start, rows, DATA + rows * rowBytes);
    }
  }

  /** Room after the resident matrix, for the silhouette's sample. */
  const afterData = () => DATA + (resident ? resident.n * resident.d * 4 : 0);

  return {
    engine: 'wasm',
    threads: pool.threads,
    async assign(p, C, k, labels, distances) {
      if (!supported(k, p.d)) return plain.assign(p, C, k, labels, distances);
      const run = await pool.kernels(lloydModule(k, p.d));
      await forBlocks(p, 8, async (xAt, start, rows, outAt) => {
        centreBlock(C, k, p.d, f32(), CENTRES / 4);
        const parts = spans(rows);
        await pool.run(run, 'assign', (t) => {
          const s = parts[t];
          return s ? [xAt + s.from * p.d * 4, s.rows, CENTRES, outAt + s.from * 4, outAt + rows * 4 + s.from * 4] : null;
        });
        labels.set(i32().subarray(outAt / 4, outAt / 4 + rows), start);
        distances.set(f32().subarray(outAt / 4 + rows, outAt / 4 + 2 * rows), start);
      });
    },
    async step(p, C, k): Promise<StepTotals> {
      if (!supported(k, p.d)) return plain.step(p, C, k);
      const { d } = p;
      const run = await pool.kernels(lloydModule(k, d));
      const sums = new Float64Array(k * d);
      const counts = new Float64Array(k);
      await forBlocks(p, 0, async (xAt, _start, rows) => {
        centreBlock(C, k, d, f32(), CENTRES / 4);
        const parts = spans(rows);
        const view = f64();
        parts.forEach((_, t) => view.fill(0, totalAt(t) / 8, totalAt(t) / 8 + k * d + k));
        await pool.run(run, 'step', (t) => {
          const s = parts[t];
          return s ? [xAt + s.from * d * 4, s.rows, CENTRES, totalAt(t) + PARTIALS, totalAt(t)] : null;
        });
        const totals = f64();
        parts.forEach((_, t) => {
          const at = totalAt(t) / 8;
          for (let i = 0; i < k * d; i++) sums[i] += totals[at + i];
          for (let j = 0; j < k; j++) counts[j] += totals[at + k * d + j];
        });
      });
      return { sums, counts };
    },
    async seed(p, candidates, m, closest) {
      const { d } = p;
      if (m > MAX_SEED_CANDIDATES || d > MAX_KD || m * d * 4 > CENTRE_BYTES) return plain.seed(p, candidates, m, closest);
      const potentials = new Float64Array(m);
      // Each block's candidate distances, kept for accept(): in the kernels' memory while the
      // points are resident (one block), copied out when they stream.
      const blocks: { start: number; parts: Span[]; near: Float32Array; offset: number; rows: number }[] = [];
      const run = await pool.kernels(seedModule(d, m));
      await forBlocks(p, (1 + m) * 4, async (xAt, start, rows, outAt) => {
        f32().set(candidates.subarray(0, m * d), CENTRES / 4);
        f32().set(closest.subarray(start, start + rows), outAt / 4);
        const nearAt = outAt + rows * 4;
        const parts = spans(rows);
        await pool.run(run, `seed${m}`, (t) => {
          const s = parts[t];
          return s ? [xAt + s.from * d * 4, s.rows, CENTRES, outAt + s.from * 4, nearAt + m * s.from * 4, totalAt(t)] : null;
        });
        const totals = f64();
        parts.forEach((_, t) => {
          for (let c = 0; c < m; c++) potentials[c] += totals[totalAt(t) / 8 + c];
        });
        const streamed = p.n > rows;
        const near = streamed ? f32().slice(nearAt / 4, nearAt / 4 + m * rows) : f32();
        blocks.push({ start, parts, near, offset: streamed ? 0 : nearAt / 4, rows });
      });
      return {
        potentials,
        accept(c) {
          for (const { start, parts, near, offset } of blocks) {
            // A thread's share holds its m candidates' rows one after another.
            for (const s of parts) {
              const at = offset + m * s.from + c * s.rows;
              closest.set(near.subarray(at, at + s.rows), start + s.from);
            }
          }
        },
      };
    },
    async clusterDistances(S, m, d, own, k) {
      if (m * d * 4 > residentBytes || !supported(k, d)) return plain.clusterDistances(S, m, d, own, k);
      const run = await pool.kernels(lloydModule(k, d));
      // The members four to a tile, sorted by cluster, each cluster padded to whole tiles.
      const members: number[][] = Array.from({ length: k }, () => []);
      for (let q = 0; q < m; q++) members[own[q]].push(q);
      const runs = new Int32Array(k + 1);
      members.forEach((list, c) => (runs[c + 1] = runs[c] + Math.ceil(list.length / 4)));
      const tiles = runs[k];
      const sampleAt = align(afterData());
      const tilesAt = align(sampleAt + m * d * 4);
      const weightsAt = tilesAt + tiles * d * 16;
      const runsAt = weightsAt + tiles * 16;
      const outAt = align(runsAt + (k + 1) * 4);
      pool.reserve(outAt + m * k * 8);
      const floats = f32();
      floats.set(S.subarray(0, m * d), sampleAt / 4);
      floats.fill(0, tilesAt / 4, runsAt / 4);
      members.forEach((list, c) =>
        list.forEach((q, i) => {
          const tile = runs[c] + (i >> 2);
          const lane = i & 3;
          for (let t = 0; t < d; t++) floats[tilesAt / 4 + tile * d * 4 + t * 4 + lane] = S[q * d + t];
          floats[weightsAt / 4 + tile * 4 + lane] = 1;
        }),
      );
      i32().set(runs, runsAt / 4);
      // Each sample point costs m distances: even a small sample is worth splitting.
      const parts = spans(m, 64);
      await pool.run(run, 'silhouette', (t) => {
        const s = parts[t];
        return s ? [sampleAt, tilesAt, weightsAt, runsAt, k, s.from, s.from + s.rows, outAt] : null;
      });
      return f64().slice(outAt / 8, outAt / 8 + m * k);
    },
    async dispose() {
      resident = null;
      await pool.close();
    },
  };
}
