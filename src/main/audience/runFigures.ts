import { describeSegment, distinctNames } from '../ml/personas';
import type { FeatureMatrix } from '../ml/features';
import { pca2 } from '../ml/pca';
import { sampleIndexes } from '../ml/silhouette';
import type { SegmentPersona, SegmentRun } from '../../shared/segments';

/** What a run shows besides its labels: each segment as a persona, and the 2-D map. */
export function personas(
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
  // Persona names must tell the segments apart (the name field follows the English one).
  return distinctNames(out).map((p) => ({ ...p, name: p.nameEn }));
}

/** Up to 20,000 users (a seeded sample) on the first two principal components. */
export function pcaMap(m: FeatureMatrix, labels: Int32Array, seed: number): SegmentRun['map'] {
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
