// The marketing-mix recovery suite: random weekly histories of the kinds strategists bring
// (2–8 channels, 80–260 weeks, geometric or Weibull carry-over, Hill or logistic saturation,
// always-on, flighted and rarely-on channels, correlated budgets, a trend break, a holiday and
// a price control, noise from 2% to 8%), each with its truth: every channel's contribution
// share of media, ROI and carry-over. `recoveryOf` scores a fit against it, and `oracleFit`
// is the reference a fit cannot beat on average: ridge given the true transforms.
import { Random } from '../../src/main/core/random';
import { type MmmData, residualVariance } from '../../src/main/forecast/mmm/mmm';
import { baseColumns } from '../../src/main/forecast/mmm/design';
import { boundedRidge, predict } from '../../src/main/forecast/mmm/ridge';
import { mediaShares, mediaTotals, sharesOf } from '../../src/main/forecast/mmm/posterior';
import { liftRows, placeExperiments } from '../../src/main/forecast/mmm/experiments';
import { ADSTOCK_LAGS, geometricAdstock, hill, logistic, spendScale, weibullAdstock } from '../../src/main/forecast/mmm/transforms';
import type { ChannelFit } from '../../src/shared/forecast';
import type { ExperimentRow } from '../../src/shared/datasets';

export type Adstock = { kind: 'geometric'; decay: number } | { kind: 'weibull'; shape: number; scale: number };
export type Saturation = { kind: 'hill'; shape: number; half: number } | { kind: 'logistic'; lambda: number };

export interface ChannelTruth {
  name: string;
  pattern: 'always-on' | 'flighted' | 'rarely-on';
  adstock: Adstock;
  saturation: Saturation;
  contribution: number;
  spend: number;
  /** Of total media contribution, as the model's `contributionShare`. */
  share: number;
  roi: number;
  /** Share of a week's effect that lands after that week (0: none carried over). */
  carryOver: number;
}

export interface History {
  seed: number;
  data: MmmData;
  holdout: number;
  noise: number;
  mediaShareOfOutcome: number;
  channels: ChannelTruth[];
  /** Each channel's true contribution per week (the channels' order). */
  weekly: number[][];
}

/** Weights of a carry-over form over the model's lags, normalised to sum 1 (as the model's). */
export function adstockWeights(a: Adstock): number[] {
  const impulse = Array.from({ length: ADSTOCK_LAGS }, (_, i) => (i === 0 ? 1 : 0));
  const out = a.kind === 'geometric' ? geometricAdstock(impulse, a.decay) : weibullAdstock(impulse, a.shape, a.scale);
  return [...out];
}

export const carryOverOf = (a: Adstock) => 1 - adstockWeights(a)[0];

const adstockOf = (x: number[], a: Adstock) => (a.kind === 'geometric' ? geometricAdstock(x, a.decay) : weibullAdstock(x, a.shape, a.scale));
const saturate = (z: number, s: Saturation) => (s.kind === 'hill' ? hill(z, s.shape, s.half) : logistic(z, s.lambda));

/** The ranges the suite draws its saturation curves from (the same for every history). */
const HILL_RANGE = { shape: [0.8, 2.5], half: [0.3, 1] } as const;
const LOGISTIC_RANGE = { lambda: [0.5, 2.5] } as const;
const lerp = ([lo, hi]: readonly [number, number], u: number) => lo + (hi - lo) * u;

