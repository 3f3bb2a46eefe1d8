import type { RevenueParty, SplitModel } from '../../shared/revenue';

/**
 * Revenue-share arithmetic. Tiers are marginal, like tax bands: each tier's share applies
 * to the revenue between the previous tier's end and its own (`upTo: null` runs on for
 * ever; above a last tier that has an end, nothing more is shared). A minimum guarantee is
 * paid whatever happens and recouped from the percentage: the party gets the larger of the
 * two. Money is kept in yuan with cents rounded only for display.
 */
export function takeOf(model: SplitModel, revenue: number): number {
  switch (model.kind) {
    case 'fixed':
      return model.amount;
    case 'percent':
      return (revenue * model.share) / 100;
    case 'guarantee':
      return Math.max(model.minimum, (revenue * model.share) / 100);
    case 'tiered': {
      let take = 0;
      let from = 0;
      for (const tier of model.tiers) {
        const to = tier.upTo ?? Infinity;
        if (revenue > from) take += ((Math.min(revenue, to) - from) * tier.share) / 100;
        from = to;
      }
      return take;
    }
  }
}

export function splitRevenue(parties: RevenueParty[], revenue: number): { takes: number[]; platform: number } {
  const takes = parties.map((p) => takeOf(p.model, revenue));
  return { takes, platform: revenue - takes.reduce((a, b) => a + b, 0) };
}

export interface SplitProblem {
  /** Where: `parties.2.model.tiers.1.upTo`, or `parties` for the shares together. */
  path: string;
  /** In English, for the CLI and logs. */
  message: string;
  /** The same for the UI: an i18n key and its values. */
  key: string;
  params: Record<string, string>;
}

/** What is wrong with a set of split models, each located and said in words. */
export function splitProblems(parties: RevenueParty[]): SplitProblem[] {
  const problems: SplitProblem[] = [];
  parties.forEach((p, i) => {
    if (p.model.kind !== 'tiered') return;
    const tiers = p.model.tiers;
    tiers.forEach((tier, j) => {
      const at = `parties.${i}.model.tiers.${j}.upTo`;
      if (tier.upTo === null && j < tiers.length - 1) {
        problems.push({ path: at, message: `${p.name}: tier ${j + 1} has no end, but tier ${j + 2} follows it.`, key: 'revenue.problem.openTier', params: { party: p.name, tier: String(j + 1), next: String(j + 2) } });
      }
      const before = j > 0 ? tiers[j - 1].upTo : 0;
      if (tier.upTo !== null && before !== null && tier.upTo <= before) {
        problems.push({
          path: at,
          message: `${p.name}: tier ${j + 1} ends at ${fmt(tier.upTo)}, not after tier ${j}'s end (${fmt(before)}): the tiers overlap.`,
          key: 'revenue.problem.overlap',
          params: { party: p.name, tier: String(j + 1), end: fmt(tier.upTo), previous: String(j), previousEnd: fmt(before) },
        });
      }
    });
  });
  if (problems.length) return problems;
  // Band by band, the partners' shares of the same revenue may not pass 100%.
  const bounds = [...new Set(parties.flatMap((p) => (p.model.kind === 'tiered' ? p.model.tiers.map((t) => t.upTo).filter((u): u is number => u !== null) : [])))].sort((a, b) => a - b);
  const starts = [0, ...bounds];
  for (let b = 0; b < starts.length; b++) {
    const probe = starts[b] + ((b + 1 < starts.length ? starts[b + 1] : starts[b] + 1) - starts[b]) / 2;
    const total = parties.reduce((sum, p) => sum + marginalShare(p.model, probe), 0);
    if (total > 100 + 1e-9) {
      const closed = b + 1 < starts.length;
      const band = closed ? `from ${fmt(starts[b])} to ${fmt(starts[b + 1])}` : `above ${fmt(starts[b])}`;
      problems.push({
        path: 'parties',
        message: `The partners' shares of revenue ${band} add up to ${round(total)}%, more than 100%.`,
        key: closed ? 'revenue.problem.overBand' : 'revenue.problem.overAbove',
        params: { from: fmt(starts[b]), to: closed ? fmt(starts[b + 1]) : '', total: String(round(total)) },
      });
    }
  }
  return problems;
}

/** The share (in %) a model takes of one more yuan of revenue at this level (fixed fees take none). */
function marginalShare(model: SplitModel, revenue: number): number {
  if (model.kind === 'percent' || model.kind === 'guarantee') return model.share;
  if (model.kind === 'fixed') return 0;
  let from = 0;
  for (const tier of model.tiers) {
    const to = tier.upTo ?? Infinity;
    if (revenue >= from && revenue < to) return tier.share;
    from = to;
  }
  return 0;
}

const fmt = (n: number) => n.toLocaleString('en');
const round = (n: number) => Math.round(n * 100) / 100;
