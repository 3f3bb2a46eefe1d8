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
    nameEn: capitalise(top.length ? top.map((d) => d.en).join(', ') : translate('en', 'persona.typical')),
    nameZh: top.length ? top.map((d) => d.zh).join('、') : translate('zh-CN', 'persona.typical'),
  };
}

/**
 * Names that tell the personas apart: two personas named by the same traits (in any order:
 * "Active most days, finish what they start" and "Finish what they start, active most days")
 * take their next distinguishing trait until they differ, and, when they run out, the size
 * order ("the larger …", "the smaller …").
 */
export function distinctNames<T extends PersonaText & { size: number }>(personas: T[]): T[] {
  const named = personas.map((p) => ({ ...p, parts: Math.min(2, p.distinguishing.length) }));
  const key = (p: (typeof named)[number]) => p.distinguishing.slice(0, p.parts).map((d) => `${d.feature}:${d.direction}`).sort().join('|');
  for (let round = 0; round < 4; round++) {
    const groups = new Map<string, number[]>();
    named.forEach((p, i) => groups.set(key(p), [...(groups.get(key(p)) ?? []), i]));
    let changed = false;
    for (const members of groups.values()) {
      if (members.length < 2) continue;
      for (const i of members) {
        if (named[i].parts < named[i].distinguishing.length) {
          named[i].parts++;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  const groups = new Map<string, number[]>();
  named.forEach((p, i) => groups.set(key(p), [...(groups.get(key(p)) ?? []), i]));
  return named.map((p, i) => {
    // A persona that needed more traits names the shared ones in one order, so the one that
    // tells it apart stands at the end: "Finish what they start, active most days, heavy listeners".
    const top = p.parts > 2 ? [...p.distinguishing.slice(0, 2).sort((a, b) => a.feature.localeCompare(b.feature)), ...p.distinguishing.slice(2, p.parts)] : p.distinguishing.slice(0, p.parts);
    let nameEn = capitalise(top.length ? top.map((d) => d.en).join(', ') : translate('en', 'persona.typical'));
    let nameZh = top.length ? top.map((d) => d.zh).join('、') : translate('zh-CN', 'persona.typical');
    const twins = groups.get(key(p))!;
    if (twins.length > 1) {
      const order = [...twins].sort((a, b) => named[b].size - named[a].size).indexOf(i) + 1;
      nameEn += ` (${translate('en', 'persona.nth', { n: order })})`;
      nameZh += `（${translate('zh-CN', 'persona.nth', { n: order })}）`;
    }
    const { parts: _parts, ...rest } = p;
    return { ...(rest as unknown as T), nameEn, nameZh };
  });
}

function phrase(lang: 'en' | 'zh-CN', feature: string, direction: 'high' | 'low'): string {
  const key = `persona.feature.${feature}.${direction}`;
  const known = translate(lang, key);
  return known !== key ? known : translate(lang, `persona.${direction}`, { feature: feature.replace(/_/g, ' ') });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
