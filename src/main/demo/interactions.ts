import type { AudienceRow, CatalogRow, InteractionRow } from '../../shared/datasets';
import { type Random, WeightedTable } from '../core/random';
import type { Recipe } from './recipe';

const DAY_MS = 86_400_000;

/**
 * Exactly `counts.interactions` events. Busy users get more (shares by active days and
 * minutes); each archetype prefers some categories, and items have a Zipf-like popularity,
 * so collaborative filtering has real structure to find.
 */
export function generateInteractions(
  rng: Random,
  recipe: Recipe,
  users: AudienceRow[],
  archetypeOf: Uint8Array,
  items: CatalogRow[],
  onProgress?: (fraction: number) => void,
): InteractionRow[] {
  const total = recipe.counts.interactions;
  const perUser = allocate(
    total,
    users.map((u) => (u.features.active_days + 1) * Math.log1p(u.features.listen_minutes + u.features.watch_minutes)),
  );
  const popularity = items.map(() => 0);
  rng.sample(items.map((_, i) => i), items.length).forEach((itemIndex, rank) => {
    popularity[itemIndex] = 1 / Math.pow(rank + 1, 0.8);
  });
  const categoryKey = new Map(Object.entries(recipe.categories).map(([key, [zh]]) => [zh, key]));
  const tables = recipe.archetypes.map(
    (a) =>
      new WeightedTable(items.map((it, i) => popularity[i] * (a.categoryAffinity[categoryKey.get(it.category) ?? ''] ?? 1))),
  );
  const events = new WeightedTable(recipe.events.shares);
  const ref = Date.parse(`${recipe.referenceDate}T20:00:00Z`);
  const out: InteractionRow[] = new Array(total);
  let k = 0;
  for (let u = 0; u < users.length; u++) {
    const user = users[u];
    const table = tables[archetypeOf[u]];
    for (let j = 0; j < perUser[u]; j++) {
      const e = events.draw(rng);
      const ageDays = Math.min(365, user.features.recency_days + rng.exponential(25));
      out[k++] = {
        userId: user.userId,
        itemId: items[table.draw(rng)].itemId,
        event: recipe.events.names[e],
        weight: recipe.events.weights[e],
        ts: new Date(ref - Math.round(ageDays * DAY_MS + rng.uniform(0, 12 * 3600_000))).toISOString().slice(0, 19) + 'Z',
      };
    }
    if (onProgress && u % 2000 === 0) onProgress(u / users.length);
  }
  return out;
}

/** Splits `total` into whole counts proportional to `weights` (largest remainders). */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((s, c) => s + c, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let i = 0; left > 0; i++, left--) counts[order[i % order.length][1]]++;
  return counts;
}
