import type { Factor } from '../../../shared/partners';

/**
 * The factors behind a partner's score, each brought to 0–1 across the candidates so no
 * factor's units dominate: min–max for the similarities and the network, /100 for
 * reputation, and reach per unit of fee on a log scale (fees span orders of magnitude).
 */
export function minMax(values: number[]): number[] {
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return values.map((v) => (!Number.isFinite(v) ? 0 : hi > lo ? (v - lo) / (hi - lo) : finite.length ? 1 : 0));
}

/**
 * The overlap factor from the partners' sketches: the new people each brings (over the most any
 * brings) or its affinity (log scale, over the highest; at or below chance, 0). A partner with
 * no sketch yet takes the median of those measured, so a missing sketch neither helps nor hurts.
 */
export function overlapFactor(ids: string[], measured: ReadonlyMap<string, { incrementalReach: number; affinity: number | null }>, measure: 'incrementalReach' | 'affinity'): number[] {
  const raw = ids.map((id) => {
    const m = measured.get(id);
    if (!m) return Number.NaN;
    return measure === 'affinity' ? (m.affinity !== null && m.affinity > 1 ? Math.log(m.affinity) : 0) : Math.max(0, m.incrementalReach);
  });
  const known = raw.filter(Number.isFinite);
  const top = Math.max(0, ...known);
  const scaled = new Map<string, number>();
  raw.forEach((v, i) => Number.isFinite(v) && scaled.set(ids[i], top > 0 ? v / top : 0));
  return withMedian(ids, scaled);
}

/** Known values as they are; a partner without one takes the median of the known (0 when none is). */
export function withMedian(ids: string[], known: ReadonlyMap<string, number>): number[] {
  const sorted = ids.map((id) => known.get(id)).filter((v): v is number => v !== undefined).sort((a, b) => a - b);
  const median = sorted.length ? (sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2) : 0;
  return ids.map((id) => known.get(id) ?? median);
}

/** Reach per unit of fee, log-scaled then min–max; an unknown fee or audience scores 0. */
export function costEfficiency(reach: (number | null)[], fee: (number | null)[]): number[] {
  const raw = reach.map((r, i) => {
    const f = fee[i];
    if (r === null || !(r > 0) || f === null) return Number.NaN;
    return Math.log10(1 + r / Math.max(f, 1));
  });
  return minMax(raw);
}

export const FACTOR_LABEL: Record<Factor | 'risk', { en: string; 'zh-CN': string }> = {
  audienceFit: { en: 'audience fit', 'zh-CN': '受众契合' },
  contentFit: { en: 'content fit', 'zh-CN': '内容契合' },
  network: { en: 'network influence', 'zh-CN': '网络影响力' },
  reputation: { en: 'reputation', 'zh-CN': '口碑' },
  costEfficiency: { en: 'cost efficiency', 'zh-CN': '性价比' },
  overlap: { en: 'audience overlap', 'zh-CN': '受众重合' },
  brandFit: { en: 'brand-personality fit', 'zh-CN': '品牌个性契合' },
  risk: { en: 'risk', 'zh-CN': '风险' },
};
