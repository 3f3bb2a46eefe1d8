import type { CampaignPeriodRow } from '../../shared/datasets';
import type { Random } from '../core/random';
import type { ChannelTruth, Recipe } from './recipe';
import { partnerFee } from './partners';

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
  /** Per flight, its partner and the sign-ups the partner itself added (beyond media). */
  flights: FlightTruth[];
}

export interface FlightTruth {
  id: string;
  partnerType: string;
  weeks: number;
  addressable: number;
  fit: number;
  fee: number;
  lift: number;
}

/**
 * Three years of weekly periods: always-on spend in some channels, flights (partner
 * campaigns, one after another with gaps) that push every channel for a few weeks and add
 * sign-ups of their own in proportion to the partner's addressable audience (audience ×
 * fit, scaled by the partner type), holidays, price promotions, and an outcome drawn from
 * the recipe's adstock-and-saturation process plus trend, seasonality and noise. Each
 * flight's partner is recorded as controls (addressable_audience, audience_fit,
 * partner_fee, partner_type; 0 or "none" between flights), so the campaign-level model has
 * its drivers.
 */
export function generateCampaigns(rng: Random, recipe: Recipe): { rows: CampaignPeriodRow[]; truth: CampaignTruth } {
  const weeks = recipe.counts.weeks;
  const first = new Date(`${recipe.campaigns.firstWeek}T00:00:00Z`);
  const pc = recipe.campaigns.partner;
  const flightAt: (FlightTruth | null)[] = new Array(weeks).fill(null);
  const flights: FlightTruth[] = [];
  for (let start = rng.int(...recipe.campaigns.gapWeeks); start < weeks - 2; ) {
    const length = Math.min(rng.int(...recipe.campaigns.flightWeeks), weeks - start);
    const partnerType = rng.pick(recipe.campaigns.partnerTypes.filter((t) => t !== 'none'));
    const kind = recipe.partnerTypes.find((t) => t.type === partnerType)!;
    const audience = Math.round(rng.lognormal(...kind.audience) / 100) * 100;
    const fit = Math.round(rng.uniform(...pc.fit) * 100) / 100;
    const fee = partnerFee(rng, audience, kind.feePerThousand);
    const addressable = Math.round(audience * fit);
    const flight: FlightTruth = {
      id: `C${first.getUTCFullYear() + Math.floor(start / 52)}-${String(flights.length + 1).padStart(2, '0')}`,
      partnerType,
      weeks: length,
      addressable,
      fit,
      fee,
      lift: pc.liftPerAddressable * addressable * (pc.typeLift[partnerType] ?? 1),
    };
    flights.push(flight);
    for (let w = start; w < start + length; w++) flightAt[w] = flight;
    start += length + rng.int(...recipe.campaigns.gapWeeks);
  }

  const spend: Record<string, number[]> = {};
  for (const ch of recipe.channels) {
    spend[ch.name] = Array.from({ length: weeks }, (_, w) => {
      const inFlight = flightAt[w] !== null;
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
    const flight = flightAt[w];
    const partnerLift = flight ? flight.lift / flight.weeks : 0;
    const outcome = Math.max(0, Math.round(base + mediaEffect + partnerLift + rng.normal(0, o.noiseSd)));
    rows.push({
      period: weekStart.toISOString().slice(0, 10),
      outcome,
      spend: Object.fromEntries(recipe.channels.map((ch) => [ch.name, spend[ch.name][w]])),
      controls: {
        holiday,
        price,
        partner_type: flight?.partnerType ?? 'none',
        addressable_audience: flight?.addressable ?? 0,
        audience_fit: flight?.fit ?? 0,
        partner_fee: flight?.fee ?? 0,
      },
      campaignId: flight?.id ?? null,
    });
  }
  return { rows, truth: { contribution, baseline, flights } };
}
