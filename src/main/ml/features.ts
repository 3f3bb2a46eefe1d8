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

/**
 * `columns[j]` holds feature j for every row (NaN = missing), in float64 as stored.
 */
export function buildFeatureMatrix(names: string[], columns: Float64Array[], n: number): FeatureMatrix {
  const transforms: FeatureTransform[] = [];
  const dropped: FeatureMatrix['dropped'] = [];
  const kept: { column: Float64Array; t: FeatureTransform }[] = [];
  names.forEach((name, j) => {
    const column = columns[j];
    const present = sampleValues(column, n);
    if (present.length === 0) {
      dropped.push({ name, reason: 'missing' });
      return;
    }
    let missing = 0;
    for (let i = 0; i < n; i++) if (Number.isNaN(column[i])) missing++;
    present.sort((a, b) => a - b);
    const log1p = present[0] >= 0 && skewness(present) > 1;
    const values = log1p ? present.map(Math.log1p) : present;
    const q1 = quantile(values, 0.25);
    const median = quantile(values, 0.5);
    const q3 = quantile(values, 0.75);
    let scale = q3 - q1;
    if (!(scale > 0)) scale = standardDeviation(values);
    // One user is trivially one segment: nothing varies, and nothing needs to.
    if (!(scale > 0) && n === 1) scale = 1;
    if (!(scale > 0)) {
      dropped.push({ name, reason: 'constant' });
      return;
    }
    const rawMedian = quantile(present, 0.5);
    const t: FeatureTransform = { name, missing, log1p, centre: median, scale };
    transforms.push(t);
    kept.push({ column: imputed(column, n, rawMedian), t });
  });
  const d = kept.length;
  const X = new Float32Array(n * d);
  kept.forEach(({ column, t }, j) => {
    for (let i = 0; i < n; i++) {
      const v = t.log1p ? Math.log1p(column[i]) : column[i];
      X[i * d + j] = (v - t.centre) / t.scale;
    }
  });
  return { n, d, X, transforms, dropped };
}

function sampleValues(column: Float64Array, n: number): number[] {
  const step = Math.max(1, Math.floor(n / QUANTILE_SAMPLE));
  const out: number[] = [];
  for (let i = 0; i < n; i += step) if (!Number.isNaN(column[i])) out.push(column[i]);
  return out;
}

function imputed(column: Float64Array, n: number, median: number): Float64Array {
  let any = false;
  for (let i = 0; i < n && !any; i++) any = Number.isNaN(column[i]);
  if (!any) return column;
  const out = column.slice(0, n);
  for (let i = 0; i < n; i++) if (Number.isNaN(out[i])) out[i] = median;
  return out;
}

/** The q-quantile of sorted values (linear interpolation). */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

function standardDeviation(values: number[]): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
}

/** Sample skewness (Fisher–Pearson): > 1 is a long right tail, e.g. minutes and spend. */
export function skewness(values: number[]): number {
  const n = values.length;
  if (n < 3) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / n;
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
