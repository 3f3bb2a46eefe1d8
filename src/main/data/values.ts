/**
 * Reading the values people type into spreadsheets: numbers with thousands separators,
 * currency signs, percent and 万/亿; dates in the forms of both languages and Excel's
 * serial numbers; lists. Each parser answers a value or a reason (English; the UI
 * translates by `code`).
 */

export { bad, good, type Parsed, parseNumber } from '../../shared/numbers';
import { bad, good, type Parsed, quoted } from '../../shared/numbers';

export type DateOrder = 'mdy' | 'dmy';

// How a column of bare numbers is read as time (shared/data.ts): decided once for the whole
// column from its values (timeReadingOf), so `20240501` never means a date on one row and a
// second on the next. Unix time is read as UTC.
export { TIME_READINGS, type TimeReading } from '../../shared/data';
import { TIME_READINGS, type TimeReading } from '../../shared/data';

// The span Unix time is plausible in for logs and exports: 1990-01-01 to 2100-01-01, UTC.
const UNIX_FROM = 631_152_000;
const UNIX_TO = 4_102_444_800;
// Excel serials Tandem reads as dates: from 1908 (a bare 1900–2100 is a year) to 9999-12-31.
const SERIAL_FROM = 3000;
const SERIAL_TO = 2_958_465;

/** What one bare number may be as time (several readings for some, none for most). */
function readingsOfValue(text: string): TimeReading[] {
  if (!/^\d+(\.\d+)?$/.test(text)) return [];
  const n = Number(text);
  const out: TimeReading[] = [];
  const integer = !text.includes('.');
  if (integer && text.length === 8 && validDate(+text.slice(0, 4), +text.slice(4, 6), +text.slice(6, 8))) out.push('yyyymmdd');
  if (integer && n >= UNIX_FROM && n < UNIX_TO) out.push('unixSeconds');
  if (integer && n >= UNIX_FROM * 1000 && n < UNIX_TO * 1000) out.push('unixMillis');
  if (n >= SERIAL_FROM && n <= SERIAL_TO) out.push('excelSerial');
  return out;
}

/**
 * The one reading that fits every non-empty value of a column of bare numbers, or null (not
 * all bare numbers, or no reading fits them all). Where several fit every value, the order of
 * TIME_READINGS decides: yyyymmdd before Unix time before Excel serials.
 */
export function timeReadingOf(values: string[]): TimeReading | null {
  let fits: Set<TimeReading> | null = null;
  for (const raw of values) {
    const text = raw.trim().normalize('NFKC');
    if (text === '') continue;
    const here = readingsOfValue(text);
    fits = new Set(fits === null ? here : here.filter((r) => fits!.has(r)));
    if (fits.size === 0) return null;
  }
  return fits ? (TIME_READINGS.find((r) => fits!.has(r)) ?? null) : null;
}

function isoOf(ms: number, withTime: boolean): string {
  const iso = new Date(ms).toISOString();
  return withTime ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : iso.slice(0, 10);
}

/** A bare number read the column's way; a refusal naming the reading when the value does not fit it. */
function readAs(raw: string, text: string, reading: TimeReading, withTime: boolean): Parsed<string | null> {
  if (!readingsOfValue(text).includes(reading)) return bad('date', `"${quoted(raw)}" is not ${READING_WORDS[reading]}, as the rest of its column is`);
  const n = Number(text);
  switch (reading) {
    case 'yyyymmdd':
      return good(`${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`);
    case 'unixSeconds':
      return good(isoOf(n * 1000, withTime));
    case 'unixMillis':
      return good(isoOf(n, withTime));
    case 'excelSerial': {
      const days = Math.floor(n) - 25569;
      const seconds = Math.round((n - Math.floor(n)) * 86400);
      return good(isoOf(days * 86400000 + seconds * 1000, withTime && seconds !== 0));
    }
  }
}

