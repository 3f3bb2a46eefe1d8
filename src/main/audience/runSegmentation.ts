import type { Db } from '../db/connection';
import { DatasetsRepo } from '../db/datasetsRepo';
import { openTableWriter } from '../data/tableWriter';
import { type Assigner, jsAssigner, loadTfjs, onnxAssigner, tfjsAssigner } from '../ml/assign';
import { buildFeatureMatrix, type FeatureMatrix } from '../ml/features';
import { describeSegment } from '../ml/personas';
import { pca2 } from '../ml/pca';
import { segment } from '../ml/segmentation';
import { sampleIndexes } from '../ml/silhouette';
import { KMeansInputError } from '../ml/kmeans';
import type { EngineChoice, SegmentPersona, SegmentRun, SegmentSettingsInput } from '../../shared/segments';
import { DomainError } from '../../shared/result';
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
  const data = new DatasetsRepo(db).audienceColumns(projectId, true);
  const n = data.userIds.length;
  if (n === 0) throw new DomainError('refused', 'The project has no audience to segment: import one first.');
  const names = settings.features ?? data.layout.features;
  const unknown = names.filter((f) => !data.layout.features.includes(f));
  if (unknown.length) {
    throw new DomainError('invalid_input', `The audience has no numeric feature ${unknown.map((f) => `"${f}"`).join(', ')} (it has: ${data.layout.features.join(', ')}).`);
  }
  const raw = names.map((f) => data.features[data.layout.features.indexOf(f)]);
  const matrix = buildFeatureMatrix(names, raw, n);
  const { assigner, backend } = await engineFor(settings.engine ?? 'onnx');
  try {
    const outcome = await segment(matrix, assigner, settings, (f, step) => progress(0.05 + 0.85 * f, step)).catch((e: unknown) => {
      if (e instanceof KMeansInputError) throw new DomainError('invalid_input', `Segmentation cannot run: ${e.message}.`);
      throw e;
    });
    progress(0.92, 'job.segment.describing');
    const rawByName = new Map(names.map((name, j) => [name, raw[j]]));
    const segments = personas(matrix, outcome.fit.centers, outcome.fit.labels, outcome.k, rawByName, data);
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
      ms: Math.round(performance.now() - started),
      settings: { ...settings, features: names },
      features: matrix.transforms.map((t) => ({ name: t.name, log1p: t.log1p, missing: t.missing })),
      dropped: matrix.dropped,
      silhouetteByK: outcome.silhouetteByK,
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

/** The engine asked for; ONNX falls back to plain JS (and says so) where onnxruntime cannot load. */
export async function engineFor(choice: EngineChoice): Promise<{ assigner: Assigner; backend: string }> {
  if (choice === 'js') return { assigner: jsAssigner(), backend: 'js' };
  if (choice === 'tfjs') {
    const t = await loadTfjs();
    return { assigner: await tfjsAssigner(), backend: `tfjs ${t.backend}${t.simd ? '+simd' : ''}` };
  }
  try {
    return { assigner: await onnxAssigner(['cpu']), backend: 'onnxruntime cpu' };
  } catch (e) {
    return { assigner: jsAssigner(), backend: `js (onnxruntime unavailable: ${(e as Error).message})` };
  }
}

function personas(
  matrix: FeatureMatrix,
  centers: Float32Array,
  labels: Int32Array,
  k: number,
  raw: Map<string, Float64Array>,
  data: { layout: { attributes: string[] }; attributes: (string | null)[][] },
): SegmentPersona[] {
  const n = labels.length;
  const d = matrix.d;
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[labels[i]]++;
  const out: SegmentPersona[] = [];
  for (let j = 0; j < k; j++) {
    const centre = centers.subarray(j * d, (j + 1) * d);
    const text = describeSegment(centre, matrix);
    const means: Record<string, number> = {};
    const profile: Record<string, number> = {};
    matrix.transforms.forEach(({ name }, t) => {
      const column = raw.get(name)!;
      let s = 0;
      let c = 0;
      for (let i = 0; i < n; i++) {
        if (labels[i] !== j || Number.isNaN(column[i])) continue;
        s += column[i];
        c++;
      }
      means[name] = c ? Math.round((s / c) * 100) / 100 : 0;
      profile[name] = Math.round(centre[t] * 1000) / 1000;
    });
    const attributes: SegmentPersona['attributes'] = {};
    data.layout.attributes.forEach((attr, a) => {
      const counts = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const v = data.attributes[a]?.[i];
        if (labels[i] === j && v) counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      attributes[attr] = [...counts.entries()]
        .sort((x, y) => y[1] - x[1])
        .slice(0, 6)
        .map(([value, count]) => ({ value, share: Math.round((count / Math.max(1, sizes[j])) * 1000) / 1000 }));
    });
    out.push({
      id: j,
      name: text.nameEn,
      nameEn: text.nameEn,
      nameZh: text.nameZh,
      size: sizes[j],
      share: Math.round((sizes[j] / n) * 10000) / 10000,
      means,
      profile,
      distinguishing: text.distinguishing,
      attributes,
    });
  }
  return out;
}

/** Up to 20,000 users (a seeded sample) on the first two principal components. */
function pcaMap(m: FeatureMatrix, labels: Int32Array, seed: number): SegmentRun['map'] {
  const idx = sampleIndexes(m.n, Math.min(m.n, 20_000), seed);
  const XS = new Float32Array(idx.length * m.d);
  idx.forEach((i, p) => XS.set(m.X.subarray(i * m.d, (i + 1) * m.d), p * m.d));
  const { components, explained, mean } = pca2(XS, idx.length, m.d, seed);
  const project = (c: Float64Array | undefined, p: number) => {
    if (!c) return 0;
    let s = 0;
    for (let t = 0; t < m.d; t++) s += (XS[p * m.d + t] - mean[t]) * c[t];
    return Math.round(s * 1000) / 1000;
  };
  return {
    x: Array.from(idx, (_, p) => project(components[0], p)),
    y: Array.from(idx, (_, p) => project(components[1], p)),
    segment: Array.from(idx, (i) => labels[i]),
    explained: explained.map((e) => Math.round(e * 1000) / 1000),
  };
}

function writeAssignments(file: string, userIds: string[], labels: Int32Array): void {
  const writer = openTableWriter(file, 'segments');
  try {
    writer.writeRow(['user_id', 'segment']);
    for (let i = 0; i < userIds.length; i++) writer.writeRow([userIds[i], labels[i]]);
    writer.close();
  } catch (e) {
    writer.abort();
    throw e;
  }
}
