import path from 'node:path';
import type { RecommendResult } from '../../shared/targeting';
import { describeSettings } from '../../shared/targetingText';
import { translate } from '../../shared/i18n';
import { UsageError } from './args';
import type { CliContext } from './dataCommands';
import { EXIT } from './exit';

/**
 * `recommend --project ID [--top K] --out FILE.tsv`: every user's top-K unseen items
 * (TSV user_id, item_id, rank, score), with the search's candidates and the chosen model's
 * held-out quality beside most-popular and item-kNN; `--factors` narrows the search to ALS
 * with those factors, `--iterations` fixes ALS's iterations, `--seed` the splits.
 */
export async function recommendCommand(ctx: CliContext, positionals: string[]): Promise<number> {
  const o = ctx.opts(['project', 'top', 'out', 'factors', 'iterations', 'seed']);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const projectId = ctx.projectId(o.string('project'));
  const out = o.string('out');
  if (!out) throw new UsageError('--out FILE.tsv is required');
  const start = { kind: 'recommend' as const, projectId, outPath: path.resolve(out) };
  const extra: Record<string, number> = {};
  for (const [flag, key] of [['top', 'top'], ['factors', 'factors'], ['iterations', 'iterations'], ['seed', 'seed']] as const) {
    const v = o.integer(flag);
    if (v !== undefined) extra[key] = v;
  }
  const r = (await ctx.runJob({ ...start, ...extra })) as RecommendResult;
  const q = (x: RecommendResult['quality']['model']) => `precision ${x.precision.toFixed(3)}, recall ${x.recall.toFixed(3)}, nDCG ${x.ndcg.toFixed(3)}`;
  ctx.emit(r, [
    `Wrote ${r.written.toLocaleString('en')} recommendations for ${r.users.toLocaleString('en')} users (${r.items.toLocaleString('en')} items; ${describeSettings(r.settings)}, scored on ${r.engine}) to ${r.path} in ${r.ms} ms.`,
    `Chosen on a validation split of the training part (${r.search.users.toLocaleString('en')} users), the best of ${r.search.candidates.length} candidates: ${bestOfEach(r).join('; ')}.`,
    `Held-out @10 over ${r.quality.users.toLocaleString('en')} users — chosen model: ${q(r.quality.model)}; most popular: ${q(r.quality.popular)}${r.quality.itemKnn ? `; item-kNN: ${q(r.quality.itemKnn)}` : ''}.`,
    ...(r.unknownItems ? [`Left out ${r.unknownItems.toLocaleString('en')} interactions naming items the catalog does not hold.`] : []),
    r.verdict.text,
  ].join('\n'));
  return EXIT.ok;
}

/** Each model family's best validation nDCG@10, best family first. */
function bestOfEach(r: RecommendResult): string[] {
  const seen = new Set<string>();
  return r.search.candidates.flatMap((c) => {
    if (seen.has(c.settings.model)) return [];
    seen.add(c.settings.model);
    return [`${translate('en', `targeting.model.${c.settings.model}`)} ${c.ndcg.toFixed(3)}`];
  });
}
