/**
 * The media transforms of the marketing-mix model: carry-over (adstock) spreads a week's
 * spend over the weeks after it, saturation bends the response so the next yuan buys less
 * than the last. Both are the forms Robyn and PyMC-Marketing use.
 */

/** Lags an adstock reaches back (PyMC-Marketing's default l_max). */
export const ADSTOCK_LAGS = 8;

/**
 * Geometric adstock with weights θ^l over `lags` lags, normalised to sum 1 so the adstocked
 * series stays in spend units (a total is kept, only moved later in time).
 */
export function geometricAdstock(x: ArrayLike<number>, decay: number, lags = ADSTOCK_LAGS): Float64Array {
  const w = Array.from({ length: lags }, (_, l) => decay ** l);
  return convolve(x, w);
}

/**
 * Weibull-PDF adstock (Robyn's option for delayed peaks): weights from the Weibull density
 * with the given shape and scale (in lags), normalised to sum 1.
 */
export function weibullAdstock(x: ArrayLike<number>, shape: number, scale: number, lags = ADSTOCK_LAGS): Float64Array {
  const w = Array.from({ length: lags }, (_, l) => {
    const t = (l + 1) / Math.max(scale, 1e-6);
    return (shape / scale) * t ** (shape - 1) * Math.exp(-(t ** shape));
  });
  return convolve(x, w);
}

function convolve(x: ArrayLike<number>, raw: number[]): Float64Array {
  const sum = raw.reduce((s, v) => s + v, 0) || 1;
  const w = raw.map((v) => v / sum);
  const out = new Float64Array(x.length);
  for (let t = 0; t < x.length; t++) {
    let s = 0;
    for (let l = 0; l < w.length && l <= t; l++) s += w[l] * x[t - l];
    out[t] = s;
  }
  return out;
}

/** Hill saturation on spend scaled to its channel's largest adstocked week: z^α / (z^α + γ^α). */
export function hill(z: number, shape: number, halfSaturation: number): number {
  if (z <= 0) return 0;
  const a = z ** shape;
  return a / (a + halfSaturation ** shape);
}

/** Where the Hill curve is evaluated: the channel's adstocked spend over its largest week (0 when it never spends). */
export function spendScale(adstocked: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < adstocked.length; i++) max = Math.max(max, adstocked[i]);
  return max;
}

/** Logistic saturation (PyMC-Marketing's default): (1 − e^(−λz)) / (1 + e^(−λz)), concave from the first yuan. */
export function logistic(z: number, lambda: number): number {
  if (z <= 0) return 0;
  const e = Math.exp(-lambda * z);
  return (1 - e) / (1 + e);
}

/**
 * A whole adstocked column over its scale through one saturation curve, the same numbers as
 * `hill` / `logistic` week by week but in one loop (the search calls this for every channel
 * of every candidate: a mapping callback per week cost a third of a fit).
 */
export function saturateColumn(adstocked: ArrayLike<number>, scale: number, curve: { kind: 'hill'; shape: number; half: number } | { kind: 'logistic'; lambda: number }): Float64Array {
  const out = new Float64Array(adstocked.length);
  if (curve.kind === 'logistic') {
    const lambda = curve.lambda;
    for (let t = 0; t < out.length; t++) {
      const z = adstocked[t] / scale;
      if (z > 0) {
        const e = Math.exp(-lambda * z);
        out[t] = (1 - e) / (1 + e);
      }
    }
  } else {
    const shape = curve.shape;
    const half = curve.half ** shape;
    for (let t = 0; t < out.length; t++) {
      const z = adstocked[t] / scale;
      if (z > 0) {
        const a = z ** shape;
        out[t] = a / (a + half);
      }
    }
  }
  return out;
}
