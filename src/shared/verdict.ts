import { translate } from './i18n';

/**
 * A plain judgement of how far a model's figures can be trusted, with its reasons: shown on
 * the model's card, in the report and in the CLI's JSON (`verdict`). The reasons are i18n
 * keys with their figures; `text` is the English sentence (from the same keys) for scripts and logs.
 *
 * The rules compare each model with what a strategist would otherwise use (the most popular
 * items, the mean week, a straight line) and its intervals with what they promise: a model no
 * better than its baseline, or a band that covers far less than it says, is not trustworthy;
 * one close to the line, or fitted on little data, is usable with care.
 */
export type VerdictLevel = 'good' | 'care' | 'untrustworthy';

export interface VerdictReason {
  key: string;
  params: Record<string, string | number>;
  /** The level this reason alone would give. */
  level: VerdictLevel;
}

export interface Verdict {
  level: VerdictLevel;
  reasons: VerdictReason[];
  text: string;
}

const ORDER: VerdictLevel[] = ['good', 'care', 'untrustworthy'];
const pct = (x: number) => `${Math.round(100 * x)}%`;
const fix = (x: number, d = 3) => Number(x.toFixed(d));

/** The worst level among the reasons; the good ones are kept so the card can say what holds. */
function verdictOf(reasons: VerdictReason[]): Verdict {
  const level = reasons.reduce<VerdictLevel>((worst, r) => (ORDER.indexOf(r.level) > ORDER.indexOf(worst) ? r.level : worst), 'good');
  const shown = reasons.filter((r) => r.level === level);
  return { level, reasons, text: `${translate('en', `verdict.level.${level}`)}: ${shown.map((r) => translate('en', r.key, r.params)).join(' ')}` };
}

/** Held-out ranking quality against the most popular items (and item-kNN where it was measured). */
export function recommendVerdict(q: { model: { ndcg: number }; popular: { ndcg: number }; itemKnn?: { ndcg: number } | null; users: number }): Verdict {
  const reasons: VerdictReason[] = [];
  const ratio = q.popular.ndcg > 0 ? q.model.ndcg / q.popular.ndcg : q.model.ndcg > 0 ? Infinity : 1;
  const params = { model: fix(q.model.ndcg), popular: fix(q.popular.ndcg), ratio: Number.isFinite(ratio) ? fix(ratio, 2) : '∞' };
  if (ratio <= 1) reasons.push({ key: 'verdict.rec.notBetter', params, level: 'untrustworthy' });
  else if (ratio < 1.1) reasons.push({ key: 'verdict.rec.barely', params, level: 'care' });
  else reasons.push({ key: 'verdict.rec.better', params, level: 'good' });
  if (q.itemKnn) {
    const knn = { model: fix(q.model.ndcg), knn: fix(q.itemKnn.ndcg) };
    if (q.model.ndcg < q.itemKnn.ndcg - 0.005) reasons.push({ key: 'verdict.rec.belowKnn', params: knn, level: 'care' });
    else reasons.push({ key: 'verdict.rec.atLeastKnn', params: knn, level: 'good' });
  }
  if (q.users < 50) reasons.push({ key: 'verdict.rec.fewUsers', params: { users: q.users }, level: 'care' });
  return verdictOf(reasons);
}

/**
 * A channel's share of media the data leave this open (P90 − P10, in shares of media) is not
 * a figure to split a budget on: an always-on channel's level trades with the baseline's
 * unless its curve is known (the recovery suite's "one curve unknown" limit).
 */
export const OPEN_SHARE_WIDTH = 0.2;

/**
 * Held-out accuracy against the mean week, the P10–P90 band's coverage against its promised
 * 80%, and the channels whose share of media the data leave open.
 */
export function mmmVerdict(m: { r2: number; mape: number; coverage: number | null }, holdoutWeeks: number, channels: readonly { name: string; contributionShareP10?: number; contributionShareP90?: number }[] = []): Verdict {
  const reasons: VerdictReason[] = [];
  const params = { r2: fix(m.r2), mape: pct(m.mape), coverage: m.coverage === null ? '—' : pct(m.coverage), weeks: holdoutWeeks };
  if (m.r2 < 0) reasons.push({ key: 'verdict.mmm.worseThanMean', params, level: 'untrustworthy' });
  else if (m.r2 < 0.5 || m.mape > 0.2) reasons.push({ key: 'verdict.mmm.weakFit', params, level: 'care' });
  else reasons.push({ key: 'verdict.mmm.fits', params, level: 'good' });
  if (m.coverage !== null) {
    if (m.coverage < 0.5) reasons.push({ key: 'verdict.mmm.bandTooNarrow', params, level: 'untrustworthy' });
    else if (m.coverage < 0.65) reasons.push({ key: 'verdict.mmm.bandNarrow', params, level: 'care' });
    else if (m.coverage > 0.97) reasons.push({ key: 'verdict.mmm.bandWide', params, level: 'care' });
    else reasons.push({ key: 'verdict.mmm.bandOk', params, level: 'good' });
  }
  if (holdoutWeeks < 8) reasons.push({ key: 'verdict.mmm.fewWeeks', params, level: 'care' });
  const open = channels.filter((c) => c.contributionShareP10 !== undefined && c.contributionShareP90 !== undefined && c.contributionShareP90 - c.contributionShareP10 >= OPEN_SHARE_WIDTH);
  if (open.length) {
    const widest = Math.max(...open.map((c) => c.contributionShareP90! - c.contributionShareP10!));
    reasons.push({ key: 'verdict.mmm.sharesOpen', params: { ...params, channels: open.map((c) => c.name).join(', '), width: pct(widest) }, level: 'care' });
  }
  return verdictOf(reasons);
}

/**
 * Leave-one-out accuracy against the least-squares line, the number of past campaigns per
 * driver, and how many of the predictions lie outside what past campaigns covered.
 */
export function campaignVerdict(m: { campaigns: number; drivers: number; mape: number; r2: number; baselineMape: number; predictions: number; outside: number }): Verdict {
  const reasons: VerdictReason[] = [];
  const params = { campaigns: m.campaigns, drivers: m.drivers, mape: pct(m.mape), baseline: pct(m.baselineMape), r2: fix(m.r2), outside: m.outside, predictions: m.predictions };
  if (m.r2 < 0 || m.mape >= m.baselineMape) reasons.push({ key: 'verdict.campaign.notBetter', params, level: 'untrustworthy' });
  else reasons.push({ key: 'verdict.campaign.better', params, level: 'good' });
  if (m.campaigns < 3 * Math.max(1, m.drivers)) reasons.push({ key: 'verdict.campaign.fewCampaigns', params, level: 'care' });
  if (m.predictions > 0 && m.outside > 0) reasons.push({ key: m.outside === m.predictions ? 'verdict.campaign.allOutside' : 'verdict.campaign.someOutside', params, level: 'care' });
  return verdictOf(reasons);
}

/** The verdict in the reader's language: its level, then its reasons (those that set the level first). */
export function verdictSentence(t: (key: string, params?: Record<string, string | number>) => string, v: Verdict): string {
  const ordered = [...v.reasons.filter((r) => r.level === v.level), ...v.reasons.filter((r) => r.level !== v.level)];
  return `${t(`verdict.level.${v.level}`)} — ${ordered.map((r) => t(r.key, r.params)).join(' ')}`;
}