/** One history with its truth, the same for the same seed. */
export function simulateHistory(seed: number): History {
  const r = new Random(seed);
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * r.next();
  const int = (lo: number, hi: number) => Math.floor(uniform(lo, hi + 1));
  const k = int(2, 8);
  // At least the model's three training weeks per parameter (3 per channel, 7 base terms, 1).
  const weeks = int(Math.max(80, 9 * k + 24 + 30), 260);
  const holdout = Math.min(26, Math.max(8, Math.round(weeks * 0.12)));
  const train = weeks - holdout;
  const start = Date.UTC(2020, 0, 6) + int(0, 51) * 7 * 86_400_000;
  const periods = Array.from({ length: weeks }, (_, t) => new Date(start + t * 7 * 86_400_000).toISOString().slice(0, 10));
  // A shared budget cycle makes the channels' spends move together by `correlation`.
  const correlation = uniform(0, 0.8);
  const cycle = Array.from({ length: weeks }, (_, t) => 1 + 0.4 * Math.sin((2 * Math.PI * t) / 52 + 1) + 0.2 * r.normal());
  const forms = r.next() < 0.5 ? 'geometric' : 'weibull';
  const channels = Array.from({ length: k }, (_, c) => {
    const pattern: ChannelTruth['pattern'] = c === 0 ? 'always-on' : (['always-on', 'flighted', 'rarely-on'] as const)[int(0, 2)];
    const level = 10 ** uniform(3, 5);
    let on = true;
    let left = int(2, 6);
    const spend = Array.from({ length: weeks }, (_, t) => {
      const own = Math.exp(0.6 * r.normal());
      const x = level * Math.max(0, (1 - correlation) * own + correlation * cycle[t]);
      if (pattern === 'always-on') return Math.max(0, x);
      if (pattern === 'rarely-on') return r.next() < 0.1 ? x * 2 : 0;
      if (--left <= 0) (on = !on), (left = on ? int(2, 6) : int(2, 8));
      return on ? x * 1.5 : 0;
    });
    // A rarely-on channel spends at least a few weeks in training, or it tells nothing.
    if (spend.slice(0, train).filter((v) => v > 0).length < 4) for (let t = 5; t < train; t += Math.max(6, Math.floor(train / 6))) spend[t] = level * 2;
    const adstock: Adstock = forms === 'geometric' ? { kind: 'geometric', decay: uniform(0, 0.8) } : { kind: 'weibull', shape: uniform(0.6, 3), scale: uniform(0.6, 4) };
    const saturation: Saturation = r.next() < 0.5 ? { kind: 'hill', shape: lerp(HILL_RANGE.shape, r.next()), half: lerp(HILL_RANGE.half, r.next()) } : { kind: 'logistic', lambda: lerp(LOGISTIC_RANGE.lambda, r.next()) };
    return { name: `ch${c + 1}`, pattern, spend, adstock, saturation, strength: uniform(0.3, 1) };
  });

  // The baseline: level, a trend that breaks once, yearly season, a holiday and a price control.
  const level = 100_000;
  const breakAt = int(Math.round(weeks * 0.3), Math.round(weeks * 0.8));
  const slope = uniform(-0.1, 0.3) * level;
  const slope2 = slope + uniform(-0.3, 0.3) * level;
  const holiday = periods.map((p) => (/-12-(1[5-9]|2\d)$/.test(p) || /-11-2\d$/.test(p) ? 1 : 0));
  const price = Array.from({ length: weeks }, () => 1 + 0.05 * r.normal());
  const base = Array.from({ length: weeks }, (_, t) => {
    const x = t / weeks;
    const trend = t < breakAt ? slope * x : slope * (breakAt / weeks) + slope2 * (x - breakAt / weeks);
    const season = 0.08 * level * Math.sin((2 * Math.PI * t) / 52.18) + 0.04 * level * Math.cos((4 * Math.PI * t) / 52.18);
    return level + trend + season + 0.15 * level * holiday[t] - 0.3 * level * (price[t] - 1);
  });

  return withTruth({ seed, holdout, periods, base, channels, controls: { holiday, price }, mediaShareOfOutcome: uniform(0.15, 0.5), noise: uniform(0.02, 0.08), r });
}

/** A channel as a generator draws it, before its effect is scaled into the outcome. */
interface DrawnChannel {
  name: string;
  pattern: ChannelTruth['pattern'];
  spend: number[];
  adstock: Adstock;
  saturation: Saturation;
  /** Relative size of its effect (scaled so media make the history's share of the outcome). */
  strength: number;
}

/**
 * A history's outcome and truth from its baseline and channels: each channel's response
 * (carry-over, then saturation over its largest training week) scaled so media make
 * `mediaShareOfOutcome` of the outcome, plus noise of `noise` × the mean week.
 */
