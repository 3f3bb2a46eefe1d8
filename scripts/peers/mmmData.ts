// The marketing-mix data sets of ../shared/data, read into the model's input for the bench:
// PyMC-Marketing's example (with documented truth), Robyn's and Meridian's simulated weeks.
import fs from 'node:fs';
import path from 'node:path';
import type { MmmData } from '../../src/main/forecast/mmm/mmm';

const DATA = path.resolve('../shared/data');

function table(file: string): Record<string, string>[] {
  const [head, ...lines] = fs.readFileSync(path.join(DATA, file), 'utf8').trim().split(/\r?\n/);
  const cols = head.split(',').map((c) => c.replace(/"/g, ''));
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v.replace(/"/g, '')])));
}

const numbers = (rows: Record<string, string>[], col: string) => rows.map((r) => Number(r[col]));

export function pymcExample(): MmmData {
  const rows = table('pymc-marketing-mmm/mmm_example.csv');
  return { periods: rows.map((r) => r.date_week), outcome: numbers(rows, 'y'), spend: { x1: numbers(rows, 'x1'), x2: numbers(rows, 'x2') }, controls: { event_1: numbers(rows, 'event_1'), event_2: numbers(rows, 'event_2') } };
}

/** Robyn's demo set-up: the five paid channels' spends; competitor sales, events (categorical) and the newsletter as controls. */
export function robynSimulated(): MmmData {
  const rows = table('robyn-sim/dt_simulated_weekly.csv');
  const channels = ['tv_S', 'ooh_S', 'print_S', 'facebook_S', 'search_S'];
  return {
    periods: rows.map((r) => r.DATE),
    outcome: numbers(rows, 'revenue'),
    spend: Object.fromEntries(channels.map((c) => [c, numbers(rows, c)])),
    controls: { competitor_sales_B: numbers(rows, 'competitor_sales_B'), events: rows.map((r) => r.events), newsletter: numbers(rows, 'newsletter') },
  };
}

/** Meridian's national all-channels set: five channels' spends; the organic channel, competitor sales, sentiment and promo as controls. */
export function meridianSimulated(): MmmData {
  const rows = table('meridian-sim/national_all_channels.csv');
  const channels = [0, 1, 2, 3, 4].map((i) => `Channel${i}_spend`);
  return {
    periods: rows.map((r) => r.time),
    outcome: numbers(rows, 'conversions'),
    spend: Object.fromEntries(channels.map((c) => [c, numbers(rows, c)])),
    controls: Object.fromEntries(['Organic_channel0_impression', 'competitor_sales_control', 'sentiment_score_control', 'Promo'].map((c) => [c, numbers(rows, c)])),
  };
}
