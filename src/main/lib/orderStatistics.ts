/**
 * Order statistics and quantiles by selection, in O(n) where a sort is O(n log n): the feature
 * matrix's medians and quartiles and the item graph's neighbour cut-offs both come from here.
 */

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
 * each mispredicting half its comparisons on unsorted data. Reorders `a`.
 */
export function select(a: Float64Array, k: number, from = 0): number {
  selectIn(a, k, from, a.length - 1);
  return a[k];
}

/** The k-th largest of `xs` (1-based), selected on a copy (`xs` is left as it is). */
export function kthLargest(xs: Float64Array, k: number): number {
  return select(Float64Array.from(xs), xs.length - k);
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
