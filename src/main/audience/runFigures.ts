import { describeSegment, distinctNames } from '../ml/personas';
import type { AttributeColumn } from '../db/audienceStore';
import type { FeatureBlocks, FeatureMatrix } from '../ml/features';
import { pca2 } from '../ml/pca';
import { sampleIndexes } from '../ml/silhouette';
import type { SegmentPersona, SegmentRun } from '../../shared/segments';

/** What a run shows besides its labels: each segment as a persona, and the 2-D map. */
export function personas(
  matrix: FeatureMatrix,
  centers: Float32Array,
  labels: Int32Array,
  k: number,
  raw: { names: string[]; blocks: FeatureBlocks },
  data: { layout: { attributes: string[] }; attributes: AttributeColumn[] },
): SegmentPersona[] {
  const n = labels.length;
  const d = matrix.d;
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[labels[i]]++;
  const means = meansBySegment(matrix, labels, k, sizes, raw);
  // A column with a value per person (a phone number, a union id) describes no one and must not
  // be printed on a persona card: it is an identifier, kept for overlap sketches only.
  const identifying = (column: AttributeColumn | undefined) => !!column && column.values.length >= Math.max(50, 0.5 * n);
  const tops = data.layout.attributes.map((_, a) => (identifying(data.attributes[a]) ? null : topValues(data.attributes[a], labels, k, sizes)));
  const out: SegmentPersona[] = [];
  for (let j = 0; j < k; j++) {
    const centre = centers.subarray(j * d, (j + 1) * d);
    const text = describeSegment(centre, matrix);
    const segmentMeans: Record<string, number> = {};
    const profile: Record<string, number> = {};
    matrix.transforms.forEach(({ name }, t) => {
      segmentMeans[name] = means[t][j];
      profile[name] = Math.round(centre[t] * 1000) / 1000;
    });
    const attributes: SegmentPersona['attributes'] = {};
    data.layout.attributes.forEach((attr, a) => {
      const top = tops[a];
      if (top) attributes[attr] = top[j];
    });
    out.push({
      id: j,
      name: text.nameEn,
      nameEn: text.nameEn,
      nameZh: text.nameZh,
      size: sizes[j],
      share: Math.round((sizes[j] / n) * 10000) / 10000,
      means: segmentMeans,
      profile,
      distinguishing: text.distinguishing,
      attributes,
    });
  }
  // Persona names must tell the segments apart (the name field follows the English one).
  return distinctNames(out).map((p) => ({ ...p, name: p.nameEn }));
}

/**
 * Each kept feature's mean per segment in its own units (missing values left out), rounded to
 * cents: one pass over the stored values, a block of users at a time, every segment at once.
 */
function meansBySegment(matrix: FeatureMatrix, labels: Int32Array, k: number, sizes: Int32Array, raw: { names: string[]; blocks: FeatureBlocks }): number[][] {
  const columns = matrix.transforms.map(({ name }) => raw.names.indexOf(name));
  const sums = matrix.transforms.map(() => new Float64Array(k));
  const present = matrix.transforms.map(({ missing }) => (missing ? new Float64Array(k) : null));
  for (const { start, rows, columns: values } of raw.blocks()) {
    columns.forEach((column, t) => {
      const v = values[column];
      if (!v) return; // all missing here
      const s = sums[t];
      const counted = present[t];
      // A column with nothing missing (the usual case) needs no test per value: half the time.
      if (!counted) for (let r = 0; r < rows; r++) s[labels[start + r]] += v[r];
      else {
        for (let r = 0; r < rows; r++) {
          const x = v[r];
          if (x !== x) continue;
          s[labels[start + r]] += x;
          counted[labels[start + r]]++;
        }
      }
    });
  }
  return sums.map((s, t) => {
    const counts: ArrayLike<number> = present[t] ?? sizes;
    return Array.from(s, (sum, j) => (counts[j] ? Math.round((sum / counts[j]) * 100) / 100 : 0));
  });
}

/** Above this many distinct values an attribute's counts go in a map, not a k × values table. */
const DENSE_COUNTS = 1 << 18;

/** Per segment, an attribute's six commonest values with their share of the segment. */
function topValues(column: AttributeColumn | undefined, labels: Int32Array, k: number, sizes: Int32Array): { value: string; share: number }[][] {
  const perSegment: Map<number, number>[] = Array.from({ length: k }, () => new Map());
  if (column) {
    const { codes, values } = column;
    if (values.length <= DENSE_COUNTS) {
      const counts = new Int32Array(k * values.length);
      for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) counts[labels[i] * values.length + codes[i]]++;
      for (let j = 0; j < k; j++) for (let c = 0; c < values.length; c++) if (counts[j * values.length + c]) perSegment[j].set(c, counts[j * values.length + c]);
    } else {
      for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) perSegment[labels[i]].set(codes[i], (perSegment[labels[i]].get(codes[i]) ?? 0) + 1);
    }
  }
  return perSegment.map((counts, j) =>
    [...counts.entries()]
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, 6)
      .map(([code, count]) => ({ value: column!.values[code], share: Math.round((count / Math.max(1, sizes[j])) * 1000) / 1000 })),
  );
}

/** Up to 20,000 users (a seeded sample) on the first two principal components. */
export function pcaMap(m: FeatureMatrix, labels: Int32Array, seed: number): SegmentRun['map'] {
  const idx = sampleIndexes(m.n, Math.min(m.n, 20_000), seed);
  const XS = new Float32Array(idx.length * m.d);
  idx.forEach((i, p) => XS.set(m.X.subarray(i * m.d, (i + 1) * m.d), p * m.d));
  const { components, explained, mean } = pca2(XS, idx.length, m.d, seed);
  // Each sampled user on both components, rounded for the chart (plain loops: 20,000 × 2 dot products).
  const axes = [components[0], components[1]].map((c) => {
    const out = new Array<number>(idx.length).fill(0);
    if (!c) return out;
    for (let p = 0, o = 0; p < idx.length; p++) {
      let s = 0;
      for (let t = 0; t < m.d; t++, o++) s += (XS[o] - mean[t]) * c[t];
      out[p] = Math.round(s * 1000) / 1000;
    }
    return out;
  });
  return {
    x: axes[0],
    y: axes[1],
    segment: Array.from(idx, (i) => labels[i]),
    explained: explained.map((e) => Math.round(e * 1000) / 1000),
  };
}
