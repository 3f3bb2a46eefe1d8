import type { Assigner } from './assign';
import type { FeatureMatrix } from './features';
import { kmeans, KMeansInputError, type KMeansResult } from './kmeans';
import { sampleIndexes, silhouette } from './silhouette';

/**
 * Segmentation on a feature matrix: k chosen by the silhouette over a range on a sample of
 * the audience (each k fitted on the sample, scored on a smaller one), unless the strategist
 * fixed k; then the chosen k fitted on everyone with restarts, and its silhouette reported.
 */
export interface SegmentSettings {
  k?: number;
  kMin?: number;
  kMax?: number;
  seed?: number;
  restarts?: number;
  maxIter?: number;
  tol?: number;
  /** Rows used to choose k (the full fit uses all). */
  kSample?: number;
}

export interface SegmentOutcome {
  k: number;
  fit: KMeansResult;
  silhouette: number;
  /** The curve the choice was made on (empty when k was fixed). */
  silhouetteByK: { k: number; silhouette: number }[];
}

export async function segment(
  m: FeatureMatrix,
  engine: Assigner,
  s: SegmentSettings,
  onProgress: (fraction: number, step: string) => void = () => {},
): Promise<SegmentOutcome> {
  if (m.n === 0) throw new KMeansInputError('the audience has no users');
  if (m.d === 0) throw new KMeansInputError('no usable numeric feature (all constant or missing)');
  const seed = s.seed ?? 0;
  const silhouetteByK: SegmentOutcome['silhouetteByK'] = [];
  let k = s.k ?? 0;
  if (s.k !== undefined) {
    if (s.k > m.n) throw new KMeansInputError(`k (${s.k}) is larger than the number of users (${m.n})`);
  } else if (m.n < 3) {
    k = 1;
  } else {
    const lo = Math.max(2, s.kMin ?? 2);
    const hi = Math.min(s.kMax ?? 10, m.n - 1);
    if (lo > hi) throw new KMeansInputError(`k from ${lo} to ${s.kMax ?? 10} cannot be tried on ${m.n} users`);
    const idx = sampleIndexes(m.n, Math.min(m.n, s.kSample ?? 20_000), seed);
    const XS = new Float32Array(idx.length * m.d);
    idx.forEach((i, p) => XS.set(m.X.subarray(i * m.d, (i + 1) * m.d), p * m.d));
    let best = -Infinity;
    for (let kk = lo; kk <= hi; kk++) {
      onProgress((0.5 * (kk - lo)) / (hi - lo + 1), 'job.segment.choosingK');
      const fit = await kmeans(XS, idx.length, m.d, engine, { k: kk, seed, restarts: Math.min(2, s.restarts ?? 3), maxIter: s.maxIter, tol: s.tol });
      const score = silhouette(XS, idx.length, m.d, fit.labels, kk, 2000, seed);
      silhouetteByK.push({ k: kk, silhouette: Math.round(score * 10000) / 10000 });
      if (score > best) {
        best = score;
        k = kk;
      }
    }
  }
  onProgress(0.5, 'job.segment.fitting');
  const fit = await kmeans(m.X, m.n, m.d, engine, {
    k,
    seed,
    restarts: s.restarts ?? 3,
    maxIter: s.maxIter,
    tol: s.tol,
    onIteration: (r, it) => onProgress(0.5 + 0.45 * Math.min(1, (r + it / (s.maxIter ?? 300)) / (s.restarts ?? 3)), 'job.segment.fitting'),
  });
  const score = k >= 2 ? silhouette(m.X, m.n, m.d, fit.labels, k, 3000, seed) : 0;
  return { k, fit, silhouette: Math.round(score * 10000) / 10000, silhouetteByK };
}
