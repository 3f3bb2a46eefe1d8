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
  transforms: FeatureTransform[];
  /** Features left out because they are constant (or entirely missing). */
  dropped: { name: string; reason: 'constant' | 'missing' }[];
}

/** Quantiles come from at most this many evenly spaced rows: exact enough, and quick for a million. */
const QUANTILE_SAMPLE = 100_000;
/** Rows per block when the matrix is filled (4,096 rows × 16 features × 4 bytes: L2-sized). */
const FILL_BLOCK = 4096;

/**
 * `columns[j]` holds feature j for every row (NaN = missing), in float64 as stored.
 */
export function buildFeatureMatrix(names: string[], columns: Float64Array[], n: number): FeatureMatrix {
  const transforms: FeatureTransform[] = [];
  const dropped: FeatureMatrix['dropped'] = [];
  const kept: { column: Float64Array; t: FeatureTransform; median: number }[] = [];
  names.forEach((name, j) => {
    const column = columns[j];
    // Quantiles by selection, not sorting: three O(n) passes over the sample instead of a sort
    // that cost, over 16 columns, more than a tenth of the whole job.
    const present = sampleValues(column, n);
    if (present.length === 0) {
      dropped.push({ name, reason: 'missing' });
      return;
    }
    let smallest = Infinity;
    for (const v of present) if (v < smallest) smallest = v;
    const log1p = smallest >= 0 && skewness(present) > 1;
    const f = log1p ? Math.log1p : (v: number) => v;
    const q1 = selectQuantile(present, 0.25, f);
    const median = selectQuantile(present, 0.5, f);
    const q3 = selectQuantile(present, 0.75, f);
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
    kept.push({ column, t, median: selectQuantile(present, 0.5) });
  });
  const d = kept.length;
  const X = new Float32Array(n * d);
  // Rows in blocks that stay in cache, each block filled column by column: the matrix is written
  // once, not swept d times; a missing value takes the column's median.
  const fills = kept.map(({ t, median }) => ((t.log1p ? Math.log1p(median) : median) - t.centre) / t.scale);
  for (let from = 0; from < n; from += FILL_BLOCK) {
    const to = Math.min(n, from + FILL_BLOCK);
    for (let j = 0; j < d; j++) {
      const { column, t } = kept[j];
      const { centre, scale } = t;
      const fill = fills[j];
      let missing = 0;
      if (t.log1p) {
        for (let i = from, at = from * d + j; i < to; i++, at += d) {
          const v = column[i];
          if (v === v) X[at] = (Math.log1p(v) - centre) / scale;
          else {
            X[at] = fill;
            missing++;
          }
        }
      } else {
        for (let i = from, at = from * d + j; i < to; i++, at += d) {
          const v = column[i];
          if (v === v) X[at] = (v - centre) / scale;
          else {
            X[at] = fill;
            missing++;
          }
        }
      }
      t.missing += missing;
    }
  }
  return { n, d, X, transforms, dropped };
}

function sampleValues(column: Float64Array, n: number): Float64Array {
  const step = Math.max(1, Math.floor(n / QUANTILE_SAMPLE));
  const out = new Float64Array(Math.ceil(n / step));
  let m = 0;
  for (let i = 0; i < n; i += step) if (column[i] === column[i]) out[m++] = column[i];
  return out.subarray(0, m);
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
  if (a.length === 0) return NaN;
  const at = (a.length - 1) * q;
  const lo = Math.floor(at);
  const low = select(a, lo);
  if (at === lo) return f(low);
  // After the selection everything past `lo` is at least a[lo]: the next order statistic is their minimum.
  let high = Infinity;
  for (let i = lo + 1; i < a.length; i++) if (a[i] < high) high = a[i];
  return f(low) + (f(high) - f(low)) * (at - lo);
}

/** The k-th smallest value of `a` (0-based), moved to a[k]; smaller ones before it (Hoare's quickselect). */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    // Median of three as the pivot: sorted or constant runs stay linear.
    const mid = (left + right) >> 1;
    const x = a[left], y = a[mid], z = a[right];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k];
  }
  return a[k];
}

function standardDeviation(values: Float64Array): number {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return Math.sqrt(ss / values.length);
}

/** Sample skewness (Fisher–Pearson): > 1 is a long right tail, e.g. minutes and spend. */
export function skewness(values: ArrayLike<number> & Iterable<number>): number {
  const n = values.length;
  if (n < 3) return 0;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  for (const v of values) {
    const e = v - mean;
    m2 += e * e;
    m3 += e * e * e;
  }
  m2 /= n;
  m3 /= n;
  return m2 > 0 ? m3 / m2 ** 1.5 : 0;
}
