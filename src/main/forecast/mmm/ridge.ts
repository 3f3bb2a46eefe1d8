/**
 * Ridge regression with a free intercept and lower bounds on some coefficients (media
 * effects are never negative) on standardised columns, solved exactly by an active-set
 * method on the Gram matrix (Lawson–Hanson's, for a ridge quadratic): problems here are
 * small (weeks × a few dozen columns), so each step is one Cholesky solve. Cyclic coordinate
 * descent, used before, needed over a thousand sweeps when media and controls were
 * collinear (the demo) and made a fit take 15 s.
 */
export interface RidgeFit {
  intercept: number;
  coef: Float64Array;
  /** The contribution prior's penalty at this fit, in squared-error units (0 without one). */
  penalty: number;
}

/**
 * A prior on the average weekly contribution of each of the first `columns` columns (the
 * media): coef × the column's mean over the fitted weeks ~ N(0, sd²). On standardised
 * columns it weighs (mean / sd of the column)², so it binds where a column hardly moves (an
 * always-on channel, or a curve saturated flat) and its level could stand in for the
 * baseline's, and hardly at all on a channel that flights, whose effect the weeks show.
 * `sigma2`, a week's noise variance, converts it to the loss's units (σ²/sd² per unit²).
 */
export interface ContributionPrior {
  columns: number;
  sd: number;
  sigma2: number;
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

export function boundedRidge(x: Float64Array[], y: ArrayLike<number>, lambda: number, nonNegative: boolean[], rows?: { from: number; to: number }, lifts: readonly LiftRow[] = [], prior?: ContributionPrior): RidgeFit {
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
  // The prior adds σ²·(coef·mean / sd)² to the loss: (σ²/(n·sd²))·(mean/scale)² on b's diagonal.
  const priorWeight = prior && prior.sd > 0 ? prior.sigma2 / (n * prior.sd ** 2) : 0;
  if (priorWeight) for (let j = 0; j < Math.min(prior!.columns, p); j++) if (scale[j]) g[j * p + j] += priorWeight * (mean[j] / scale[j]) ** 2;
  const b = boundedQuadratic(g, xy, lambda, p, (j) => scale[j] > 0, (j) => nonNegative[j]);
  const coef = new Float64Array(p);
  let intercept = ym;
  let penalty = 0;
  for (let j = 0; j < p; j++) {
    if (!scale[j]) continue;
    coef[j] = b[j] / scale[j];
    intercept -= coef[j] * mean[j];
    if (priorWeight && j < prior!.columns) penalty += (prior!.sigma2 * (coef[j] * mean[j]) ** 2) / prior!.sd ** 2;
  }
  return { intercept, coef, penalty };
}

export function predict(fit: RidgeFit, x: Float64Array[], t: number): number {
  let s = fit.intercept;
  for (let j = 0; j < x.length; j++) s += fit.coef[j] * x[j][t];
  return s;
}

/**
 * The minimum of ½ bᵀ(G + λI)b − bᵀc over the used coordinates, the `bounded` ones ≥ 0
 * (unused ones stay 0). Lawson–Hanson: bounded coordinates start at their bound and join the
 * free set while the gradient pulls them up; a step that would make a free one negative
 * stops at the bound and returns it there.
 */
function boundedQuadratic(g: Float64Array, c: Float64Array, lambda: number, p: number, used: (j: number) => boolean, bounded: (j: number) => boolean): Float64Array {
  const free = new Uint8Array(p);
  for (let j = 0; j < p; j++) if (used(j) && !bounded(j)) free[j] = 1;
  let x = solveFree(g, c, lambda, p, free);
  const tol = 1e-12;
  for (let outer = 0; outer < 3 * p + 3; outer++) {
    // The bounded coordinate at 0 whose gradient pulls hardest upward joins the free set.
    let enter = -1;
    let pull = tol;
    for (let j = 0; j < p; j++) {
      if (free[j] || !used(j)) continue;
      let w = c[j] - lambda * x[j];
      for (let k = 0; k < p; k++) w -= g[j * p + k] * x[k];
      if (w > pull) (pull = w), (enter = j);
    }
    if (enter < 0) break;
    free[enter] = 1;
    for (let inner = 0; inner < p + 1; inner++) {
      const s = solveFree(g, c, lambda, p, free);
      let alpha = 1;
      let blocked = false;
      for (let j = 0; j < p; j++) {
        if (free[j] && bounded(j) && s[j] <= tol) {
          blocked = true;
          const a = x[j] / Math.max(x[j] - s[j], tol);
          if (a < alpha) alpha = a;
        }
      }
      if (!blocked) {
        x = s;
        break;
      }
      for (let j = 0; j < p; j++) {
        x[j] += alpha * (s[j] - x[j]);
        if (free[j] && bounded(j) && x[j] <= tol) (free[j] = 0), (x[j] = 0);
      }
    }
  }
  return x;
}

/** (G + λI) restricted to the free coordinates, solved by Cholesky; the others are 0. */
function solveFree(g: Float64Array, c: Float64Array, lambda: number, p: number, free: Uint8Array): Float64Array {
  const idx: number[] = [];
  for (let j = 0; j < p; j++) if (free[j]) idx.push(j);
  const m = idx.length;
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k <= i; k++) {
      let sum = g[idx[i] * p + idx[k]] + (i === k ? lambda : 0);
      for (let r = 0; r < k; r++) sum -= l[i * m + r] * l[k * m + r];
      // A tiny floor keeps a column the data cannot tell from others solvable (λ is ≥ 1e-5 here).
      l[i * m + k] = i === k ? Math.sqrt(Math.max(sum, 1e-14)) : sum / l[k * m + k];
    }
  }
  const z = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let sum = c[idx[i]];
    for (let r = 0; r < i; r++) sum -= l[i * m + r] * z[r];
    z[i] = sum / l[i * m + i];
  }
  const out = new Float64Array(p);
  for (let i = m - 1; i >= 0; i--) {
    let sum = z[i];
    for (let r = i + 1; r < m; r++) sum -= l[r * m + i] * out[idx[r]];
    out[idx[i]] = sum / l[i * m + i];
  }
  return out;
}
