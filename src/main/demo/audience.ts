import type { AudienceRow } from '../../shared/datasets';
import type { Random } from '../core/random';
import type { Recipe } from './recipe';

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Users drawn from the recipe's archetypes: long-tailed minutes (log-normal), counts of
 * purchases (Poisson), spend tied to purchases, active days and recency that agree with
 * each other. The archetype itself is not stored: segmentation has to find it.
 */
export function generateAudience(rng: Random, recipe: Recipe): { rows: AudienceRow[]; archetypeOf: Uint8Array } {
  const n = recipe.counts.users;
  const shares = recipe.archetypes.map((a) => a.share);
  const rows: AudienceRow[] = new Array(n);
  const archetypeOf = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = rng.weighted(shares);
    archetypeOf[i] = k;
    const a = recipe.archetypes[k];
    const engagement = rng.lognormal(0, 0.35); // a user's own intensity, shared across features
    const purchases = rng.poisson(a.purchaseRate * engagement);
    const spend = purchases === 0 ? 0 : Array.from({ length: purchases }, () => rng.lognormal(...a.spendPerPurchase)).reduce((s, x) => s + x, 0);
    const activeDays = Math.min(30, Math.max(0, Math.round(rng.gamma(2, (a.activeDaysMean * engagement) / 2))));
    const recency = activeDays > 0 ? Math.min(365, Math.round(rng.exponential(a.recencyMean / Math.sqrt(engagement)))) : rng.int(31, 365);
    const listen = rng.lognormal(a.listen[0], a.listen[1]) * engagement;
    const interests = rng.sample(a.interests, rng.int(1, 3));
    if (rng.bool(0.15)) interests.push(rng.pick(recipe.archetypes[rng.int(0, recipe.archetypes.length - 1)].interests));
    rows[i] = {
      userId: `u${String(i + 1).padStart(6, '0')}`,
      features: {
        listen_minutes: round1(listen),
        watch_minutes: round1(rng.lognormal(a.watch[0], a.watch[1]) * engagement),
        read_minutes: round1(rng.lognormal(a.read[0], a.read[1]) * engagement),
        purchases,
        spend: Math.round(spend * 100) / 100,
        active_days: activeDays,
        recency_days: recency,
        courses_finished: Math.min(purchases, rng.poisson(purchases * a.finishRate)),
      },
      attributes: {
        city_tier: recipe.cityTiers[rng.weighted(a.cityTier)],
        age_band: recipe.ageBands[rng.weighted(a.ageBand)],
        gender: rng.bool(a.female) ? recipe.genders[0] : recipe.genders[1],
        interests: [...new Set(interests)].join('、'),
      },
    };
  }
  return { rows, archetypeOf };
}
