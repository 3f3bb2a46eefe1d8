/**
 * Where a lift test may lie: on a channel the campaigns spend on, inside the days their
 * weeks cover (a week runs seven days from its period date). The importer and the hand
 * entry check the same rule; the fit checks it again against its training weeks.
 */
const DAY = 86_400_000;

/** The last day of the week that starts on `period` (ISO dates). */
export function lastDayOfWeek(period: string): string {
  return new Date(Date.parse(`${period.slice(0, 10)}T00:00:00Z`) + 6 * DAY).toISOString().slice(0, 10);
}

export interface CampaignSpan {
  /** First and last period, and every channel the periods spend on. */
  from: string;
  to: string;
  channels: string[];
}

/** The first thing wrong with where a test lies, or null: the field, an i18n key and its params. */
export function experimentPlacementProblem(e: { name: string; channel: string; start: string; end: string }, span: CampaignSpan): { field: 'channel' | 'start' | 'end'; message: string; params: Record<string, string> } | null {
  if (!span.channels.includes(e.channel)) return { field: 'channel', message: 'forecast.problem.experimentChannel', params: { name: e.name, channel: e.channel, channels: span.channels.join(', ') } };
  const last = lastDayOfWeek(span.to);
  if (e.start < span.from || e.end > last) return { field: e.start < span.from ? 'start' : 'end', message: 'forecast.problem.experimentOutsideCampaigns', params: { name: e.name, start: e.start, end: e.end, from: span.from, to: last } };
  return null;
}
