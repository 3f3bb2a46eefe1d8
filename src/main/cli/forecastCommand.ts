import fs from 'node:fs';
import path from 'node:path';
import type { Allocation, MmmResult } from '../../shared/forecast';
import { nextTest, type NextTest } from '../../shared/nextTest';
import { UsageError } from './args';
import type { CliContext } from './dataCommands';
import { EXIT } from './exit';

/**
 * `forecast mmm --project ID [--adstock auto|geometric|weibull] [--saturation auto|logistic|hill]
 * [--holdout WEEKS] [--seed S] [--bootstrap B]` fits the marketing-mix model on the
 * project's campaign periods and prints {metrics: {r2, mape, nrmse, rssd}, channels: [{name,
 * adstock, saturation, beta, contributionShare, roi, mroi, contributionShareP10/P90, roiP10/P90,
 * mroiP10/P90}], verdict, calibration, ms} (DESIGN §2); calibration: the project's lift tests
 * beside the model's figure for each, and how much they narrowed each ROI interval.
 */
export async function forecastCommand(ctx: CliContext, sub: string | undefined, rest: string[]): Promise<number> {
  if (rest.length && sub !== 'allocate') throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (sub === 'allocate') return allocateCommand(ctx, rest);
  if (sub === 'scenario') return scenarioCommand(ctx);
  if (sub === 'campaign') return campaignCommand(ctx);
  if (sub !== 'mmm') throw new UsageError(sub ? `unknown forecast command "${sub}"` : 'forecast needs a command: mmm, allocate, scenario or campaign');
  const o = ctx.opts(['project', 'adstock', 'saturation', 'holdout-weeks', 'holdout', 'seed', 'bootstrap']);
  const projectId = ctx.projectId(o.string('project'));
  const adstock = o.string('adstock');
  if (adstock !== undefined && adstock !== 'auto' && adstock !== 'geometric' && adstock !== 'weibull') throw new UsageError('--adstock must be auto, geometric or weibull');
  const saturation = o.string('saturation');
  if (saturation !== undefined && saturation !== 'auto' && saturation !== 'logistic' && saturation !== 'hill') throw new UsageError('--saturation must be auto, logistic or hill');
  const start = { kind: 'mmm' as const, projectId, adstock, saturation, holdout: o.integer('holdout-weeks') ?? o.integer('holdout'), seed: o.integer('seed'), bootstrap: o.integer('bootstrap') };
  const r = (await ctx.runJob(JSON.parse(JSON.stringify(start)))) as MmmResult;
  const plan = nextTest(r);
  const out = {
    metrics: { r2: r.metrics.r2, mape: r.metrics.mape, nrmse: r.metrics.nrmse, rssd: r.metrics.rssd },
    channels: r.channels.map((c) => ({
      name: c.name, adstock: c.adstock, saturation: c.saturation, beta: c.beta, contributionShare: c.contributionShare, roi: c.roi, mroi: c.mroi,
      contributionShareP10: c.contributionShareP10 ?? null, contributionShareP90: c.contributionShareP90 ?? null, roiP10: c.roiP10 ?? null, roiP90: c.roiP90 ?? null, mroiP10: c.mroiP10 ?? null, mroiP90: c.mroiP90 ?? null,
    })),
    verdict: r.verdict,
    // Lift tests that calibrated the fit (null when the project has none).
    calibration: r.calibration ?? null,
    // Where a lift test would teach most, for a 6-week holdout of all of a channel's spend.
    nextTest: plan,
    ms: r.ms,
  };
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  ctx.emit(out, [
    `Marketing-mix model on ${r.weeks.train} training weeks, scored on the last ${r.weeks.holdout} held out: R² ${r.metrics.r2.toFixed(3)}, MAPE ${pct(r.metrics.mape)}, NRMSE ${r.metrics.nrmse.toFixed(3)}, DECOMP.RSSD ${r.metrics.rssd.toFixed(3)}${r.metrics.coverage === null ? '' : `, P10–P90 covers ${pct(r.metrics.coverage)} of held-out weeks`} (${r.ms} ms).`,
    ...r.channels.map((c) => `  ${c.name}: ${pct(c.contributionShare)}${c.contributionShareP10 !== undefined ? ` (P10–P90 ${pct(c.contributionShareP10)}–${pct(c.contributionShareP90!)})` : ''} of media effect (${pct(c.spendShare)} of spend), ROI ${sig(c.roi)}${c.roiP10 !== undefined ? ` (${sig(c.roiP10)}–${sig(c.roiP90!)})` : ''}, marginal ROI ${sig(c.mroi)}${c.mroiP10 !== undefined ? ` (${sig(c.mroiP10)}–${sig(c.mroiP90!)})` : ''}; ${c.adstock.kind === 'geometric' ? `decay ${c.adstock.decay}` : `Weibull ${c.adstock.shape}/${c.adstock.scale}`}, ${c.saturation.kind === 'hill' ? `Hill ${c.saturation.shape}/${c.saturation.halfSaturation}` : `logistic λ ${c.saturation.lambda}`}`),
    ...r.dropped.map((d) => `  left out ${d.name}: ${d.reason}`),
    ...(r.calibration?.experiments ?? []).map((e) => `  lift test ${e.name} (${e.channel}, ${e.start} to ${e.end}): measured ${e.lift.toFixed(0)} ± ${e.standardError.toFixed(0)}, model ${e.model.toFixed(0)} (P10–P90 ${e.modelP10.toFixed(0)}–${e.modelP90.toFixed(0)}; ${e.uncalibrated.toFixed(0)} without the tests)${Math.abs(e.z) <= 1 ? '' : `, ${Math.abs(e.z).toFixed(1)} standard errors away`}`),
    ...(r.calibration ? [`  the tests narrowed the ROI intervals of the channels they measured by ${Object.entries(r.calibration.roiNarrowing).filter(([c]) => r.calibration!.experiments.some((e) => e.channel === c)).map(([c, v]) => `${c} ${pct(v)}`).join(', ')}`] : []),
    ...nextTestLines(plan),
    r.verdict.text,
  ].join('\n'));
  return EXIT.ok;
}