function withTruth(h: { seed: number; holdout: number; periods: string[]; base: number[]; channels: DrawnChannel[]; controls: MmmData['controls']; mediaShareOfOutcome: number; noise: number; r: Random }): History {
  const { seed, holdout, periods, base, channels, mediaShareOfOutcome, noise, r } = h;
  const weeks = periods.length;
  const train = weeks - holdout;
  const shapes = channels.map((c) => {
    const a = adstockOf(c.spend, c.adstock);
    const scale = spendScale(a.subarray(0, train)) || 1;
    return Array.from(a, (v) => saturate(v / scale, c.saturation));
  });
  const raw = shapes.map((s, c) => s.reduce((a, v) => a + v, 0) * channels[c].strength);
  const baseTotal = base.reduce((a, v) => a + v, 0);
  const rawTotal = raw.reduce((a, v) => a + v, 0) || 1;
  const mediaTotal = (baseTotal * mediaShareOfOutcome) / (1 - mediaShareOfOutcome);
  const betas = channels.map((c) => (c.strength * mediaTotal) / rawTotal);
  const contributions = shapes.map((s, c) => s.map((v) => betas[c] * v));
  const clean = base.map((b, t) => b + contributions.reduce((a, col) => a + col[t], 0));
  const meanOutcome = clean.reduce((a, v) => a + v, 0) / weeks;
  const outcome = clean.map((v) => Math.max(0, v + noise * meanOutcome * r.normal()));

  const totals = contributions.map((col) => col.reduce((a, v) => a + v, 0));
  const shares = sharesOf(totals);
  return {
    seed,
    holdout,
    noise,
    weekly: contributions,
    mediaShareOfOutcome,
    data: { periods, outcome, spend: Object.fromEntries(channels.map((c) => [c.name, c.spend])), controls: h.controls },
    channels: channels.map((c, j) => {
      const spend = c.spend.reduce((a, v) => a + v, 0);
      return { name: c.name, pattern: c.pattern, adstock: c.adstock, saturation: c.saturation, contribution: totals[j], spend, share: shares[j], roi: spend ? totals[j] / spend : 0, carryOver: carryOverOf(c.adstock) };
    }),
  };
}

/**
 * Histories shaped like issue 18's example, the case a strategist meets most: 156 weeks, four
 * channels with geometric carry-over and Hill saturation, the first always on (its spend
 * moving ±30% week to week and up to 1.6× in campaign flights), the other three on only in
 * the flights they share (and now and then between them), a linear trend, a yearly season, a
 * holiday control, noise of 1.5–3% of the mean week, the last 26 weeks held out. The always-on
 * channel's share is what such data identify least: its curve is seen over a narrow range.
 */
export function simulateIssueShaped(seed: number): History {
  const r = new Random(seed * 104_729 + 11);
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * r.next();
  const weeks = 156;
  const holdout = 26;
  const start = Date.UTC(2021, 0, 4) + Math.floor(uniform(0, 52)) * 7 * 86_400_000;
  const periods = Array.from({ length: weeks }, (_, t) => new Date(start + t * 7 * 86_400_000).toISOString().slice(0, 10));
  // Campaign flights of 2–6 weeks with gaps of 2–7, shared by the flighted channels.
  const flight: boolean[] = [];
  let on = false;
  let left = Math.floor(uniform(3, 7));
  for (let t = 0; t < weeks; t++) {
    if (--left <= 0) (on = !on), (left = Math.floor(on ? uniform(2, 7) : uniform(2, 8)));
    flight.push(on);
  }
  const channels: DrawnChannel[] = Array.from({ length: 4 }, (_, c) => {
    const level = 10 ** uniform(3.3, 4.5);
    const spend = flight.map((f) => {
      if (c === 0) return level * Math.exp(0.3 * r.normal()) * (f ? uniform(1, 1.6) : 1);
      return f || r.next() < 0.1 ? level * uniform(1.2, 3) * Math.exp(0.2 * r.normal()) : 0;
    });
    return { name: `ch${c + 1}`, pattern: c === 0 ? 'always-on' : 'flighted', spend, adstock: { kind: 'geometric', decay: uniform(0.1, 0.75) }, saturation: { kind: 'hill', shape: uniform(0.8, 3), half: uniform(0.2, 0.9) }, strength: uniform(0.3, 1) };
  });
  const level = 50_000;
  const slope = uniform(-0.1, 0.3) * level;
  const phase = uniform(0, 2 * Math.PI);
  // New Year, 618, National Day, Double 11 and Christmas weeks.
  const holiday = periods.map((p) => (/-(01-0[1-7]|06-1[2-8]|10-0[1-7]|11-(0[5-9]|1[01])|12-(19|2\d))$/.test(p) ? 1 : 0));
  const base = periods.map((_, t) => level + slope * (t / weeks) + 0.1 * level * Math.sin((2 * Math.PI * t) / 52.18 + phase) + 0.12 * level * holiday[t]);
  return withTruth({ seed, holdout, periods, base, channels, controls: { holiday }, mediaShareOfOutcome: uniform(0.15, 0.45), noise: uniform(0.015, 0.03), r });
}

