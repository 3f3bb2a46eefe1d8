import type { CampaignCoefficient, CampaignDriverInfo, FitScore } from '../../../shared/campaignModel';
import { DomainError } from '../../../shared/result';
import { Random } from '../../core/random';
import { boundedRidge, type RidgeFit } from '../mmm/ridge';
import type { CampaignRow } from './campaignRows';

/**
 * The campaign-level model: each past campaign's outcome regressed on its drivers by ridge
 * regression (the penalty chosen by leave-one-out error, since campaigns are few), with
 * bootstrap intervals on the coefficients and jackknife+ prediction intervals (Barber et
 * al. 2021: a conformal method whose coverage holds in small samples without assuming
 * normal errors). The seeds' plain least-squares line on one driver is fitted beside it so
 * the strategist sees what the richer model adds.
 */
export const MIN_CAMPAIGNS = 5;
const LAMBDAS = Array.from({ length: 25 }, (_, i) => 10 ** (-4 + (6 * i) / 24));
const BASELINE_DRIVERS = ['addressable_audience', 'audience_size', 'budget'];

export interface Interval {
  p10: number;
  p50: number;
  p90: number;
}

export interface FittedCampaignModel {
  drivers: CampaignDriverInfo[];
  intercept: number;
  coefficients: CampaignCoefficient[];
  lambda: number;
  score: FitScore;
  /** Leave-one-out prediction of each campaign. */
  loo: number[];
  baseline: { driver: string; intercept: number; slope: number; score: FitScore };
  coverage: number;
  /** A campaign's outcome with its interval; unknown numeric drivers at the past average, unknown levels at the reference. */
  predict(drivers: Record<string, number | string | undefined>): Interval;
  /** The least-squares line's prediction, or null when its driver is not given. */
  predictBaseline(drivers: Record<string, number | string | undefined>): number | null;
  /** Drivers of a would-be campaign that lie outside what the past ones covered. */
  outside(drivers: Record<string, number | string | undefined>): string[];
}

interface Design {
  drivers: CampaignDriverInfo[];
  means: Record<string, number>;
  /** One column per numeric driver, and per non-reference level of a categorical one. */
  columns: { driver: string; level: string | null }[];
  row(drivers: Record<string, number | string | undefined>): number[];
}

export function fitCampaignModel(rows: CampaignRow[], o: { seed?: number; bootstrap?: number; alpha?: number } = {}): FittedCampaignModel {
  const n = rows.length;
  if (n < MIN_CAMPAIGNS) {
    throw new DomainError('refused', `Only ${n} past campaign${n === 1 ? '' : 's'} carry a campaign_id: the campaign-level model needs at least ${MIN_CAMPAIGNS}.`, [{ path: 'campaigns', message: 'campaign.problem.tooFew', params: { n, min: MIN_CAMPAIGNS } }]);
  }
  const y = rows.map((r) => r.outcome);
  const my = y.reduce((s, v) => s + v, 0) / n;
  if (y.every((v) => Math.abs(v - my) < 1e-9)) {
    throw new DomainError('refused', `Every past campaign has the same outcome (${my}): there is nothing to explain.`, [{ path: 'outcome', message: 'campaign.problem.constant' }]);
  }
  const design = buildDesign(rows);
  if (!design.columns.length) {
    throw new DomainError('refused', 'The past campaigns have no driver that varies (budget, duration, partner type, addressable audience…): add control.<name> columns to the campaigns dataset.', [{ path: 'drivers', message: 'campaign.problem.noDrivers' }]);
  }
  const X = rows.map((r) => design.row(r.drivers));
  const p = design.columns.length;
  const fit = (idx: number[], lambda: number): RidgeFit => {
    const cols = Array.from({ length: p }, (_, j) => Float64Array.from(idx, (i) => X[i][j]));
    return boundedRidge(cols, idx.map((i) => y[i]), lambda, new Array(p).fill(false));
  };
  const at = (f: RidgeFit, x: number[]) => x.reduce((s, v, j) => s + f.coef[j] * v, f.intercept);
  const all = rows.map((_, i) => i);
  const without = (i: number) => all.filter((k) => k !== i);

  // The penalty with the least leave-one-out squared error.
  let lambda = LAMBDAS[0];
  let best = Infinity;
  for (const l of LAMBDAS) {
    const sse = all.reduce((s, i) => s + (y[i] - at(fit(without(i), l), X[i])) ** 2, 0);
    if (sse < best - 1e-9 * Math.abs(best)) [best, lambda] = [sse, l];
  }
  const full = fit(all, lambda);
  const looFits = all.map((i) => fit(without(i), lambda));
  const loo = all.map((i) => at(looFits[i], X[i]));
  const residual = all.map((i) => Math.abs(y[i] - loo[i]));

  // Residual bootstrap of the coefficients at the chosen penalty: the campaigns' drivers
  // stay as they were (with a dozen campaigns, resampling rows would often drop a partner
  // type altogether) and the outcome is redrawn from the fit plus leave-one-out residuals,
  // which are honest about out-of-sample error.
  const rng = new Random(o.seed ?? 7);
  const fitted = all.map((i) => at(full, X[i]));
  const signed = all.map((i) => y[i] - loo[i]);
  const centre = signed.reduce((s, v) => s + v, 0) / n;
  const cols = Array.from({ length: p }, (_, j) => Float64Array.from(all, (i) => X[i][j]));
  const draws: number[][] = Array.from({ length: p }, () => []);
  for (let b = 0; b < (o.bootstrap ?? 400); b++) {
    const f = boundedRidge(cols, fitted.map((v) => v + signed[rng.int(0, n - 1)] - centre), lambda, new Array(p).fill(false));
    for (let j = 0; j < p; j++) draws[j].push(f.coef[j]);
  }
  const sd = design.columns.map((_, j) => Math.sqrt(X.reduce((s, x) => s + (x[j] - X.reduce((m, z) => m + z[j], 0) / n) ** 2, 0) / n));
  const coefficients = design.columns.map((c, j) => {
    const sorted = draws[j].sort((a, b) => a - b);
    return { driver: c.driver, level: c.level, estimate: full.coef[j], p10: pick(sorted, 0.1), p90: pick(sorted, 0.9), perSd: full.coef[j] * sd[j], sd: sd[j] };
  });

  const nonNegative = y.every((v) => v >= 0);
  const floor = (v: number) => (nonNegative ? Math.max(0, v) : v);
  const alpha = o.alpha ?? 0.2;
  // Jackknife+ order statistics: the ⌊α(n+1)⌋-th lowest and ⌈(1-α)(n+1)⌉-th lowest.
  const lo = Math.max(1, Math.floor(alpha * (n + 1)));
  const hi = Math.min(n, Math.ceil((1 - alpha) * (n + 1)));

  const baseline = fitBaseline(rows, y);
  return {
    drivers: design.drivers,
    intercept: full.intercept,
    coefficients,
    lambda,
    score: scoreOf(y, loo),
    loo,
    baseline: baseline.info,
    coverage: 1 - alpha,
    predict(drivers) {
      const x = design.row(drivers);
      const lows = all.map((i) => at(looFits[i], x) - residual[i]).sort((a, b) => a - b);
      const highs = all.map((i) => at(looFits[i], x) + residual[i]).sort((a, b) => a - b);
      const p50 = floor(at(full, x));
      return { p10: Math.min(p50, floor(lows[lo - 1])), p50, p90: Math.max(p50, floor(highs[hi - 1])) };
    },
    predictBaseline(drivers) {
      const v = drivers[baseline.info.driver];
      return typeof v === 'number' ? floor(baseline.info.intercept + baseline.info.slope * v) : null;
    },
    outside(drivers) {
      return design.drivers.filter((d) => {
        const v = drivers[d.name];
        if (v === undefined) return false;
        if (d.kind === 'numeric') return typeof v === 'number' && (v < d.range![0] || v > d.range![1]);
        return !d.levels!.includes(String(v));
      }).map((d) => d.name);
    },
  };
}

