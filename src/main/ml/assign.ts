/**
 * What k-means asks of an engine, in three passes over the points X [n × d]: the Lloyd step
 * (each centre's sum and count, so the centre update is k·d work), the k-means++
 * seeding pass (every candidate scored at once) and the final assignment (labels and
 * squared distances). Engines: `js` (plain loops, the reference), `wasm` (Tandem's SIMD
 * kernels on every core, the default without a GPU), `onnx` (the graphs in resources/models
 * on onnxruntime-node, the default where a GPU provider opens), `tfjs` (TensorFlow.js on its
 * best backend). Points go in blocks, so a million rows never need a k × n matrix at once.
 */
export type EngineName = 'js' | 'onnx' | 'tfjs' | 'wasm';

export interface StepTotals {
  /** Per centre, the float64 sum of its points [k × d]. */
  sums: Float64Array;
  /** Per centre, how many points it holds. */
  counts: Float64Array;
}

export interface SeedScores {
  /** Per candidate: Σ over the points of min(closest, ‖x − candidate‖²). */
  potentials: Float64Array;
  /** Makes candidate t a centre: closest[i] becomes min(closest[i], ‖xᵢ − candidate‖²). */
  accept(t: number): void;
}

/** The points a fit works on: X [n × d] row-major, with each point's ‖x‖² worked out once. */
export interface Points {
  X: Float32Array;
  n: number;
  d: number;
  /** ‖x‖² per point. */
  norms: Float32Array;
  /** Σ‖x‖² in float64. */
  totalNorm: number;
}

/** The points of X, with their norms worked out here unless the caller has them (the feature matrix does). */
export function points(X: Float32Array, n: number, d: number, known?: Pick<Points, 'norms' | 'totalNorm'>): Points {
  if (known) return { X, n, d, norms: known.norms, totalNorm: known.totalNorm };
  const norms = new Float32Array(n);
  let totalNorm = 0;
  let o = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let end = o + d; o < end; o++) s += X[o] * X[o];
    norms[i] = s;
    totalNorm += s;
  }
  return { X, n, d, norms, totalNorm };
}

export interface Assigner {
  readonly engine: EngineName;
  /** Fills `labels` and `distances` (squared) for the points against the k centres C [k × d]. */
  assign(p: Points, C: Float32Array, k: number, labels: Int32Array, distances: Float32Array): Promise<void>;
  /** One Lloyd step: each point to its nearest centre, returning the per-centre sums and counts. */
  step(p: Points, C: Float32Array, k: number): Promise<StepTotals>;
  /** Scores m candidate centres [m × d] against `closest` (each point's squared distance to its nearest centre so far). */
  seed(p: Points, candidates: Float32Array, m: number, closest: Float32Array): Promise<SeedScores>;
  /**
   * The silhouette's sums: for each of the m points of S [m × d], the sum of its Euclidean
   * distances to the points of each cluster (`own` gives each point's) [m × k], its own zero included.
   */
  clusterDistances(S: Float32Array, m: number, d: number, own: Int32Array, k: number): Promise<Float64Array>;
  dispose(): Promise<void>;
}

/** Points per engine call: big enough that call overhead vanishes, small enough that the block's k × n scores stay in cache. */
export const BLOCK = 1 << 16;

/** The blocks [start, rows] covering n points. */
export function* blocks(n: number, size = BLOCK): Generator<[number, number]> {
  for (let start = 0; start < n; start += size) yield [start, Math.min(size, n - start)];
}

/** Points per partial sum in the ONNX Lloyd step (a divisor of BLOCK). */
export const GROUP = 1024;

/**
 * Blocks for the Lloyd step whose sizes are multiples of GROUP, or one short tail under
 * GROUP: [start, rows, group] with group dividing rows.
 */
export function* groupedBlocks(n: number): Generator<[number, number, number]> {
  for (const [start, rows] of blocks(n)) {
    const whole = rows - (rows % GROUP);
    if (whole) yield [start, whole, GROUP];
    if (rows > whole) yield [start + whole, rows - whole, rows - whole];
  }
}
