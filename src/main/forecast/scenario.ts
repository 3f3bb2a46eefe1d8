import type { MmmResult, ScenarioResult } from '../../shared/forecast';
import { DomainError, type FieldIssue } from '../../shared/result';
import { dayOfYear } from './mmm/design';
import { ADSTOCK_LAGS, geometricAdstock, hill, logistic, weibullAdstock } from './mmm/transforms';

/**
 * A scenario under the latest fit: weekly spend per channel over the campaign's weeks,
 * with the carry-over of the spend before them flowing in (the plan is appended to the
 * history, weeks between them spend nothing). The baseline continues the trend, the yearly
 * season from each week's date, and holds controls at their historical average. P50 is the
 * model's week; P10/P90 add the quantiles of the model's out-of-sample errors on the held-out
 * weeks (or of the training residuals, whichever is wider) — so the band carries the model's
 * own error, its bias included, not only a week's noise. The total's band comes from the
 * errors summed over runs of consecutive held-out weeks as long as the plan, which keeps
 * their correlation (a model that under-predicts one week tends to the next) instead of
 * assuming it away.
 */
export function runScenario(fit: MmmResult, plan: { weeks: string[]; spend: Record<string, number[]> }): ScenarioResult {
  const issues: FieldIssue[] = [];
  const channels = fit.channels.map((c) => c.name);
  for (const name of Object.keys(plan.spend)) if (!channels.includes(name)) issues.push({ path: `spend.${name}`, message: 'forecast.problem.unknownChannel', params: { channel: name } });
  for (const [name, values] of Object.entries(plan.spend)) values.forEach((v, i) => (!Number.isFinite(v) || v < 0) && issues.push({ path: `spend.${name}.${i}`, message: 'forecast.problem.negativeSpend', params: { channel: name, period: plan.weeks[i] ?? String(i + 1), value: String(v) } }));
  const last = fit.series.periods.at(-1)!;
  const offsets = plan.weeks.map((w) => Math.round((Date.parse(`${w}T00:00:00Z`) - Date.parse(`${last}T00:00:00Z`)) / (7 * 86_400_000)));
  plan.weeks.forEach((w, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(w) || !Number.isFinite(offsets[i])) issues.push({ path: `weeks.${i}`, message: 'validation.date' });
    else if (offsets[i] < 1) issues.push({ path: `weeks.${i}`, message: 'forecast.problem.planInPast', params: { week: w, last } });
    else if (i && offsets[i] !== offsets[i - 1] + 1) issues.push({ path: `weeks.${i}`, message: 'forecast.problem.gap', params: { from: plan.weeks[i - 1], to: w, days: (offsets[i] - offsets[i - 1]) * 7 } });
  });
  if (!plan.weeks.length) issues.push({ path: 'weeks', message: 'validation.required' });
  for (const [name, values] of Object.entries(plan.spend)) if (values.length !== plan.weeks.length) issues.push({ path: `spend.${name}`, message: 'forecast.problem.lengths' });
  if (issues.length) throw new DomainError('invalid_input', `The scenario cannot be run: ${issues.slice(0, 3).map(say).join('; ')}${issues.length > 3 ? `; and ${issues.length - 3} more` : ''}.`, issues);

  const n = fit.weeks.total;
  const gap = offsets[0] - 1;
  const h = plan.weeks.length;
  const contributions: Record<string, number[]> = {};
  for (const c of fit.channels) {
    const history = fit.history.spend[c.name] ?? [];
    const series = [...history.slice(-ADSTOCK_LAGS), ...Array(gap).fill(0), ...(plan.spend[c.name] ?? Array(h).fill(0))];
    const a = c.adstock.kind === 'geometric' ? geometricAdstock(series, c.adstock.decay) : weibullAdstock(series, c.adstock.shape, c.adstock.scale);
    const planned = Array.from(a.subarray(a.length - h));
    const sat = c.saturation;
    contributions[c.name] = planned.map((v) => c.beta * (sat.kind === 'hill' ? hill(v / sat.spendScale, sat.shape, sat.halfSaturation) : logistic(v / sat.spendScale, sat.lambda)));
  }
  const baseline = plan.weeks.map((w, i) => {
    const t = n - 1 + offsets[i];
    const doy = dayOfYear(w);
    return fit.base.reduce((s, b) => {
      const fourier = /^(sin|cos)(\d+)$/.exec(b.name);
      const value = b.name === 'trend' ? t / n : fourier ? Math[fourier[1] as 'sin' | 'cos']((2 * Math.PI * Number(fourier[2]) * doy) / 365.25) : (fit.history.baseMeans[b.name] ?? 0);
      return s + b.coef * value;
    }, fit.intercept);
  });
  const { week: weekBand, total: totalBand } = errorBands(fit.history, h);
  const weeks = plan.weeks.map((week, i) => {
    const p50 = baseline[i] + channels.reduce((s, c) => s + contributions[c][i], 0);
    return { week, p10: r2(p50 + weekBand.p10), p50: r2(p50), p90: r2(p50 + weekBand.p90), media: r2(p50 - baseline[i]) };
  });
  const sum = r2(weeks.reduce((s, w) => s + w.p50, 0));
  const total = { p10: r2(sum + totalBand.p10), p50: sum, p90: r2(sum + totalBand.p90) };
  return { weeks, total, contributions: Object.fromEntries(channels.map((c) => [c, r2(contributions[c].reduce((s, v) => s + v, 0))])) };
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The error to add to P50 for one week and for the sum of h weeks: the wider of the training
 * residuals' quantiles (√h for the sum: independent noise) and the out-of-sample errors' —
 * for the sum, the quantiles of the errors added over every run of min(h, n) consecutive
 * weeks, scaled to h weeks when the plan is longer than the errors on record.
 */