/**
 * Numeric drivers (every campaign has a number; a missing one takes the mean) and
 * categorical ones (one-hot against the most frequent level). A driver that never varies,
 * or a categorical one with a level per campaign (an identifier), says nothing and is left out.
 */
function buildDesign(rows: CampaignRow[]): Design {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.drivers)))].sort();
  const drivers: CampaignDriverInfo[] = [];
  const means: Record<string, number> = {};
  for (const name of names) {
    const values = rows.map((r) => r.drivers[name]).filter((v) => v !== undefined);
    if (values.every((v) => typeof v === 'number')) {
      const nums = values as number[];
      const range: [number, number] = [Math.min(...nums), Math.max(...nums)];
      if (range[1] - range[0] < 1e-12) continue;
      means[name] = nums.reduce((s, v) => s + v, 0) / nums.length;
      drivers.push({ name, kind: 'numeric', range });
    } else {
      const counts = new Map<string, number>();
      for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
      if (counts.size < 2 || counts.size > rows.length / 2) continue;
      const levels = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([l]) => l);
      drivers.push({ name, kind: 'categorical', levels });
    }
  }
  const columns: Design['columns'] = drivers.flatMap((d): Design['columns'] => (d.kind === 'numeric' ? [{ driver: d.name, level: null }] : d.levels!.slice(1).map((level) => ({ driver: d.name, level }))));
  return {
    drivers,
    means,
    columns,
    row: (values) =>
      columns.map((c) => {
        const v = values[c.driver];
        if (c.level === null) return typeof v === 'number' && Number.isFinite(v) ? v : means[c.driver];
        return String(v) === c.level ? 1 : 0;
      }),
  };
}

/** y = a + b·x on the first of addressable audience, audience size or budget the campaigns have. */
function fitBaseline(rows: CampaignRow[], y: number[]): { info: FittedCampaignModel['baseline'] } {
  const driver = BASELINE_DRIVERS.find((d) => rows.every((r) => typeof r.drivers[d] === 'number')) ?? 'budget';
  const x = rows.map((r) => r.drivers[driver] as number);
  const line = (idx: number[]) => {
    const mx = idx.reduce((s, i) => s + x[i], 0) / idx.length;
    const my = idx.reduce((s, i) => s + y[i], 0) / idx.length;
    const sxx = idx.reduce((s, i) => s + (x[i] - mx) ** 2, 0);
    const slope = sxx > 0 ? idx.reduce((s, i) => s + (x[i] - mx) * (y[i] - my), 0) / sxx : 0;
    return { intercept: my - slope * mx, slope };
  };
  const all = rows.map((_, i) => i);
  const full = line(all);
  const loo = all.map((i) => {
    const l = line(all.filter((k) => k !== i));
    return l.intercept + l.slope * x[i];
  });
  return { info: { driver, ...full, score: scoreOf(y, loo) } };
}

function scoreOf(y: number[], predicted: number[]): FitScore {
  const n = y.length;
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const nz = y.map((v, i) => [v, predicted[i]]).filter(([v]) => v !== 0);
  const sse = y.reduce((s, v, i) => s + (v - predicted[i]) ** 2, 0);
  const sst = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  return {
    mape: nz.length ? nz.reduce((s, [v, f]) => s + Math.abs((v - f) / v), 0) / nz.length : Number.NaN,
    mae: y.reduce((s, v, i) => s + Math.abs(v - predicted[i]), 0) / n,
    r2: sst > 0 ? 1 - sse / sst : 0,
  };
}

const pick = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
