import type { CampaignPeriodRow } from '../../shared/datasets';
import type { Random } from '../core/random';
import type { ChannelTruth, Recipe } from './recipe';

const WEEK_MS = 7 * 86_400_000;

/** Holidays that lift sign-ups: New Year, Spring Festival, 618, National Day, Double 11. */
const HOLIDAYS = ['2024-02-10', '2025-01-29', '2026-02-17'];
const YEARLY = ['01-01', '06-18', '10-01', '11-11'];

function isHolidayWeek(weekStart: Date): boolean {
  for (let d = 0; d < 7; d++) {
    const day = new Date(weekStart.getTime() + d * 86_400_000).toISOString().slice(0, 10);
    if (HOLIDAYS.includes(day) || YEARLY.includes(day.slice(5))) return true;
  }
  return false;
}

/** Geometric adstock: a_t = x_t + decay * a_{t-1}. */
export function geometricAdstock(spend: number[], decay: number): number[] {
  const out: number[] = [];
  let carry = 0;
  for (const x of spend) {
    carry = x + decay * carry;
    out.push(carry);
  }
  return out;
}

/**
 * Hill saturation of adstocked spend, measured in units of the channel's steady-state
 * adstock at its mean spend (meanSpend / (1 - decay)), so `halfSaturation` 1.0 means
 * "half of the maximum effect at the usual spend level".
 */
export function hillResponse(adstocked: number, ch: ChannelTruth): number {
  const x = adstocked / (ch.meanSpend / (1 - ch.decay));
  if (x <= 0) return 0;
  const xs = Math.pow(x, ch.shape);
  return xs / (xs + Math.pow(ch.halfSaturation, ch.shape));
}

export interface CampaignTruth {
  /** Per channel, the sign-ups it caused over the whole history. */
  contribution: Record<string, number>;
  baseline: number;
}

/**
 * Three years of weekly periods: always-on spend in some channels, flights (partner
 * campaigns) that push every channel for a few weeks, holidays, price promotions, and an
 * outcome drawn from the recipe's adstock-and-saturation process plus trend, seasonality
 * and noise.
 */
export function generateCampaigns(rng: Random, recipe: Recipe): { rows: CampaignPeriodRow[]; truth: CampaignTruth } {
  const weeks = recipe.counts.weeks;
  const first = new Date(`${recipe.campaigns.firstWeek}T00:00:00Z`);
  const flightOf: (string | null)[] = new Array(weeks).fill(null);
  const partnerOf: string[] = new Array(weeks).fill('none');
  for (let f = 0; f < recipe.campaigns.flights; f++) {
    const start = rng.int(0, weeks - 4);
    const length = rng.int(...recipe.campaigns.flightWeeks);
    const partnerType = rng.pick(recipe.campaigns.partnerTypes.filter((t) => t !== 'none'));
    const id = `C${first.getUTCFullYear() + Math.floor(start / 52)}-${String(f + 1).padStart(2, '0')}`;
    for (let w = start; w < Math.min(weeks, start + length); w++) {
      if (flightOf[w] === null) {
        flightOf[w] = id;
        partnerOf[w] = partnerType;
      }
    }
  }

  const spend: Record<string, number[]> = {};
  for (const ch of recipe.channels) {
    spend[ch.name] = Array.from({ length: weeks }, (_, w) => {
      const inFlight = flightOf[w] !== null;
      const on = inFlight || rng.bool(ch.alwaysOn);
      if (!on) return 0;
      const level = inFlight ? rng.uniform(1.6, 3.0) : rng.uniform(0.4, 1.0);
      return Math.round(ch.meanSpend * level * rng.lognormal(0, 0.2) / 100) * 100;
    });
  }

  const o = recipe.outcome;
  const media = recipe.channels.map((ch) => geometricAdstock(spend[ch.name], ch.decay).map((a) => ch.beta * hillResponse(a, ch)));
  const contribution = Object.fromEntries(recipe.channels.map((ch, c) => [ch.name, media[c].reduce((s, x) => s + x, 0)]));
  let baseline = 0;
  const rows: CampaignPeriodRow[] = [];
  for (let w = 0; w < weeks; w++) {
    const weekStart = new Date(first.getTime() + w * WEEK_MS);
    const holiday = isHolidayWeek(weekStart) ? 1 : 0;
    const price = rng.bool(0.15) ? 149 : 199;
    const base =
      o.base +
      o.trendPerWeek * w +
      o.seasonality.reduce((s, k) => s + k.amplitude * Math.sin((2 * Math.PI * w) / k.period + k.phase), 0) +
      holiday * o.holidayLift +
      (o.priceEffectPer10 * (price - 199)) / 10;
    baseline += base;
    const mediaEffect = media.reduce((s, m) => s + m[w], 0);
    const outcome = Math.max(0, Math.round(base + mediaEffect + rng.normal(0, o.noiseSd)));
    rows.push({
      period: weekStart.toISOString().slice(0, 10),
      outcome,
      spend: Object.fromEntries(recipe.channels.map((ch) => [ch.name, spend[ch.name][w]])),
      controls: { holiday, price, partner_type: partnerOf[w] },
      campaignId: flightOf[w],
    });
  }
  return { rows, truth: { contribution, baseline } };
}
