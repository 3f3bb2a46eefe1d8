import path from 'node:path';
import { ENGINE_NAMES, type SegmentRun, type SegmentSettingsInput } from '../../shared/segments';
import { UsageError } from './args';
import type { CliContext } from './dataCommands';
import { EXIT } from './exit';

/**
 * `segment`: prints {k, engine, iterations, inertia, silhouette, ms, segments: [{id, name,
 * size, share, distinguishing}]} (DESIGN §2); `--assignments OUT.csv` writes user_id,segment.
 */
export async function segmentCommand(ctx: CliContext, positionals: string[]): Promise<number> {
  const o = ctx.opts(['project', 'k', 'k-min', 'k-max', 'features', 'seed', 'restarts', 'max-iter', 'engine', 'assignments']);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const projectId = ctx.projectId(o.string('project'));
  const engine = o.string('engine');
  if (engine !== undefined && !(ENGINE_NAMES as readonly string[]).includes(engine)) throw new UsageError(`--engine must be one of ${ENGINE_NAMES.join(', ')}`);
  const settings: SegmentSettingsInput = {};
  const set = <K extends keyof SegmentSettingsInput>(key: K, value: SegmentSettingsInput[K] | undefined) => {
    if (value !== undefined) settings[key] = value;
  };
  set('k', o.integer('k'));
  set('kMin', o.integer('k-min'));
  set('kMax', o.integer('k-max'));
  set('features', o.list('features'));
  set('seed', o.integer('seed'));
  set('restarts', o.integer('restarts'));
  set('maxIter', o.integer('max-iter'));
  set('engine', engine as SegmentSettingsInput['engine']);
  const assignments = o.string('assignments');
  const run = (await ctx.runJob({
    kind: 'segment',
    projectId,
    settings,
    ...(assignments ? { assignmentsPath: path.resolve(assignments) } : {}),
  })) as SegmentRun;
  const out = {
    k: run.k,
    engine: run.engine,
    iterations: run.iterations,
    inertia: run.inertia,
    silhouette: run.silhouette,
    ms: run.ms,
    segments: run.segments.map((s) => ({ id: s.id, name: s.nameEn, size: s.size, share: s.share, distinguishing: s.distinguishing.map((d) => d.en) })),
  };
  const lines = [
    `Segmented ${run.users.toLocaleString('en')} users into ${run.k} segments on ${run.backend} in ${run.ms} ms (silhouette ${run.silhouette}, inertia ${run.inertia}, ${run.iterations} ${run.algorithm === 'minibatch' ? 'mini-batches' : 'iterations'}; run ${run.id}).`,
    ...run.segments.map((s) => `  ${String(s.id).padStart(2)}  ${(s.share * 100).toFixed(1).padStart(5)}%  ${s.size.toLocaleString('en').padStart(9)}  ${s.nameEn}`),
    ...(run.dropped.length ? [`Left out: ${run.dropped.map((d) => `${d.name} (${d.reason})`).join(', ')}`] : []),
    ...(assignments ? [`Wrote every user's segment to ${path.resolve(assignments)}.`] : []),
  ];
  ctx.emit(out, lines.join('\n'));
  return EXIT.ok;
}
