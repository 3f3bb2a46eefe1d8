/**
 * Ridge regression with a free intercept and lower bounds on some coefficients (media
 * effects are never negative), by cyclic coordinate descent on standardised columns —
 * exact for the unbounded problem at convergence, and the bounded optimum otherwise.
 * Problems here are small (weeks × a few dozen columns), so this is quick and dependable.
 */
export interface RidgeFit {
  intercept: number;
  coef: Float64Array;
}

/**
 * A measurement of one coefficient's effect over some weeks (a lift test): coef × sum should
 * equal target. It enters the least squares as one more observation weighted `weight` times
 * a week (σ² of a week over the measurement's variance), with no intercept: it measures
 * the channel alone, not the baseline.
 */
export interface LiftRow {
  column: number;
  /** The column's values summed over the measured weeks. */
  sum: number;
  target: number;
  weight: number;
}

export function boundedRidge(x: Float64Array[], y: ArrayLike<number>, lambda: number, nonNegative: boolean[], rows?: { from: number; to: number }, lifts: readonly LiftRow[] = []): RidgeFit {
  const from = rows?.from ?? 0;
  const to = rows?.to ?? y.length;
  const n = to - from;
  const p = x.length;
  const mean = new Float64Array(p);
  const scale = new Float64Array(p);
  let ym = 0;
  for (let t = from; t < to; t++) ym += y[t];
  ym /= n;
  for (let j = 0; j < p; j++) {
    let m = 0;
    for (let t = from; t < to; t++) m += x[j][t];
    m /= n;
    let v = 0;
    for (let t = from; t < to; t++) v += (x[j][t] - m) ** 2;
    mean[j] = m;
    scale[j] = Math.sqrt(v / n) || 0;
  }
  // Gram matrix and X'y of the standardised columns.
  const g = new Float64Array(p * p);
  const xy = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    if (!scale[j]) continue;
    for (let k = j; k < p; k++) {
      if (!scale[k]) continue;
      let s = 0;
      for (let t = from; t < to; t++) s += (x[j][t] - mean[j]) * (x[k][t] - mean[k]);
      g[j * p + k] = g[k * p + j] = s / (scale[j] * scale[k] * n);
    }
    let s = 0;
    for (let t = from; t < to; t++) s += (x[j][t] - mean[j]) * (y[t] - ym);
    xy[j] = s / (scale[j] * n);
  }
  // Each lift row adds w·(target − b·sum/scale)² to the n-scaled loss of the standardised problem.
  for (const l of lifts) {
    const j = l.column;
    if (!scale[j]) continue;
    const z = l.sum / scale[j];
    g[j * p + j] += (l.weight * z * z) / n;
    xy[j] += (l.weight * z * l.target) / n;
  }
  const b = new Float64Array(p);
  for (let sweep = 0; sweep < 2000; sweep++) {
    let change = 0;
    for (let j = 0; j < p; j++) {
      if (!scale[j]) continue;
      let r = xy[j];
      for (let k = 0; k < p; k++) if (k !== j) r -= g[j * p + k] * b[k];
      let next = r / (g[j * p + j] + lambda);
      if (nonNegative[j] && next < 0) next = 0;
      change = Math.max(change, Math.abs(next - b[j]));
      b[j] = next;
    }
    if (change < 1e-10) break;
  }
  const coef = new Float64Array(p);
  let intercept = ym;
  for (let j = 0; j < p; j++) {
    if (!scale[j]) continue;
    coef[j] = b[j] / scale[j];
    intercept -= coef[j] * mean[j];
  }
  return { intercept, coef };
}

export function predict(fit: RidgeFit, x: Float64Array[], t: number): number {
  let s = fit.intercept;
  for (let j = 0; j < x.length; j++) s += fit.coef[j] * x[j][t];
  return s;
}