/**
 * One lift test per channel, as a strategist would run it: a window of 3–8 training weeks
 * around the channel's spend, the true contribution over the weeks it touches measured with
 * a relative standard error of 10–25% (drawn from its own seed, apart from the history's).
 */
export function liftTests(h: History): ExperimentRow[] {
  const r = new Random(h.seed * 7 + 3);
  const train = h.data.periods.length - h.holdout;
  return h.channels.map((c, j) => {
    const spend = h.data.spend[c.name];
    const length = 3 + Math.floor(r.next() * 6);
    const on = spend.slice(0, train - length).map((v, t) => (v > 0 ? t : -1)).filter((t) => t >= 0);
    const from = on.length ? on[Math.floor(r.next() * on.length)] : 0;
    const to = Math.min(train - 1, from + length - 1);
    let truth = 0;
    for (let t = from; t <= to; t++) truth += h.weekly[j][t];
    const standardError = Math.max(1, truth * (0.1 + 0.15 * r.next()));
    const end = new Date(Date.parse(`${h.data.periods[to]}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
    return { name: `${c.name} test`, channel: c.name, start: h.data.periods[from], end, lift: truth + standardError * r.normal(), standardError };
  });
}

export interface Recovery {
  /** Largest |fitted − true| contribution share over the channels. */
  maxShareError: number;
  /** Largest relative ROI error over the channels that carry at least 5% of media. */
  maxRoiError: number;
  /** Largest |fitted − true| share of an effect carried past its week. */
  maxCarryOverError: number;
  /** P10–P90 coverage of the held-out weeks (null when the fit gives none). */
  coverage: number | null;
  /** Channels whose true share lies inside the fit's share P10–P90, and how many had one. */
  sharesInside: number;
  sharesWithInterval: number;
}

/** How well fitted channels recover a history's truth. */
type Fitted = Pick<ChannelFit, 'name' | 'contributionShare' | 'roi' | 'adstock' | 'contributionShareP10' | 'contributionShareP90'>;

export function recoveryOf(h: History, fitted: Fitted[], coverage: number | null): Recovery {
  let share = 0;
  let roi = 0;
  let carry = 0;
  let inside = 0;
  let withInterval = 0;
  for (const t of h.channels) {
    const f = fitted.find((c) => c.name === t.name);
    if (f?.contributionShareP10 !== undefined && f.contributionShareP90 !== undefined) {
      withInterval++;
      if (t.share >= f.contributionShareP10 && t.share <= f.contributionShareP90) inside++;
    }
    const fs = f?.contributionShare ?? 0;
    share = Math.max(share, Math.abs(fs - t.share));
    if (t.share >= 0.05 && t.roi > 0) roi = Math.max(roi, Math.abs((f?.roi ?? 0) - t.roi) / t.roi);
    if (f) {
      const a: Adstock = f.adstock.kind === 'geometric' ? { kind: 'geometric', decay: f.adstock.decay } : { kind: 'weibull', shape: f.adstock.shape, scale: f.adstock.scale };
      carry = Math.max(carry, Math.abs(carryOverOf(a) - t.carryOver));
    }
  }
  return { maxShareError: share, maxRoiError: roi, maxCarryOverError: carry, coverage, sharesInside: inside, sharesWithInterval: withInterval };
}

/**
 * The oracle: non-negative ridge on the media columns built with the true carry-over and
 * saturation (and the model's own trend, season and controls), fitted on the training weeks,
 * with the same lift tests as the fit when it is given some. What the data (and the tests)
 * identify when the transforms are known; a fit that searches them can only approach it.
 */
export function oracleFit(h: History, experiments: readonly ExperimentRow[] = []): Fitted[] {
  const n = h.data.periods.length;
  const train = n - h.holdout;
  const media = trueMedia(h);
  const base = baseColumns(h.data.periods, h.data.controls).map((b) => b.values);
  const x = [...media, ...base];
  const nonNegative = [...media.map(() => true), ...base.map(() => false)];
  // Lift tests weighed as the model weighs them: a week's variance (here the oracle's own) over the test's.
  const placed = placeExperiments(experiments, h.data.periods, train, h.channels.map((c) => c.name));
  const lifts = placed.length ? liftRows(placed, media.map((values) => ({ values })), residualVariance(x, h.data.outcome, train, 1e-6, nonNegative)) : [];
  const fit = boundedRidge(x, h.data.outcome, 1e-6, nonNegative, { from: 0, to: train }, lifts);
  const totals = mediaTotals(media, fit.coef);
  const shares = sharesOf(totals);
  return h.channels.map((c, j) => ({ name: c.name, contributionShare: shares[j], roi: c.spend ? totals[j] / c.spend : 0, adstock: c.adstock.kind === 'geometric' ? { kind: 'geometric', decay: c.adstock.decay } : { kind: 'weibull', shape: c.adstock.shape, scale: c.adstock.scale } }));
}

/** The media columns under the true transforms, one channel's saturation replaced when asked. */
function trueMedia(h: History, replace?: { channel: number; saturation: Saturation }): Float64Array[] {
  const train = h.data.periods.length - h.holdout;
  return h.channels.map((c, j) => {
    const a = adstockOf(h.data.spend[c.name], c.adstock);
    const scale = spendScale(a.subarray(0, train)) || 1;
    const sat = replace?.channel === j ? replace.saturation : c.saturation;
    return Float64Array.from(a, (v) => saturate(v / scale, sat));
  });
}

/**
 * What the data themselves allow: every transform true except one channel's saturation,
 * which is only known to come from the suite's own family and range. Each channel's curve
 * is redrawn `draws` times from that range; the ridge fits whose likelihood is within two
 * log units of the best drawn (the data cannot tell them apart) each give that channel a
 * share, and their median is the best guess a method could make without knowing the curve.
 * Returns the largest |guess − truth| over the channels. A method that searches every
 * channel's transforms cannot, on average, beat this: it knows less. (An always-on channel's
 * level trades with the baseline's unless its curve is known: ridge given the true curve, the
 * oracle, is no guide to what the data identify there.)
 */
export function oneCurveUnknown(h: History, experiments: readonly ExperimentRow[] = [], draws = 150): number {
  const n = h.data.periods.length;
  const train = n - h.holdout;
  const base = baseColumns(h.data.periods, h.data.controls).map((b) => b.values);
  const nonNegative = [...h.channels.map(() => true), ...base.map(() => false)];
  const placed = placeExperiments(experiments, h.data.periods, train, h.channels.map((c) => c.name));
  // Lift tests weighed against a week's variance under the true transforms (the oracle's).
  const sigma2 = placed.length ? residualVariance([...trueMedia(h), ...base], h.data.outcome, train, 1e-6, nonNegative) : 0;
  const r = new Random(h.seed * 31 + 17);
  let worst = 0;
  h.channels.forEach((c, j) => {
    const tried = Array.from({ length: draws }, () => {
      const saturation: Saturation = c.saturation.kind === 'hill' ? { kind: 'hill', shape: lerp(HILL_RANGE.shape, r.next()), half: lerp(HILL_RANGE.half, r.next()) } : { kind: 'logistic', lambda: lerp(LOGISTIC_RANGE.lambda, r.next()) };
      const media = trueMedia(h, { channel: j, saturation });
      const x = [...media, ...base];
      const lifts = placed.length ? liftRows(placed, media.map((values) => ({ values })), sigma2) : [];
      const fit = boundedRidge(x, h.data.outcome, 1e-6, nonNegative, { from: 0, to: train }, lifts);
      let sse = 0;
      for (let t = 0; t < train; t++) sse += (h.data.outcome[t] - predict(fit, x, t)) ** 2;
      for (const l of lifts) sse += l.weight * (l.target - fit.coef[l.column] * l.sum) ** 2;
      return { logLik: -(train / 2) * Math.log(sse), share: mediaShares(media, fit.coef)[j] };
    });
    const best = Math.max(...tried.map((t) => t.logLik));
    const kept = tried.filter((t) => t.logLik >= best - 2).map((t) => t.share).sort((a, b) => a - b);
    worst = Math.max(worst, Math.abs(kept[Math.floor(kept.length / 2)] - c.share));
  });
  return worst;
}

/**
 * How many histories a perfectly calibrated band would put inside 70–90% coverage: each of a
 * history's held-out weeks inside it with probability 0.8, independently, so its coverage is
 * Binomial(weeks, 0.8) / weeks. Short held-out stretches make single histories miss 70–90% often.
 */
export function expectedInBand(holdouts: readonly number[]): number {
  return holdouts.reduce((sum, weeks) => {
    let p = 0;
    for (let k = Math.ceil(0.7 * weeks - 1e-9); k <= Math.floor(0.9 * weeks + 1e-9); k++) p += binomial(weeks, k) * 0.8 ** k * 0.2 ** (weeks - k);
    return sum + p;
  }, 0);
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/** Median and 90th percentile of a list. */
export function spread(xs: number[]): { median: number; p90: number } {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))];
  return { median: q(0.5), p90: q(0.9) };
}

/** A family of histories the bench fits: its generator, its name in the bench's rows, its seeds. */
export interface Family {
  label: string;
  simulate: (seed: number) => History;
  count: number;
  firstSeed: number;
}

/** The suite's two families, their seeds kept apart from the ones tests and tuning looked at (1–40). */
export const SUITE: Family = { label: 'MMM recovery suite', simulate: simulateHistory, count: 50, firstSeed: 1000 };
export const ISSUE_SHAPED: Family = { label: 'MMM issue-shaped histories (156 weeks x 4 channels, one always on)', simulate: simulateIssueShaped, count: 30, firstSeed: 2000 };

/**
 * Bench rows of one family: Tandem's fit on every history (as a strategist runs it: the
 * default search and bootstrap, not told the true forms) beside the oracle on the same
 * histories, and beside what the data allow when one channel's curve is unknown, without and
 * with one lift test per channel.
 */
export function recoveryBench(fit: (h: History, experiments?: ExperimentRow[]) => { channels: Fitted[]; coverage: number | null }, family: Family = SUITE) {
  const { label, count, firstSeed } = family;
  const ours: Recovery[] = [];
  const calibrated: Recovery[] = [];
  const oracle: Recovery[] = [];
  const oracleTested: Recovery[] = [];
  const holdouts: number[] = [];
  const limit: number[] = [];
  const limitTested: number[] = [];
  const times: number[] = [];
  for (let seed = firstSeed; seed < firstSeed + count; seed++) {
    const h = family.simulate(seed);
    const t = performance.now();
    const f = fit(h);
    times.push(performance.now() - t);
    ours.push(recoveryOf(h, f.channels, f.coverage));
    const tests = liftTests(h);
    const c = fit(h, tests);
    calibrated.push(recoveryOf(h, c.channels, c.coverage));
    oracle.push(recoveryOf(h, oracleFit(h), null));
    oracleTested.push(recoveryOf(h, oracleFit(h, tests), null));
    if (f.coverage !== null) holdouts.push(h.holdout);
    limit.push(oneCurveUnknown(h));
    limitTested.push(oneCurveUnknown(h, tests));
  }
  const f3 = (x: number) => x.toFixed(3);
  const both = (xs: number[]) => `${f3(spread(xs).median)} / ${f3(spread(xs).p90)}`;
  const ratio = (a: number[], b: number[]) => (spread(b).median > 0 ? (spread(a).median / spread(b).median).toFixed(2) : '-');
  const seeds = `${count} histories (seeds ${firstSeed}–${firstSeed + count - 1})`;
  const errors = (rs: Recovery[], key: 'maxShareError' | 'maxRoiError' | 'maxCarryOverError') => rs.map((r) => r[key]);
  const row = (figure: string, key: 'maxShareError' | 'maxRoiError' | 'maxCarryOverError', target: string) => ({
    figure: `${label}: ${figure}`,
    tandem: both(errors(ours, key)),
    peer: `${both(errors(oracle, key))} (ridge, true transforms)`,
    ratio: ratio(errors(ours, key), errors(oracle, key)),
    note: `median / 90th percentile over ${seeds}; ${target}`,
  });
  const shareErrors = errors(ours, 'maxShareError');
  const testedErrors = errors(calibrated, 'maxShareError');
  const coverages = ours.map((r) => r.coverage).filter((c): c is number => c !== null);
  const inBand = coverages.filter((c) => c >= 0.7 && c <= 0.9).length;
  const inside = (rs: Recovery[]) => (rs.reduce((a, r) => a + r.sharesInside, 0) / Math.max(1, rs.reduce((a, r) => a + r.sharesWithInterval, 0))).toFixed(3);
  const unknownCurve = 'every transform true but one channel’s saturation, drawn from the suite’s own range';
  return [
    row('max channel share error', 'maxShareError', 'target median ≤ 0.03, p90 ≤ 0.08'),
    {
      figure: `${label}: max share error the data allow when one channel’s curve is unknown`,
      tandem: both(shareErrors),
      peer: `${both(limit)} (${unknownCurve})`,
      ratio: ratio(shareErrors, limit),
      note: 'median / p90; the peer knows more than any fit can (all carry-overs, all other curves, the curve’s family and range): a fit near it is at what the data identify',
    },
    {
      figure: `${label}: max channel share error with one lift test per channel`,
      tandem: both(testedErrors),
      peer: `${both(errors(oracleTested, 'maxShareError'))} (ridge, true transforms, the same tests)`,
      ratio: ratio(testedErrors, errors(oracleTested, 'maxShareError')),
      note: `target median ≤ 0.02; tests of 3–8 weeks, relative SE 10–25%; true shares inside P10–P90: ${inside(calibrated)}`,
    },
    {
      figure: `${label}: max share error with the lift tests that the data and tests allow when one channel’s curve is unknown`,
      tandem: both(testedErrors),
      peer: `${both(limitTested)} (${unknownCurve}; the same tests)`,
      ratio: ratio(testedErrors, limitTested),
      note: 'median / p90; a test pins a channel’s level over its weeks only, within its 10–25% error: the rest still rests on the curve',
    },
    row('max relative ROI error (channels ≥ 5% of media)', 'maxRoiError', 'no target yet'),
    row('max carry-over error (share of effect after its week)', 'maxCarryOverError', 'the oracle knows it: 0'),
    {
      figure: `${label}: held-out P10–P90 weekly coverage`,
      tandem: both(coverages),
      peer: '0.70–0.90 (target)',
      ratio: '-',
      note: `median / p90; ${inBand} of ${coverages.length} histories inside 70–90%, where a band that holds each week with probability 0.8 would put ${expectedInBand(holdouts).toFixed(1)} (${Math.min(...holdouts) === Math.max(...holdouts) ? Math.min(...holdouts) : `${Math.min(...holdouts)}–${Math.max(...holdouts)}`} held-out weeks each: binomial)`,
    },
    {
      figure: `${label}: true shares inside the fit’s P10–P90`,
      tandem: inside(ours),
      peer: '0.70–0.90 (target)',
      ratio: '-',
      note: `of ${ours.reduce((a, r) => a + r.sharesWithInterval, 0)} channels; residual bootstrap, each refit under a draw from the transforms' posterior (DE-MC)`,
    },
    { figure: `${label}: fit with bootstrap (ms)`, tandem: spread(times).median.toFixed(0), peer: '-', ratio: '-', note: `median over ${count} fits` },
  ];
}