export const READING_WORDS: Record<TimeReading, string> = {
  yyyymmdd: 'a date written YYYYMMDD',
  unixSeconds: 'Unix time in seconds',
  unixMillis: 'Unix time in milliseconds',
  excelSerial: 'an Excel date serial',
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

function validTime(h: number, min: number, s: number): boolean {
  return h >= 0 && h < 24 && min >= 0 && min < 60 && s >= 0 && s < 61;
}

/**
 * A calendar date as `YYYY-MM-DD`, with `HH:MM:SS` after a space when `withTime` and the
 * text has a time. Reads 2024-05-01, 2024/5/1, 2024.5.1, 20240501, 2024年5月1日,
 * 05/01/2024 in the stated order (month first unless `order` is `dmy`), 1 May 2024,
 * May 1, 2024, ISO date-times, Excel serial numbers (45413) and, for time stamps,
 * Unix seconds or milliseconds.
 */
export function parseDate(raw: string, order: DateOrder = 'mdy', withTime = false, reading?: TimeReading | null): Parsed<string | null> {
  const text = raw.trim().normalize('NFKC');
  if (text === '') return good(null);
  if (reading && /^\d+(\.\d+)?$/.test(text)) return readAs(raw, text, reading, withTime);
  let y = 0;
  let m = 0;
  let d = 0;
  let rest = '';
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(.*)$/.exec(text))) {
    [y, m, d, rest] = [+match[1], +match[2], +match[3], match[4]];
  } else if ((match = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?(.*)$/.exec(text))) {
    [y, m, d, rest] = [+match[1], +match[2], +match[3], match[4]];
  } else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(.*)$/.exec(text))) {
    const [a, b] = [+match[1], +match[2]];
    [m, d] = order === 'dmy' ? [b, a] : [a, b];
    [y, rest] = [+match[3], match[4]];
  } else if ((match = /^(\d{1,2})\s*([a-z]{3})[a-z]*\.?,?\s*(\d{4})(.*)$/i.exec(text)) && MONTHS.includes(match[2].toLowerCase())) {
    [d, m, y, rest] = [+match[1], MONTHS.indexOf(match[2].toLowerCase()) + 1, +match[3], match[4]];
  } else if ((match = /^([a-z]{3})[a-z]*\.?\s*(\d{1,2}),?\s*(\d{4})(.*)$/i.exec(text)) && MONTHS.includes(match[1].toLowerCase())) {
    [m, d, y, rest] = [MONTHS.indexOf(match[1].toLowerCase()) + 1, +match[2], +match[3], match[4]];
  } else if ((match = /^(\d{4})(\d{2})(\d{2})$/.exec(text)) && validDate(+match[1], +match[2], +match[3])) {
    [y, m, d] = [+match[1], +match[2], +match[3]];
  } else if (withTime && /^\d{9,13}$/.test(text) && readingsOfValue(text).some((r) => r === 'unixSeconds' || r === 'unixMillis')) {
    // A time stamp alone (no column reading given): Unix seconds, or milliseconds past 10^11.
    return readAs(raw, text, readingsOfValue(text).includes('unixSeconds') ? 'unixSeconds' : 'unixMillis', true);
  } else if (readingsOfValue(text).includes('excelSerial')) {
    return readAs(raw, text, 'excelSerial', withTime);
  } else {
    return bad('date', `"${quoted(raw)}" is not a date`);
  }
  if (!validDate(y, m, d)) return bad('date', `"${quoted(raw)}" is not a calendar date`);
  const date = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  const time = rest.trim();
  if (time === '') return good(date);
  const t = /^(?:T|\s)*(\d{1,2})(?::|时)(\d{2})(?:(?::|分)(\d{2})(?:\.\d+)?)?秒?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(rest.trim());
  if (!t || !validTime(+t[1], +t[2], +(t[3] ?? 0))) return bad('date', `"${quoted(raw)}" has a time Tandem cannot read`);
  if (!withTime) return good(date);
  // With a zone (Z, +08:00, -0500) the instant is stored in UTC, like Unix time; without one, as written.
  if (t[4]) {
    const zone = t[4].toUpperCase() === 'Z' ? 0 : (t[4][0] === '-' ? -1 : 1) * (+t[4].slice(1, 3) * 60 + +t[4].slice(-2));
    const ms = Date.UTC(y, m - 1, d, +t[1], +t[2], +(t[3] ?? 0)) - zone * 60_000;
    return good(isoOf(ms, true));
  }
  return good(`${date} ${pad(+t[1])}:${t[2]}:${pad(+(t[3] ?? 0))}`);
}

/** A list written in one cell: comma-, 、-, ;- or |-separated, trimmed, each entry once. */
export function parseList(raw: string): string[] {
  if (raw.trim() === '') return [];
  return [...new Set(raw.split(/[,;、，；|]/).map((s) => s.trim()).filter(Boolean))];
}

/** Guesses the day order of a date column from samples: a first part over 12 means day first. */
export function guessDateOrder(samples: string[]): DateOrder | null {
  let verdict: DateOrder | null = null;
  for (const s of samples) {
    const m = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.]\d{4}/.exec(s);
    if (!m) continue;
    if (+m[1] > 12) return 'dmy';
    if (+m[2] > 12) verdict = 'mdy';
  }
  return verdict;
}
