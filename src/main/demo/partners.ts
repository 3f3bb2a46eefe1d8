import type { CollaborationRow, PartnerRow } from '../../shared/datasets';
import type { Random } from '../core/random';
import type { PartnerType, Recipe } from './recipe';

/** Partner candidates of every type, with bilingual names and descriptions. */
export function generatePartners(rng: Random, recipe: Recipe): PartnerRow[] {
  const rows: PartnerRow[] = [];
  const usedNames = new Set<string>();
  for (const t of recipe.partnerTypes) {
    for (let i = 0; i < t.count; i++) {
      const [nameZh, nameEn, productZh] = uniqueName(rng, t, usedNames);
      const audience = Math.round(rng.lognormal(...t.audience) / 100) * 100;
      const reputation = Math.round(100 * rng.beta(t.reputation[0], t.reputation[1]));
      const fee = partnerFee(rng, audience, t.feePerThousand);
      const themes = rng.sample(t.themes, rng.int(2, 4));
      const conflicts = t.conflicts.filter(([, p]) => rng.bool(p)).map(([tag]) => tag);
      const [age, city, interests] = t.profile;
      const female = Math.round(100 * rng.beta(t.type === 'automaker' ? 4 : 6, t.type === 'automaker' ? 6 : 4));
      rows.push({
        partnerId: `p${String(rows.length + 1).padStart(3, '0')}`,
        name: nameZh,
        type: t.type,
        industry: productZh ? `${t.industry.split(' / ')[0]}·${productZh}` : t.industry.split(' / ')[0],
        description: describe(t, nameZh, themes, productZh),
        tags: themes,
        audienceSize: audience,
        audienceProfile: `女性${female}%，${age}岁为主，${city}城市居多；兴趣：${interests}`,
        reputation,
        fee,
        conflictTags: conflicts,
        extra: { name_en: nameEn, industry_en: t.industry.split(' / ')[1] ?? t.industry },
      });
    }
  }
  return rows;
}

/** Fees grow less than linearly with audience, with a per-type price level. */
export function partnerFee(rng: Random, audience: number, [perThousand, spread]: [number, number]): number {
  return Math.round((Math.pow(audience / 1000, 0.85) * rng.lognormal(Math.log(perThousand), spread) * 10) / 1000) * 1000;
}

function uniqueName(rng: Random, t: PartnerType, used: Set<string>): [string, string, string | undefined] {
  for (let attempt = 0; ; attempt++) {
    const p = rng.pick(t.prefix);
    const s = rng.pick(t.suffix);
    const zh = `${p[0]}${s[0]}${attempt > 20 ? attempt : ''}`;
    if (used.has(zh)) continue;
    used.add(zh);
    const en = t.type === 'kol' ? `${p[1]}${s[1]}` : `${p[1]} ${s[1]}`;
    return [zh, `${en}${attempt > 20 ? ` ${attempt}` : ''}`, s[2]];
  }
}

function describe(t: PartnerType, name: string, themes: string[], product?: string): string {
  const themeText = themes.join('、');
  switch (t.type) {
    case 'museum':
      return `${name}以${themeText}见长，常设展与特展吸引大量年轻观众，可授权馆藏图像用于文创与课程。`;
    case 'artist':
      return `青年艺术家${name}，创作聚焦${themeText}，作品常用于品牌联名与限量周边。`;
    case 'brand':
      return `${name}是主打${product ?? ''}的新消费品牌，风格偏${themeText}，擅长礼盒与限量联名。`;
    case 'automaker':
      return `${name}面向城市家庭用户，品牌关键词为${themeText}，常做试驾与文化跨界活动。`;
    case 'school':
      return `${name}提供${themeText}等课程，线下校区覆盖多个城市，家长用户占多数。`;
    case 'kol':
      return `内容创作者${name}，在短视频与图文平台分享${themeText}，粉丝互动率高。`;
    default:
      return `${name}关注${themeText}，可提供学术背书、讲座与公益合作资源。`;
  }
}

/**
 * A collaboration graph: preferential attachment (well-connected partners attract more
 * edges) weighted by how often two types team up in practice.
 */
export function generateCollaborations(rng: Random, recipe: Recipe, partners: PartnerRow[]): CollaborationRow[] {
  const cfg = recipe.collaborations;
  const degree = partners.map(() => 1);
  const seen = new Set<string>();
  const out: CollaborationRow[] = [];
  const affinity = (a: string, b: string) => cfg.typeAffinity[a]?.[b] ?? cfg.typeAffinity[b]?.[a] ?? 0.1;
  let guard = 0;
  while (out.length < cfg.edges && guard++ < cfg.edges * 50) {
    const i = rng.weighted(degree.map((d, k) => d * (partners[k].reputation ?? 50)));
    const j = rng.weighted(partners.map((p, k) => (k === i ? 0 : degree[k] * affinity(partners[i].type, p.type))));
    const key = i < j ? `${i}-${j}` : `${j}-${i}`;
    if (i === j || seen.has(key)) continue;
    seen.add(key);
    degree[i]++;
    degree[j]++;
    out.push({
      partnerA: partners[i].partnerId,
      partnerB: partners[j].partnerId,
      year: rng.int(cfg.years[0], cfg.years[1]),
      kind: rng.pick(cfg.kinds),
      outcome: cfg.outcomes[rng.weighted(cfg.outcomeShares)],
    });
  }
  return out;
}