/**
 * `forecast campaign --project ID [--partners p1,p2]`: the campaign-level model on past
 * campaigns, printing {score: {mape, mae, r2}, baseline, coefficients: [{driver, level,
 * estimate, p10, p90}], predictions: [{partnerId, name, p10, p50, p90, outside}]} — for the
 * shortlist unless partners are named.
 */
async function campaignCommand(ctx: CliContext): Promise<number> {
  const o = ctx.opts(['project', 'partners']);
  const projectId = ctx.projectId(o.string('project'));
  const m = await ctx.call('forecast.campaign', { projectId, partners: o.list('partners') });
  const n = (x: number) => Math.round(x).toLocaleString('en');
  const out = {
    campaigns: m.campaigns.length,
    lambda: m.lambda,
    score: m.score,
    baseline: { driver: m.baseline.driver, intercept: m.baseline.intercept, slope: m.baseline.slope, score: m.baseline.score },
    coefficients: m.coefficients.map((c) => ({ driver: c.driver, level: c.level, estimate: c.estimate, p10: c.p10, p90: c.p90 })),
    predictions: m.predictions.map((p) => ({ partnerId: p.partnerId, name: p.name, type: p.type, p10: p.p10, p50: p.p50, p90: p.p90, baseline: p.baseline, outside: p.outside })),
    verdict: m.verdict,
  };
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  ctx.emit(out, [
    `Campaign-level model on ${m.campaigns.length} past campaigns: leave-one-out MAPE ${pct(m.score.mape)}, R² ${m.score.r2.toFixed(3)} (least-squares line on ${m.baseline.driver}: MAPE ${pct(m.baseline.score.mape)}, R² ${m.baseline.score.r2.toFixed(3)}).`,
    ...m.coefficients.map((c) => `  ${(c.level ? `${c.driver}=${c.level}` : c.driver).padEnd(28)} ${c.estimate.toPrecision(4).padStart(12)}  (P10 ${c.p10.toPrecision(3)}, P90 ${c.p90.toPrecision(3)})`),
    ...m.predictions.map((p) => `With ${p.name} (${p.partnerId}): ${n(p.p50)} (${n(p.p10)}–${n(p.p90)})${p.outside.length ? `; outside past campaigns: ${p.outside.join(', ')}` : ''}`),
    m.verdict.text,
  ].join('\n'));
  return EXIT.ok;
}

/**
 * `forecast allocate --project ID [--budget B | --target T] [--bounds channel=lo:hi,...]`:
 * the best weekly split under the project's latest fit (fitted first when there is none),
 * printing {budget, channels: [{name, spend, lower, upper, binding, mroi}], response,
 * currentResponse, explanation}.
 */
async function allocateCommand(ctx: CliContext, rest: string[]): Promise<number> {
  const o = ctx.opts(['project', 'budget', 'target', 'bounds']);
  const projectId = ctx.projectId(o.string('project'));
  const bounds: Record<string, [number, number]> = {};
  // DESIGN §2: `--bounds channel=lo:hi ...`, so further bounds may follow as plain arguments.
  for (const item of [...(o.list('bounds') ?? []), ...rest]) {
    const m = /^([^=]+)=([^:]+):(.+)$/.exec(item);
    const lo = Number(m?.[2]);
    const hi = Number(m?.[3]);
    if (!m || !Number.isFinite(lo) || !Number.isFinite(hi)) throw new UsageError(`--bounds: "${item}" is not channel=lower:upper`);
    bounds[m[1].trim()] = [lo, hi];
  }
  await ensureFit(ctx, projectId);
  const a = await ctx.call('forecast.allocate', { projectId, budget: o.number('budget'), target: o.number('target'), ...(Object.keys(bounds).length ? { bounds } : {}) });
  const out = { budget: a.budget, channels: a.channels.map((c) => ({ name: c.name, spend: c.spend, lower: c.lower, upper: c.upper, binding: c.binding, mroi: c.mroi })), response: a.response, currentResponse: a.currentResponse, explanation: a.explanation, plan: a.plan ?? null };
  ctx.emit(out, [
    `Weekly budget ${a.budget.toLocaleString('en')}:`,
    ...a.channels.map((c) => `  ${c.name.padEnd(14)} ${c.spend.toLocaleString('en').padStart(12)}  (today ${c.current.toLocaleString('en')}; bounds ${c.lower.toLocaleString('en')}–${c.upper.toLocaleString('en')}${c.binding ? `, at its ${c.binding} bound` : ''}) marginal ROI ${c.mroi.toPrecision(3)}`),
    a.explanation,
    ...(a.plan ? [planLine(a.plan, a.budget)] : []),
  ].join('\n'));
  return EXIT.ok;
}

