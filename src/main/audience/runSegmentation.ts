import type { Db } from '../db/connection';
import { DatasetsRepo } from '../db/datasetsRepo';
import { engineFor } from '../ml/engines';
import { buildFeatureMatrix, keptBlocks } from '../ml/features';
import { segment } from '../ml/segmentation';
import { KMeansInputError } from '../ml/kmeans';
import type { SegmentRun, SegmentSettingsInput } from '../../shared/segments';
import { DomainError } from '../../shared/result';
import { writeAssignments } from './assignments';
import { pcaMap, personas } from './runFigures';
import { RunsRepo } from './runsRepo';

export interface SegmentationOptions {
  onProgress?: (fraction: number, step: string) => void;
  now?: () => Date;
  /** Also write `user_id,segment` for every user to this CSV. */
  assignmentsPath?: string;
}

/**
 * Segments a project's audience and keeps the run: features chosen (all numeric ones by
 * default), the matrix transformed, k chosen or fixed, k-means on the engine, personas
 * described, the run and every user's segment stored.
 */
export async function runSegmentation(db: Db, projectId: number, settings: SegmentSettingsInput, opts: SegmentationOptions = {}): Promise<SegmentRun> {
  const started = performance.now();
  const progress = opts.onProgress ?? (() => {});
  progress(0.02, 'job.segment.loading');
  const datasets = new DatasetsRepo(db);
  const layout = datasets.layout(projectId);
  const n = datasets.count(projectId, 'audience');
  if (n === 0) throw new DomainError('refused', 'The project has no audience to segment: import one first.');
  const names = settings.features ?? layout.features;
  const unknown = names.filter((f) => !layout.features.includes(f));
  if (unknown.length) {
    throw new DomainError('invalid_input', `The audience has no numeric feature ${unknown.map((f) => `"${f}"`).join(', ')} (it has: ${layout.features.join(', ')}).`);
  }
  // Only the columns the run uses: its features (streamed a chunk of users at a time, never whole),
  // the attributes personas describe, ids when written out. The engine's sessions load on
  // onnxruntime's own threads while this one reads the columns.
  const starting = engineFor(settings.engine);
  const blocks = keptBlocks(() => datasets.audienceFeatureBlocks(projectId, names), n * names.length * 8);
  // The features are read in passes (matrix, then personas): an import landing in between must not mix two audiences.
  const version = datasets.audienceVersion(projectId, names);
  let data: ReturnType<DatasetsRepo['audienceColumns']>;
  let matrix: ReturnType<typeof buildFeatureMatrix>;
  try {
    matrix = buildFeatureMatrix(names, blocks, n);
    data = datasets.audienceColumns(projectId, true, { features: [], ids: !!opts.assignmentsPath });
  } catch (e) {
    void starting.then((engine) => engine.assigner.dispose()).catch(() => {});
    throw e;
  }
  const { assigner, backend } = await starting;
  try {
    const outcome = await segment(matrix, assigner, settings, (f, step) => progress(0.05 + 0.85 * f, step)).catch((e: unknown) => {
      if (e instanceof KMeansInputError) throw new DomainError('invalid_input', `Segmentation cannot run: ${e.message}.`);
      throw e;
    });
    progress(0.92, 'job.segment.describing');
    const segments = personas(matrix, outcome.fit.centers, outcome.fit.labels, outcome.k, { names, blocks }, data);
    if (datasets.audienceVersion(projectId, names) !== version) {
      throw new DomainError('refused', 'The audience changed while it was being segmented (an import ran): segment it again.');
    }
    const run: Omit<SegmentRun, 'id' | 'chosen'> = {
      projectId,
      createdAt: (opts.now ?? (() => new Date()))().toISOString(),
      name: '',
      engine: assigner.engine,
      backend,
      users: n,
      k: outcome.k,
      silhouette: outcome.silhouette,
      inertia: Math.round(outcome.fit.inertia * 1000) / 1000,
      iterations: outcome.fit.iterations,
      algorithm: outcome.fit.algorithm,
      ms: Math.round(performance.now() - started),
      settings: { ...settings, features: names },
      features: matrix.transforms.map((t) => ({ name: t.name, log1p: t.log1p, missing: t.missing })),
      dropped: matrix.dropped,
      silhouetteByK: outcome.silhouetteByK,
      kRule: outcome.rule,
      segments,
      map: pcaMap(matrix, outcome.fit.labels, settings.seed ?? 0),
    };
    const { id, chosen } = new RunsRepo(db).insert(run, outcome.fit.labels);
    if (opts.assignmentsPath) writeAssignments(opts.assignmentsPath, data.userIds, outcome.fit.labels);
    progress(1, 'job.segment.done');
    return { ...run, id, chosen };
  } finally {
    await assigner.dispose();
  }
}
