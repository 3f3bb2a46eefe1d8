import type { Plan, PlanView } from '../../shared/plan';

/**
 * What is still missing before the plan can be pitched, step by step, as i18n keys with
 * their parameters: the wizard marks those steps and lists the gaps, the plan is still saved.
 */
export function planGaps(plan: Plan, campaign: PlanView['campaign'], shortlist: PlanView['shortlist'], staleSegments: boolean): PlanView['gaps'] {
  const gaps: PlanView['gaps'] = [];
  const n = (i: number) => ({ n: i + 1 });
  if (!plan.needs.needs.length) gaps.push({ step: 'needs', key: 'plan.gap.noNeeds' });
  if (staleSegments) gaps.push({ step: 'needs', key: 'plan.gap.staleSegments' });
  if (!(campaign.budget > 0)) gaps.push({ step: 'needs', key: 'plan.gap.noBudget' });
  if (!campaign.startDate || !campaign.endDate) gaps.push({ step: 'needs', key: 'plan.gap.noDates' });
  if (!plan.cooperation.model) gaps.push({ step: 'cooperation', key: 'plan.gap.noModel' });
  if (!shortlist.length) gaps.push({ step: 'shortlist', key: 'plan.gap.noShortlist' });
  const fee = shortlist.reduce((s, p) => s + (p.fee ?? 0), 0);
  if (campaign.budget > 0 && fee > campaign.budget) gaps.push({ step: 'shortlist', key: 'plan.gap.overBudget', params: { fee: Math.round(fee), budget: Math.round(campaign.budget) } });
  if (!plan.content.length) gaps.push({ step: 'content', key: 'plan.gap.noContent' });
  plan.content.forEach((c, i) => {
    if (!c.channels.length) gaps.push({ step: 'content', key: 'plan.gap.noChannels', params: n(i) });
    if (!c.start || !c.end) gaps.push({ step: 'content', key: 'plan.gap.noItemDates', params: n(i) });
    else if ((campaign.startDate && c.start < campaign.startDate) || (campaign.endDate && c.end > campaign.endDate)) gaps.push({ step: 'content', key: 'plan.gap.outsideCampaign', params: n(i) });
  });
  const used = new Set(plan.content.flatMap((c) => c.partnerIds));
  for (const p of shortlist) if (plan.content.length && !used.has(p.id)) gaps.push({ step: 'content', key: 'plan.gap.partnerUnused', params: { name: p.name } });
  if (!plan.metrics.length) gaps.push({ step: 'metrics', key: 'plan.gap.noMetrics' });
  plan.metrics.forEach((m, i) => {
    if (m.target === null) gaps.push({ step: 'metrics', key: 'plan.gap.noTarget', params: n(i) });
    if (m.due && campaign.startDate && m.due < campaign.startDate) gaps.push({ step: 'metrics', key: 'plan.gap.dueBeforeStart', params: n(i) });
  });
  return gaps;
}
