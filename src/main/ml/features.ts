/**
 * The feature matrix segmentation clusters: chosen numeric audience features, missing values
 * imputed by the column median (and counted), log1p for skewed non-negative counts (chosen
 * automatically, reported), then robust scaling by median and inter-quartile range. Columns
 * that do not vary are dropped with a note rather than dividing by zero.
 */
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

/** The q-quantile of sorted values (linear interpolation). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/**
 * The q-quantile of `a`'s values as `quantile` gives it on them sorted (linear interpolation),
 * of f(values) for an increasing f, by selection in O(n). Reorders `a`.
 */
export function selectQuantile(a: Float64Array, q: number, f: (v: number) => number = (v) => v): number {
  return a.length === 0 ? NaN : interpolate(orderStatistics(a, [q])[0], f);
}

/** The two order statistics a quantile lies between, and how far between them. */
export interface QuantilePoint {
  low: number;
  high: number;
  frac: number;
}

/** f(low) + (f(high) − f(low)) · frac: the quantile of f(values) for an increasing f. */
export function interpolate({ low, high, frac }: QuantilePoint, f: (v: number) => number = (v) => v): number {
  return frac === 0 ? f(low) : f(low) + (f(high) - f(low)) * frac;
}

/**
 * The order statistics of several quantiles (ascending) of a non-empty `a`, by selection: each
 * selection searches only above the previous one (everything there is at least as large), so
 * three quartiles cost little more than one. Reorders `a`.
 */
export function orderStatistics(a: Float64Array, qs: number[]): QuantilePoint[] {
  let left = 0;
  return qs.map((q) => {
    const at = (a.length - 1) * q;
    const lo = Math.floor(at);
    const low = select(a, lo, left);
    left = lo;
    if (at === lo) return { low, high: low, frac: 0 };
    // After the selection everything past `lo` is at least a[lo]: the next order statistic is their minimum.
    let high = Infinity;
    for (let i = lo + 1; i < a.length; i++) if (a[i] < high) high = a[i];
    return { low, high, frac: at - lo };
  });
}

/**
 * The k-th smallest value of `a` (0-based), moved to a[k]; smaller ones before it, larger after
 * (Floyd & Rivest's SELECT, as d3-array's quickselect), searching a[from..] when the `from`
 * smallest values are known to lie before it. A pivot chosen from a small sample around k
 * partitions the range once where quickselect's median of three needed about three passes,
 * each mispredicting half its comparisons on unsorted data.
 */
function select(a: Float64Array, k: number, from = 0): number {
  selectIn(a, k, from, a.length - 1);
  return a[k];
}

/** Floyd–Rivest selection of a[k] within a[left..right]. */
function selectIn(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      // Recurse on a sample-sized window that holds the k-th value with high probability.
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      selectIn(a, k, Math.max(left, Math.floor(k - (m * s) / n + sd)), Math.min(right, Math.floor(k + ((n - m) * s) / n + sd)));
    }
    const t = a[k];
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right] > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i] < t) i++;
      while (a[j] > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else swap(a, ++j, right);
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
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
