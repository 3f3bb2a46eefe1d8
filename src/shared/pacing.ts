const DAY_MS = 86_400_000;

export interface MonthShare {
  /** `YYYY-MM` */
  month: string;
  days: number;
  amount: number;
}

/**
 * Spreads a budget evenly over the days from `start` to `end` (both included) and sums it
 * per calendar month: the pacing chart of the overview. The amounts add up to the budget.
 */
export function monthlyPacing(budget: number, start: string, end: string): MonthShare[] {
  const from = Date.parse(`${start}T00:00:00Z`);
  const to = Date.parse(`${end}T00:00:00Z`);
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from || !(budget >= 0)) return [];
  const totalDays = Math.round((to - from) / DAY_MS) + 1;
  const months: MonthShare[] = [];
  let cursor = from;
  while (cursor <= to) {
    const d = new Date(cursor);
    const nextMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    const last = Math.min(to, nextMonth - DAY_MS);
    const days = Math.round((last - cursor) / DAY_MS) + 1;
    months.push({ month: d.toISOString().slice(0, 7), days, amount: (budget * days) / totalDays });
    cursor = nextMonth;
  }
  return months;
}
