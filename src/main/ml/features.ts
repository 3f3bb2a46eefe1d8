/**
 * The feature matrix segmentation clusters: chosen numeric audience features, missing values
 * imputed by the column median (and counted), log1p for skewed non-negative counts (chosen
 * automatically, reported), then robust scaling by median and inter-quartile range. Columns
 * that do not vary are dropped with a note rather than dividing by zero.
 */
import { interpolate, orderStatistics } from '../lib/orderStatistics';
export interface FeatureTransform {
  name: string;
  /** Values missing in the data, imputed by the median. */
  missing: number;
  log1p: boolean;
  /** Median and scale after log1p (the scaling is (x − centre) / scale). */
  centre: number;
  scale: number;
}

export interface FeatureMatrix {
  n: number;
  d: number;
  /** Row-major n × d, transformed. */
  X: Float32Array;
  /** ‖x‖² per row (k-means' points need them), and their float64 sum. */
  norms: Float32Array;
  totalNorm: number;
  transforms: FeatureTransform[];
  /** Features left out because they are constant (or entirely missing). */
  dropped: { name: string; reason: 'constant' | 'missing' }[];
}

/** Quantiles come from at most this many evenly spaced rows: exact enough, and quick for a million. */
const QUANTILE_SAMPLE = 100_000;
/** Rows per block when the matrix is filled (4,096 rows × 16 features × 4 bytes: L2-sized). */
const FILL_BLOCK = 4096;

/** Rows start .. start + rows of the feature columns, in the order asked for (null: all missing there). */
export interface FeatureBlock {
  start: number;
  rows: number;
  columns: (Float64Array | null)[];
}

/** The feature columns a block of rows at a time, in row order; called once per pass over them. */
export type FeatureBlocks = () => Iterable<FeatureBlock>;

/**
 * Blocks read once and kept for the next passes when they fit in `budget` bytes (a million
 * users' sixteen features: 128 MB), read again on every pass otherwise (ten million: 1.3 GB).
 */
export function keptBlocks(read: FeatureBlocks, bytes: number, budget = 256 * 1024 * 1024): FeatureBlocks {
  if (bytes > budget) return read;
  let kept: FeatureBlock[] | null = null;
  return () => (kept ??= [...read()]);
}

/** Whole columns in memory as one block. */
export function wholeColumns(columns: Float64Array[], n: number): FeatureBlocks {
  return () => [{ start: 0, rows: n, columns }];
}

/**
 * The matrix from the features' values (NaN = missing, float64 as stored), read in two passes
 * over the blocks — the quantiles' sample, then the fill — so a column never has to be in
 * memory whole. `columns[j]` may also hold feature j for every row.
 */
export function buildFeatureMatrix(names: string[], columns: Float64Array[] | FeatureBlocks, n: number): FeatureMatrix {
  const blocks = typeof columns === 'function' ? columns : wholeColumns(columns, n);
  const transforms: FeatureTransform[] = [];
  const dropped: FeatureMatrix['dropped'] = [];
  const kept: { j: number; t: FeatureTransform; median: number }[] = [];
  const samples = sampleValues(blocks, names.length, n);
  names.forEach((name, j) => {
    // Quantiles by selection, not sorting: three O(n) passes over the sample instead of a sort
    // that cost, over 16 columns, more than a tenth of the whole job.
    const present = samples[j];
    if (present.length === 0) {
      dropped.push({ name, reason: 'missing' });
      return;
    }
    // Indexed loops, not for-of: a typed array's iterator cost more than the quartiles here.
    let smallest = Infinity;
    for (let i = 0; i < present.length; i++) if (present[i] < smallest) smallest = present[i];
    const log1p = smallest >= 0 && skewness(present) > 1;
    const f = log1p ? Math.log1p : (v: number) => v;
    const quartiles = orderStatistics(present, [0.25, 0.5, 0.75]);
    const [q1, median, q3] = quartiles.map((point) => interpolate(point, f));
    let scale = q3 - q1;
    if (!(scale > 0)) scale = standardDeviation(log1p ? present.map(Math.log1p) : present);
    // One user is trivially one segment: nothing varies, and nothing needs to.
    if (!(scale > 0) && n === 1) scale = 1;
    if (!(scale > 0)) {
      dropped.push({ name, reason: 'constant' });
      return;
    }
    // `missing` is counted while the matrix is filled (one pass over the column, not two).
    const t: FeatureTransform = { name, missing: 0, log1p, centre: median, scale };
    transforms.push(t);
    kept.push({ j, t, median: interpolate(quartiles[1]) });
  });
  const d = kept.length;
  const X = new Float32Array(n * d);
  const norms = new Float32Array(n);
  const blockNorms = new Float64Array(FILL_BLOCK);
  let totalNorm = 0;
  // Rows in blocks that stay in cache, each block filled column by column: the matrix is written
  // once, not swept d times; a missing value takes the column's median. Each row's ‖x‖² (of the
  // float32 values, summed over the features in order as k-means would) is added up on the way.
  const fills = kept.map(({ t, median }) => Math.fround(((t.log1p ? Math.log1p(median) : median) - t.centre) / t.scale));
  for (const block of blocks()) {
    for (let offset = 0; offset < block.rows; offset += FILL_BLOCK) {
      const from = block.start + offset;
      const to = block.start + Math.min(block.rows, offset + FILL_BLOCK);
      blockNorms.fill(0);
      kept.forEach(({ j, t }, c) => {
        t.missing += fillColumn(X, d, c, from, to, block.columns[j], block.start, t, fills[c], blockNorms);
      });
      for (let i = from, r = 0; i < to; i++, r++) {
        norms[i] = blockNorms[r];
        totalNorm += blockNorms[r];
      }
    }
  }
  return { n, d, X, norms, totalNorm, transforms, dropped };
}

