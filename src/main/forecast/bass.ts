import type { BassRequest, BassResult } from '../../shared/forecast';
import { DomainError } from '../../shared/result';

/**
 * The Bass diffusion model of adoption (Bass 1969): innovators adopt at rate p, imitators at
 * rate q times the share already adopted, out of a market of m. Cumulative adopters after t
 * weeks: F(t) = m·(1 − e^(−(p+q)t)) / (1 + (q/p)·e^(−(p+q)t)); weekly adopters are its steps.
 */
export interface BassParams {
  p: number;
  q: number;
  m: number;
}

export function bassCumulative({ p, q, m }: BassParams, t: number): number {
  if (t <= 0) return 0;
  const e = Math.exp(-(p + q) * t);
  return (m * (1 - e)) / (1 + (q / p) * e);
}

export function bassCurve(params: BassParams, weeks: number): { weekly: number[]; cumulative: number[]; peakWeek: number } {
  const cumulative = Array.from({ length: weeks }, (_, i) => bassCumulative(params, i + 1));
  const weekly = cumulative.map((c, i) => c - (i ? cumulative[i - 1] : 0));
  // The peak of adoption, t* = ln(q/p) / (p+q) (at the start when p ≥ q).
  const peakWeek = params.q > params.p ? Math.log(params.q / params.p) / (params.p + params.q) : 0;
  return { weekly, cumulative, peakWeek };
}

/**
 * p, q and m fitted to weekly adopters of an analogous campaign by least squares: for each
 * (p, q) the best m is linear (closed form), so the search is over p and q only — a log grid,
 * then a shrinking local search around the best point.
 */
export function fitBass(weekly: number[]): BassParams & { rmse: number } {
  if (weekly.length < 4) throw new DomainError('invalid_input', `A Bass curve needs at least 4 weeks of adoption to fit; this series has ${weekly.length}.`, [{ path: 'weekly', message: 'forecast.problem.bassShort' }]);
  weekly.forEach((v, i) => {
    if (!Number.isFinite(v) || v < 0) throw new DomainError('invalid_input', `Week ${i + 1} has ${v} adopters: adoption must be zero or more.`, [{ path: `weekly.${i}`, message: 'validation.nonNegative' }]);
  });
  if (weekly.every((v) => v === 0)) throw new DomainError('invalid_input', 'Nobody adopted in any week: there is no curve to fit.', [{ path: 'weekly', message: 'forecast.problem.bassEmpty' }]);
  const sse = (p: number, q: number) => {
    const shape = bassCurve({ p, q, m: 1 }, weekly.length).weekly;
    const ff = shape.reduce((s, f) => s + f * f, 0);
    const m = ff ? Math.max(0, shape.reduce((s, f, i) => s + f * weekly[i], 0) / ff) : 0;
    return { m, e: shape.reduce((s, f, i) => s + (weekly[i] - m * f) ** 2, 0) };
  };
  let best = { lp: 0, lq: 0, e: Infinity, m: 0 };
  for (let i = 0; i <= 40; i++) {
    for (let j = 0; j <= 40; j++) {
      const lp = Math.log(1e-4) + (i / 40) * (Math.log(0.5) - Math.log(1e-4));
      const lq = Math.log(1e-3) + (j / 40) * (Math.log(2) - Math.log(1e-3));
      const r = sse(Math.exp(lp), Math.exp(lq));
      if (r.e < best.e) best = { lp, lq, ...r };
    }
  }
  for (let step = 0.2; step > 1e-6; step /= 2) {
    let moved = true;
    while (moved) {
      moved = false;
      for (const [dp, dq] of [[step, 0], [-step, 0], [0, step], [0, -step]]) {
        const r = sse(Math.exp(best.lp + dp), Math.exp(best.lq + dq));
        if (r.e < best.e - 1e-12) {
          best = { lp: best.lp + dp, lq: best.lq + dq, ...r };
          moved = true;
        }
      }
    }
  }
  return { p: Math.exp(best.lp), q: Math.exp(best.lq), m: best.m, rmse: Math.sqrt(best.e / weekly.length) };
}

/** The contract's Bass call: fitted to the analog when one is given (hand-set values then override), else the hand-set or classic values (p 0.03, q 0.38). */
export function bassFor(r: BassRequest): BassResult {
  const fitted = r.analog?.length ? fitBass(r.analog) : null;
  const params = { p: r.p ?? fitted?.p ?? 0.03, q: r.q ?? fitted?.q ?? 0.38, m: r.m ?? fitted?.m ?? 10_000 };
  const curve = bassCurve(params, r.weeks);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { p: Number(params.p.toPrecision(4)), q: Number(params.q.toPrecision(4)), m: Math.round(params.m), weekly: curve.weekly.map(round), cumulative: curve.cumulative.map(round), peakWeek: round(curve.peakWeek), fit: fitted ? { rmse: round(fitted.rmse), weeks: r.analog!.length } : null };
}