/** Where the weekly budget came from, and what it totals over the campaign. */
function planLine(plan: NonNullable<Allocation['plan']>, weekly: number): string {
  const from = { project: "the project's budget over its campaign weeks", history: "today's average week (the project sets no budget)", request: 'as given' }[plan.budgetFrom];
  const over = plan.overBudget === null ? '' : `; ${plan.overBudget.toLocaleString('en')} over the project's budget`;
  return `Weekly budget ${weekly.toLocaleString('en')} (${from}) × ${plan.weeks} weeks from ${plan.start} = ${plan.total.toLocaleString('en')}${over}.`;
}

/** The latest fit, fitted first when the project has none. */
async function ensureFit(ctx: CliContext, projectId: number): Promise<void> {
  const { fit } = await ctx.call('forecast.latest', { projectId });
  if (!fit) await ctx.runJob({ kind: 'mmm', projectId });
}

/**
 * `forecast scenario --project ID --plan FILE.csv`: a CSV with a week column (ISO dates of
 * consecutive weeks after the history) and one column of weekly spend per channel
 * (`douyin` or `spend.douyin`); prints {weeks: [{week, p10, p50, p90}], total, contributions}.
 */
async function scenarioCommand(ctx: CliContext): Promise<number> {
  const o = ctx.opts(['project', 'plan']);
  const projectId = ctx.projectId(o.string('project'));
  const file = o.string('plan');
  if (!file) throw new UsageError('--plan FILE.csv is required');
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(file), 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new UsageError(`--plan: cannot read ${file}: ${(e as Error).message}`);
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const sep = [',', ';', '\t'].sort((a, b) => lines[0].split(b).length - lines[0].split(a).length)[0];
  const header = lines[0].split(sep).map((h) => h.trim().replace(/^"|"$/g, ''));
  if (header.length < 2 || !/^(week|period|date|周|日期)$/i.test(header[0])) throw new UsageError(`--plan: the first column must be week (ISO dates), then one column per channel; found "${header.join(sep)}"`);
  const rows = lines.slice(1).map((l) => l.split(sep).map((c) => c.trim().replace(/^"|"$/g, '')));
  const plan = {
    weeks: rows.map((r) => r[0]),
    spend: Object.fromEntries(header.slice(1).map((h, j) => [h.replace(/^spend\./, ''), rows.map((r) => (r[j + 1] === '' || r[j + 1] === undefined ? 0 : Number(r[j + 1].replace(/[,_\s]/g, ''))))])),
  };
  await ensureFit(ctx, projectId);
  const r = await ctx.call('forecast.scenario', { projectId, plan });
  const out = { weeks: r.weeks.map((w) => ({ week: w.week, p10: w.p10, p50: w.p50, p90: w.p90 })), total: r.total, contributions: r.contributions };
  ctx.emit(out, [
    'week         P10          P50          P90',
    ...r.weeks.map((w) => `${w.week}  ${w.p10.toFixed(0).padStart(11)}  ${w.p50.toFixed(0).padStart(11)}  ${w.p90.toFixed(0).padStart(11)}`),
    `total       ${r.total.p10.toFixed(0).padStart(11)}  ${r.total.p50.toFixed(0).padStart(11)}  ${r.total.p90.toFixed(0).padStart(11)}`,
  ].join('\n'));
  return EXIT.ok;
}

/** The next test in words: the channel it is worth most on, what it would detect and how much it would narrow the ROI. */
function nextTestLines(plan: NextTest): string[] {
  const best = plan.channels[0];
  if (!best) return [];
  const { weeks, size } = plan.design;
  const test = `a ${weeks}-week test ${size >= 1 ? 'holding out all' : `changing ${Math.round(size * 100)}% of`} its spend`;
  const seen = best.mdeShare !== null && best.mdeShare <= 1 ? `would detect an effect of ${best.mde.toFixed(0)} or more (${(100 * best.mdeShare).toFixed(0)}% of the ${best.expectedLift.toFixed(0)} the model expects)` : `could not detect the ${best.expectedLift.toFixed(0)} the model expects (it needs ${best.mde.toFixed(0)}): run it longer or larger`;
  return [`  next test: ${best.name} (ROI ${sig(best.roiP10)}–${sig(best.roiP90)}, ${best.atStake.toFixed(0)} a week at stake); ${test} ${seen}, narrowing its ROI interval by ${(100 * best.narrowing).toFixed(0)}%`];
}

/** Three significant digits: an ROI can be 0.0153 (outcome per yuan) or 4.2. */
const sig = (v: number) => String(Number(v.toPrecision(3)));