/**
 * Rows from .. to of matrix column c from a feature's values in a block of rows from `first`
 * (null: all missing), adding each value's square to `norms` (by row from `from`). Returns how
 * many were missing.
 */
function fillColumn(X: Float32Array, d: number, c: number, from: number, to: number, values: Float64Array | null, first: number, t: FeatureTransform, fill: number, norms: Float64Array): number {
  const { centre, scale } = t;
  if (!values) {
    for (let at = from * d + c, r = 0; r < to - from; at += d, r++) {
      X[at] = fill;
      norms[r] += fill * fill;
    }
    return to - from;
  }
  let missing = 0;
  // Two loops rather than a test per value: log1p is the slow case, and the rare one.
  if (t.log1p) {
    for (let i = from, at = from * d + c, r = 0; i < to; i++, at += d, r++) {
      const v = values[i - first];
      let x = fill;
      if (v === v) x = Math.fround((Math.log1p(v) - centre) / scale);
      else missing++;
      X[at] = x;
      norms[r] += x * x;
    }
  } else {
    for (let i = from, at = from * d + c, r = 0; i < to; i++, at += d, r++) {
      const v = values[i - first];
      let x = fill;
      if (v === v) x = Math.fround((v - centre) / scale);
      else missing++;
      X[at] = x;
      norms[r] += x * x;
    }
  }
  return missing;
}

/** Each feature's present values at evenly spaced rows (every step-th, from row 0), one pass over the blocks. */
function sampleValues(blocks: FeatureBlocks, features: number, n: number): Float64Array[] {
  const step = Math.max(1, Math.floor(n / QUANTILE_SAMPLE));
  const out = Array.from({ length: features }, () => new Float64Array(Math.ceil(n / step)));
  const counts = new Array<number>(features).fill(0);
  for (const { start, rows, columns } of blocks()) {
    const first = Math.ceil(start / step) * step - start;
    columns.forEach((column, j) => {
      if (!column) return;
      const sample = out[j];
      let m = counts[j];
      for (let i = first; i < rows; i += step) if (column[i] === column[i]) sample[m++] = column[i];
      counts[j] = m;
    });
  }
  return out.map((sample, j) => sample.subarray(0, counts[j]));
}

function standardDeviation(values: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i];
  mean /= values.length;
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i] - mean) ** 2;
  return Math.sqrt(ss / values.length);
}

/** Sample skewness (Fisher–Pearson): > 1 is a long right tail, e.g. minutes and spend. */
export function skewness(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 3) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const e = values[i] - mean;
    m2 += e * e;
    m3 += e * e * e;
  }
  m2 /= n;
  m3 /= n;
  return m2 > 0 ? m3 / m2 ** 1.5 : 0;
}
