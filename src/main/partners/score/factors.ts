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
  risk: { en: 'risk', 'zh-CN': '风险' },
};
