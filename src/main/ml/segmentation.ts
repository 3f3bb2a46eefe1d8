import type { Assigner } from './assign';
import type { FeatureMatrix } from './features';
import { kmeans, KMeansInputError, type KMeansResult } from './kmeans';
import { chooseK, type KScore, USEFUL_K } from './kChoice';
import { silhouetteOn } from './silhouette';

/**
 * Segmentation on a feature matrix: k chosen for stability over a range (3–8 unless the
 * strategist sets one; see kChoice.ts) on samples of the audience, unless the strategist
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
  /** The scores the choice was made on, per k (empty when k was fixed). */
  silhouetteByK: KScore[];
  /** How k was chosen: fixed by the strategist, the largest stable k, or the most stable when none is. */
  rule: 'fixed' | 'stable' | 'mostStable';
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
  let rule: SegmentOutcome['rule'] = 'fixed';
  if (s.k !== undefined) {
    if (s.k > m.n) throw new KMeansInputError(`k (${s.k}) is larger than the number of users (${m.n})`);
  } else if (m.n < 3) {
    k = 1;
  } else {
    const lo = Math.max(2, s.kMin ?? USEFUL_K[0]);
    const hi = Math.min(s.kMax ?? USEFUL_K[1], m.n - 1);
    if (lo > hi) throw new KMeansInputError(`k from ${lo} to ${s.kMax ?? USEFUL_K[1]} cannot be tried on ${m.n} users`);
    const choice = await chooseK(m.X, m.n, m.d, engine, [lo, hi], { seed, sample: s.kSample, maxIter: s.maxIter, tol: s.tol, onProgress: (f) => onProgress(0.5 * f, 'job.segment.choosingK') });
    k = choice.k;
    rule = choice.rule;
    silhouetteByK.push(...choice.scores);
  }
  onProgress(0.5, 'job.segment.fitting');
  const fit = await kmeans(m.X, m.n, m.d, engine, {
    k,
    seed,
    restarts: s.restarts ?? 3,
    norms: m,
    maxIter: s.maxIter,
    tol: s.tol,
    onIteration: (r, it) => onProgress(0.5 + 0.45 * Math.min(1, (r + it / (s.maxIter ?? 300)) / (s.restarts ?? 3)), 'job.segment.fitting'),
  });
  const score = k >= 2 ? await silhouetteOn(engine, m.X, m.n, m.d, fit.labels, k, 3000, seed) : 0;
  return { k, fit, silhouette: Math.round(score * 10000) / 10000, silhouetteByK, rule };
}
