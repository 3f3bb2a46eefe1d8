import { FACTORS, type Factor, PRESETS, type Preset } from '../../shared/partners';
import { UsageError } from './args';
import type { CliContext } from './dataCommands';
import { EXIT } from './exit';

/**
 * `partners rank --project ID [--preset awareness|engagement|conversion] [--weights
 * factor=w,...] [--top N]` prints {partners: [{id, name, score, factors, conflicts,
 * reason}]}; `partners portfolio --project ID --budget B [--max N]` prints {selected,
 * totalScore, totalFee, excluded: [{id, why}]} (DESIGN §2).
 */
export async function partnersCommand(ctx: CliContext, sub: string | undefined, rest: string[]): Promise<number> {
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (sub === 'rank') {
    const o = ctx.opts(['project', 'preset', 'weights', 'top']);
    const projectId = ctx.projectId(o.string('project'));
    const ranking = await ctx.call('partners.rank', { projectId, preset: preset(o.string('preset')), weights: weights(o.list('weights')), top: o.integer('top') });
    const partners = ranking.partners.map((p) => ({ id: p.id, name: p.name, score: p.score, factors: p.factors, conflicts: p.conflicts, reason: p.reason.en }));
    ctx.emit({ partners }, [
      `Partners by score (${ranking.segments.names.length ? `audience fit against ${ranking.segments.names.length} segments of run ${ranking.segments.run}` : 'no segmentation run: audience fit not measured'}):`,
      ...ranking.partners.map((p, i) => `${String(i + 1).padStart(4)}  ${p.score.toFixed(3)}  ${p.id}  ${p.name}${p.conflicts.length ? `  [${p.conflicts.join(', ')}]` : ''}\n        ${p.reason.en}`),
    ].join('\n'));
    return EXIT.ok;
  }
  if (sub === 'portfolio') {
    const o = ctx.opts(['project', 'budget', 'max', 'preset']);
    const projectId = ctx.projectId(o.string('project'));
    const budget = o.number('budget');
    if (budget === undefined) throw new UsageError('--budget is required');
    const r = await ctx.call('partners.portfolio', { projectId, budget, max: o.integer('max'), preset: preset(o.string('preset')) });
    const out = { selected: r.selected, totalScore: Math.round(r.totalScore * 10000) / 10000, totalFee: r.totalFee, excluded: r.excluded.map((x) => ({ id: x.id, why: x.why })) };
    const name = new Map(r.ranking.partners.map((p) => [p.id, p.name]));
    ctx.emit(out, [
      r.selected.length ? `Best set within ${budget.toLocaleString('en')}: ${r.selected.map((id) => `${id} ${name.get(id)}`).join(', ')} (score ${out.totalScore}, fees ${r.totalFee.toLocaleString('en')}).` : `No partner fits a budget of ${budget.toLocaleString('en')}.`,
      ...r.excluded.map((x) => `  left out ${x.id} ${name.get(x.id) ?? ''}: ${x.why}${x.with ? ` (with ${x.with})` : ''}`),
    ].join('\n'));
    return EXIT.ok;
  }
  throw new UsageError(sub ? `unknown partners command "${sub}"` : 'partners needs a command: rank or portfolio');
}

function preset(p: string | undefined): Preset | undefined {
  if (p === undefined) return undefined;
  if (!(PRESETS as readonly string[]).includes(p)) throw new UsageError(`--preset must be one of ${PRESETS.join(', ')}`);
  return p as Preset;
}

function weights(pairs: string[] | undefined): Partial<Record<Factor | 'risk', number>> | undefined {
  if (!pairs) return undefined;
  const out: Partial<Record<Factor | 'risk', number>> = {};
  for (const pair of pairs) {
    const [k, v] = pair.split('=');
    if (!([...FACTORS, 'risk'] as string[]).includes(k)) throw new UsageError(`--weights: "${k}" is not a factor (${[...FACTORS, 'risk'].join(', ')})`);
    const n = Number(v);
    if (v === undefined || v.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--weights: ${k} needs a number of zero or more`);
    out[k as Factor] = n;
  }
  return out;
}
