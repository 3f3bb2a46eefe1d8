import type { MmmResult } from '../../shared/forecast';
import { UsageError } from './args';
import type { CliContext } from './dataCommands';
import { EXIT } from './exit';

/**
 * `forecast mmm --project ID [--adstock geometric|weibull] [--saturation auto|logistic|hill]
 * [--holdout WEEKS] [--seed S] [--bootstrap B]` fits the marketing-mix model on the
 * project's campaign periods and prints {metrics: {r2, mape, nrmse, rssd}, channels: [{name,
 * adstock, saturation, beta, contributionShare, roi, mroi}], ms} (DESIGN §2). The allocator
 * and scenarios come with their release.
 */
export async function forecastCommand(ctx: CliContext, sub: string | undefined, rest: string[]): Promise<number> {
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (sub === 'allocate' || sub === 'scenario') {
    ctx.io.err(`tandem: "forecast ${sub}" is not available in this version of Tandem yet.`);
    return EXIT.failure;
  }
  if (sub !== 'mmm') throw new UsageError(sub ? `unknown forecast command "${sub}"` : 'forecast needs a command: mmm');
  const o = ctx.opts(['project', 'adstock', 'saturation', 'holdout', 'seed', 'bootstrap']);
  const projectId = ctx.projectId(o.string('project'));
  const adstock = o.string('adstock');
  if (adstock !== undefined && adstock !== 'geometric' && adstock !== 'weibull') throw new UsageError('--adstock must be geometric or weibull');
  const saturation = o.string('saturation');
  if (saturation !== undefined && saturation !== 'auto' && saturation !== 'logistic' && saturation !== 'hill') throw new UsageError('--saturation must be auto, logistic or hill');
  const start = { kind: 'mmm' as const, projectId, adstock, saturation, holdout: o.integer('holdout'), seed: o.integer('seed'), bootstrap: o.integer('bootstrap') };
  const r = (await ctx.runJob(JSON.parse(JSON.stringify(start)))) as MmmResult;
  const out = {
    metrics: { r2: r.metrics.r2, mape: r.metrics.mape, nrmse: r.metrics.nrmse, rssd: r.metrics.rssd },
    channels: r.channels.map((c) => ({ name: c.name, adstock: c.adstock, saturation: c.saturation, beta: c.beta, contributionShare: c.contributionShare, roi: c.roi, mroi: c.mroi })),
    ms: r.ms,
  };
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  ctx.emit(out, [
    `Marketing-mix model on ${r.weeks.train} training weeks, scored on the last ${r.weeks.holdout} held out: R² ${r.metrics.r2.toFixed(3)}, MAPE ${pct(r.metrics.mape)}, NRMSE ${r.metrics.nrmse.toFixed(3)}, DECOMP.RSSD ${r.metrics.rssd.toFixed(3)}${r.metrics.coverage === null ? '' : `, P10–P90 covers ${pct(r.metrics.coverage)} of held-out weeks`} (${r.ms} ms).`,
    ...r.channels.map((c) => `  ${c.name}: ${pct(c.contributionShare)} of media effect (${pct(c.spendShare)} of spend), ROI ${c.roi.toFixed(2)}, marginal ROI ${c.mroi.toFixed(2)}; ${c.adstock.kind === 'geometric' ? `decay ${c.adstock.decay}` : `Weibull ${c.adstock.shape}/${c.adstock.scale}`}, ${c.saturation.kind === 'hill' ? `Hill ${c.saturation.shape}/${c.saturation.halfSaturation}` : `logistic λ ${c.saturation.lambda}`}`),
    ...r.dropped.map((d) => `  left out ${d.name}: ${d.reason}`),
  ].join('\n'));
  return EXIT.ok;
}
