/**
 * A plain judgement of how far a model's figures can be trusted, with its reasons: shown on
 * the model's card, in the report and in the CLI's JSON (`verdict`). The reasons are i18n
 * keys with their figures; `text` is the English sentence for scripts and logs.
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
function verdictOf(reasons: VerdictReason[], english: (r: VerdictReason) => string): Verdict {
  const level = reasons.reduce<VerdictLevel>((worst, r) => (ORDER.indexOf(r.level) > ORDER.indexOf(worst) ? r.level : worst), 'good');
  const head = { good: 'Good', care: 'Usable with care', untrustworthy: 'Not trustworthy' }[level];
  const shown = reasons.filter((r) => r.level === level);
  return { level, reasons, text: `${head}: ${shown.map(english).join('; ')}.` };
}

/** Held-out ranking quality against the most popular items (and item-kNN where it was measured). */
export function recommendVerdict(q: { model: { ndcg: number }; popular: { ndcg: number }; itemKnn?: { ndcg: number } | null; users: number }): Verdict {
  const reasons: VerdictReason[] = [];
  const ratio = q.popular.ndcg > 0 ? q.model.ndcg / q.popular.ndcg : q.model.ndcg > 0 ? Infinity : 1;
  const params = { model: fix(q.model.ndcg), popular: fix(q.popular.ndcg), ratio: Number.isFinite(ratio) ? fix(ratio, 2) : '∞' };
  if (ratio <= 1) reasons.push({ key: 'verdict.rec.notBetter', params, level: 'untrustworthy' });
  else if (ratio < 1.1) reasons.push({ key: 'verdict.rec.barely', params, level: 'care' });
  else reasons.push({ key: 'verdict.rec.better', params, level: 'good' });
  if (q.itemKnn && q.model.ndcg < q.itemKnn.ndcg - 0.005) reasons.push({ key: 'verdict.rec.belowKnn', params: { model: fix(q.model.ndcg), knn: fix(q.itemKnn.ndcg) }, level: 'care' });
  if (q.users < 50) reasons.push({ key: 'verdict.rec.fewUsers', params: { users: q.users }, level: 'care' });
  return verdictOf(reasons, (r) =>
    ({
      'verdict.rec.notBetter': `on held-out interactions it scores nDCG@10 ${params.model}, no better than recommending the most popular items (${params.popular})`,
      'verdict.rec.barely': `nDCG@10 ${params.model} is barely above the most popular items' ${params.popular} (${params.ratio}×)`,
      'verdict.rec.better': `it finds ${params.ratio} times as much of what people went on to take as recommending the most popular items (nDCG@10 ${params.model} against ${params.popular})`,
      'verdict.rec.belowKnn': `it is below a plain item-kNN (${r.params.knn})`,
      'verdict.rec.fewUsers': `only ${r.params.users} users were held out`,
    })[r.key] ?? r.key,
  );
}

/** Held-out accuracy against the mean week, and the P10–P90 band's coverage against its promised 80%. */
export function mmmVerdict(m: { r2: number; mape: number; coverage: number | null }, holdoutWeeks: number): Verdict {
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
  return verdictOf(reasons, (r) =>
    ({
      'verdict.mmm.worseThanMean': `on the ${params.weeks} held-out weeks it does worse than their mean (R² ${params.r2})`,
      'verdict.mmm.weakFit': `on the ${params.weeks} held-out weeks it explains little (R² ${params.r2}, MAPE ${params.mape})`,
      'verdict.mmm.fits': `it forecasts the ${params.weeks} held-out weeks well (R² ${params.r2}, MAPE ${params.mape})`,
      'verdict.mmm.bandTooNarrow': `its P10–P90 band covers ${params.coverage} of the held-out weeks where it promises 80%: the uncertainty is understated`,
      'verdict.mmm.bandNarrow': `its P10–P90 band covers ${params.coverage} of the held-out weeks, less than the 80% it promises`,
      'verdict.mmm.bandWide': `its P10–P90 band covers ${params.coverage} of the held-out weeks: wider than it needs to be`,
      'verdict.mmm.bandOk': `its P10–P90 band covers ${params.coverage} of the held-out weeks (80% promised)`,
      'verdict.mmm.fewWeeks': `only ${params.weeks} weeks were held out`,
    })[r.key] ?? r.key,
  );
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
  return verdictOf(reasons, (r) =>
    ({
      'verdict.campaign.notBetter': `left out one at a time, past campaigns are predicted no better than by the least-squares line (MAPE ${params.mape} against ${params.baseline})`,
      'verdict.campaign.better': `left out one at a time, past campaigns are predicted within ${params.mape} (the least-squares line: ${params.baseline})`,
      'verdict.campaign.fewCampaigns': `${params.campaigns} past campaigns for ${params.drivers} drivers is little to learn from: the near-perfect fit may not hold for a new one`,
      'verdict.campaign.allOutside': `every prediction lies outside what past campaigns covered on at least one driver`,
      'verdict.campaign.someOutside': `${params.outside} of ${params.predictions} predictions lie outside what past campaigns covered`,
    })[r.key] ?? r.key,
  );
}

/** The verdict in the reader's language: its level, then its reasons (those that set the level first). */
export function verdictSentence(t: (key: string, params?: Record<string, string | number>) => string, v: Verdict): string {
  const ordered = [...v.reasons.filter((r) => r.level === v.level), ...v.reasons.filter((r) => r.level !== v.level)];
  return `${t(`verdict.level.${v.level}`)} — ${ordered.map((r) => t(r.key, r.params)).join(' ')}`;
}
