import { translate } from '../../shared/i18n';
import type { FeatureMatrix } from './features';

/**
 * What sets each segment apart, in plain words: the features whose segment centre lies
 * furthest (in robust units: IQRs from the median) from the whole audience, phrased in both
 * languages ("heavy listeners", "high spend"; 重度收听、高消费), and a name proposed from the
 * first two. Known feature names have their own phrases; others read "high <feature>".
 */
export interface Distinguishing {
  feature: string;
  direction: 'high' | 'low';
  /** Distance of the segment's centre from the audience median, in IQRs (signed). */
  z: number;
  en: string;
  zh: string;
}

export interface PersonaText {
  distinguishing: Distinguishing[];
  nameEn: string;
  nameZh: string;
}

/** How far from the audience a centre must sit for a feature to count as distinguishing. */
const THRESHOLD = 0.4;

export function describeSegment(centre: Float32Array | number[], matrix: Pick<FeatureMatrix, 'transforms'>): PersonaText {
  const scored = matrix.transforms
    .map((t, j) => ({ feature: t.name, z: Number(centre[j]) }))
    .filter((f) => Math.abs(f.z) >= THRESHOLD)
    .sort((a, b) => Math.abs(b.z) - Math.abs(a.z))
    .slice(0, 4);
  const distinguishing = scored.map(({ feature, z }) => {
    const direction: 'high' | 'low' = z > 0 ? 'high' : 'low';
    return { feature, direction, z: Math.round(z * 100) / 100, en: phrase('en', feature, direction), zh: phrase('zh-CN', feature, direction) };
  });
  const top = distinguishing.slice(0, 2);
  return {
    distinguishing,
    nameEn: top.length ? capitalise(top.map((d) => d.en).join(', ')) : translate('en', 'persona.typical'),
    nameZh: top.length ? top.map((d) => d.zh).join('、') : translate('zh-CN', 'persona.typical'),
  };
}

function phrase(lang: 'en' | 'zh-CN', feature: string, direction: 'high' | 'low'): string {
  const key = `persona.feature.${feature}.${direction}`;
  const known = translate(lang, key);
  return known !== key ? known : translate(lang, `persona.${direction}`, { feature: feature.replace(/_/g, ' ') });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
