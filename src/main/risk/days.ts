/** Calendar days as YYYY-MM-DD strings (the checklist's due dates), free of time zones. */

/** The local calendar day of an instant. */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The day `days` before a YYYY-MM-DD day (UTC arithmetic on the date alone). */
export function dueBefore(day: string, days: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) - days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
