import type { CatalogRow } from '../../shared/datasets';
import type { Random } from '../core/random';
import type { Recipe } from './recipe';

/** Catalog items: every topic in several forms and seasons, with bilingual titles. */
export function generateCatalog(rng: Random, recipe: Recipe): CatalogRow[] {
  const rows: CatalogRow[] = [];
  const n = recipe.counts.items;
  for (let i = 0; i < n; i++) {
    const topic = recipe.topics[i % recipe.topics.length];
    const form = recipe.forms[Math.floor(i / recipe.topics.length) % recipe.forms.length];
    const season = Math.floor(i / (recipe.topics.length * recipe.forms.length)) + 1;
    const [catZh, catEn] = recipe.categories[topic.category];
    const seasonZh = season > 1 ? `（第${season}季）` : '';
    const seasonEn = season > 1 ? ` (season ${season})` : '';
    const formPrice = { audio: 99, course: 199, live: 299, column: 59, ebook: 39 }[form.kind] ?? 99;
    rows.push({
      itemId: `i${String(i + 1).padStart(4, '0')}`,
      title: `${topic.zh}${form.zh}${seasonZh}`,
      description: `${catZh}类${form.zh}：${topic.zh}，适合想系统了解${topic.tags[0]}的听众。${topic.en} — ${form.en}, for listeners who want to know ${catEn.toLowerCase()} well.`,
      tags: [...new Set([...topic.tags, catZh])],
      category: catZh,
      price: Math.max(9, Math.round((formPrice * rng.lognormal(0, 0.25)) / 10) * 10 - 1),
      extra: { title_en: `${topic.en} — ${form.en}${seasonEn}`, category_en: catEn, form: form.kind },
    });
  }
  return rows;
}
