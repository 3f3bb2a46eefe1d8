import type { ChannelFit } from './forecast';

/** What the forecasts take from the project: its budget and its campaign dates. */
export interface ProjectFrameInput {
  budget: number;
  startDate: string | null;
  endDate: string | null;
}

/**
 * The campaign the forecasts plan for, on the fitted model's weekly grid: the project's own
 * weeks and budget when it states them, else the weeks right after the history at today's
 * spend. Scenarios, the allocator and the Bass curve all start from it (the strategist may
 * change each), and whatever is planned beyond it is flagged.
 */
export interface CampaignFrame {
  /** First campaign week (a date on the history's weekly grid) and the number of weeks. */
  start: string;
  weeks: number;
  /** Where the weeks come from: the project's dates, or (none set, or inside the history) after it. */
  datesFrom: 'project' | 'history';
  /** Weekly media budget: the project's budget spread evenly over its weeks, or today's weekly spend. */
  weeklyBudget: number;
  budgetFrom: 'project' | 'history';
  /** The project's whole budget (null when it sets none). */
  budget: number | null;
  /** Today's channel mix scaled to the weekly budget, and ±30% of it as the allocator's default bounds. */
  split: Record<string, number>;
  bounds: Record<string, [number, number]>;
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const DEFAULT_WEEKS = 12;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);

export function campaignFrame(project: ProjectFrameInput, fit: { channels: Pick<ChannelFit, 'name' | 'averageSpend'>[]; lastWeek: string }): CampaignFrame {
  const last = ms(fit.lastWeek);
  let offset = 1;
  let weeks = DEFAULT_WEEKS;
  let datesFrom: CampaignFrame['datesFrom'] = 'history';
  if (project.startDate && ms(project.startDate) > last) {
    // The first grid week on or after the campaign's start (grid weeks are the history's).
    offset = Math.max(1, Math.ceil((ms(project.startDate) - last) / WEEK - 1e-9));
    datesFrom = 'project';
    if (project.endDate && project.endDate >= project.startDate) {
      const first = last + offset * WEEK;
      weeks = Math.max(1, Math.round((ms(project.endDate) + DAY - first) / WEEK));
    }
  }
  const today = fit.channels.reduce((s, c) => s + c.averageSpend, 0);
  const budget = project.budget > 0 ? project.budget : null;
  const weeklyBudget = budget !== null ? budget / weeks : today;
  const scale = today > 0 ? weeklyBudget / today : 0;
  const split = Object.fromEntries(fit.channels.map((c) => [c.name, round(c.averageSpend * scale)]));
  const bounds = boundsFor(fit.channels, weeklyBudget);
  return { start: iso(last + offset * WEEK), weeks, datesFrom, weeklyBudget: round(weeklyBudget), budgetFrom: budget !== null ? 'project' : 'history', budget, split, bounds };
}

/** ±30% around today's channel mix scaled to a weekly budget: the allocator's default bounds. */
export function boundsFor(channels: Pick<ChannelFit, 'name' | 'averageSpend'>[], weeklyBudget: number): Record<string, [number, number]> {
  const today = channels.reduce((s, c) => s + c.averageSpend, 0);
  const scale = today > 0 ? weeklyBudget / today : 0;
  return Object.fromEntries(channels.map((c) => [c.name, [round(0.7 * c.averageSpend * scale), round(1.3 * c.averageSpend * scale)] as [number, number]]));
}

/** The weeks of a plan: `weeks` grid weeks from `start`. */
export function planWeeks(start: string, weeks: number): string[] {
  return Array.from({ length: weeks }, (_, k) => iso(ms(start) + k * WEEK));
}

/** What a plan does beyond the project: its spend over the budget, its weeks outside the campaign dates. */
export interface PlanFlags {
  /** Total spend above the project's budget (null when within it or the project sets none). */
  overBudget: number | null;
  /** Weeks that start before the campaign's start or after its end (empty when the project sets no dates). */
  outsideDates: string[];
}

export function planFlags(project: ProjectFrameInput, weeks: string[], totalSpend: number): PlanFlags {
  // Weekly amounts are rounded for display: an excess within 0.05% of the budget is that rounding.
  const over = project.budget > 0 && totalSpend > project.budget * (1 + 5e-4) ? round(totalSpend - project.budget) : null;
  const outside = weeks.filter((w) => (project.startDate !== null && w < project.startDate) || (project.endDate !== null && w > project.endDate));
  return { overBudget: over, outsideDates: outside };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