export function errorBands(history: MmmResult['history'], h: number): { week: { p10: number; p90: number }; total: { p10: number; p90: number } } {
  const noise = history.residuals;
  const week = { ...noise };
  const total = { p10: Math.sqrt(h) * noise.p10, p90: Math.sqrt(h) * noise.p90 };
  const e = history.errors ?? [];
  if (e.length >= 4) {
    const q = (xs: number[], p: number) => {
      const s = [...xs].sort((a, b) => a - b);
      return s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))];
    };
    week.p10 = Math.min(week.p10, q(e, 0.1));
    week.p90 = Math.max(week.p90, q(e, 0.9));
    const run = Math.min(h, e.length);
    const sums = Array.from({ length: e.length - run + 1 }, (_, i) => (e.slice(i, i + run).reduce((s, v) => s + v, 0) * h) / run);
    total.p10 = Math.min(total.p10, q(sums, 0.1));
    total.p90 = Math.max(total.p90, q(sums, 0.9));
  }
  // A band always contains P50, whatever the sign of the errors.
  return { week: { p10: Math.min(0, week.p10), p90: Math.max(0, week.p90) }, total: { p10: Math.min(0, total.p10), p90: Math.max(0, total.p90) } };
}

/** An issue in plain English, for the CLI and the logs (the app translates the key). */
function say(i: FieldIssue): string {
  const p = i.params ?? {};
  switch (i.message) {
    case 'forecast.problem.unknownChannel': return `there is no channel ${p.channel} in the model`;
    case 'forecast.problem.negativeSpend': return `${p.channel} spends ${p.value} in ${p.period}`;
    case 'forecast.problem.planInPast': return `${p.week} is not after the last modelled week (${p.last})`;
    case 'forecast.problem.gap': return `a gap from ${p.from} to ${p.to}`;
    case 'forecast.problem.lengths': return `${i.path} does not have one value per week`;
    case 'validation.date': return `${i.path} is not a date like 2027-01-04`;
    default: return `${i.path}: ${i.message}`;
  }
}
