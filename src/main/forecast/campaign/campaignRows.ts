import type { Db } from '../../db/connection';

/** One past campaign: its periods added up, with the drivers the campaign-level model reads. */
export interface CampaignRow {
  id: string;
  from: string;
  to: string;
  outcome: number;
  /** budget (all channels' spend), duration_weeks, and each control: numeric averaged over the campaign's periods, categorical its most frequent value. */
  drivers: Record<string, number | string>;
}

/**
 * Past campaigns from the campaigns dataset: the periods that carry a campaign_id, grouped
 * by it. A campaign's budget is its total spend over every channel and its duration the
 * number of its periods (weeks); controls recorded per period (partner type, addressable
 * audience, fee, price…) become the campaign's drivers. Periods without a campaign_id are
 * the always-on baseline and belong to the marketing-mix model, not here.
 */
export function loadCampaignRows(db: Db, projectId: number): CampaignRow[] {
  const rows = db
    .prepare('SELECT period, outcome, spend, controls, campaign_id FROM campaign_periods WHERE project_id = ? AND campaign_id IS NOT NULL AND campaign_id != \'\' ORDER BY period, rowid')
    .all(projectId) as { period: string; outcome: number; spend: string; controls: string; campaign_id: string }[];
  const groups = new Map<string, { periods: Set<string>; outcome: number; budget: number; controls: Record<string, (number | string | null)[]> }>();
  const order: string[] = [];
  for (const r of rows) {
    let g = groups.get(r.campaign_id);
    if (!g) {
      g = { periods: new Set(), outcome: 0, budget: 0, controls: {} };
      groups.set(r.campaign_id, g);
      order.push(r.campaign_id);
    }
    g.periods.add(r.period);
    g.outcome += r.outcome;
    for (const v of Object.values(JSON.parse(r.spend) as Record<string, number | null>)) g.budget += v ?? 0;
    for (const [name, v] of Object.entries(JSON.parse(r.controls) as Record<string, number | string | null>)) (g.controls[name] ??= []).push(v);
  }
  return order.map((id) => {
    const g = groups.get(id)!;
    const periods = [...g.periods].sort();
    const drivers: Record<string, number | string> = { budget: g.budget, duration_weeks: periods.length };
    for (const [name, values] of Object.entries(g.controls)) {
      const v = summarise(values);
      if (v !== null) drivers[name] = v;
    }
    return { id, from: periods[0], to: periods[periods.length - 1], outcome: g.outcome, drivers };
  });
}

/** Numbers averaged; otherwise the most frequent value (ties: the first seen). */
function summarise(values: (number | string | null)[]): number | string | null {
  const present = values.filter((v): v is number | string => v !== null && v !== '');
  if (!present.length) return null;
  if (present.every((v) => typeof v === 'number')) return (present as number[]).reduce((s, v) => s + v, 0) / present.length;
  const counts = new Map<string, number>();
  for (const v of present) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  return [...counts].reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}
