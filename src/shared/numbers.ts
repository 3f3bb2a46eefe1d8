/**
 * Reading a number the way people type it into a spreadsheet or a form field: one reader
 * for the importer and every number field of the app, so `80万`, `¥800,000` and `8e5`
 * mean the same in both. Answers a value or a reason (English; the UI translates by `code`).
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; reason: string };

/** A value quoted in a message, cut to 60 characters: a 1 MB cell must not become a 1 MB reason. */
export function quoted(raw: string): string {
  return raw.length > 60 ? `${raw.slice(0, 57)}…` : raw;
}

export const good = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const bad = (code: string, reason: string): Parsed<never> => ({ ok: false, code, reason });

/** Longer text is not a number anyone typed (and a long digit run must cost linear time). */
const MAX_NUMBER_TEXT = 64;

const CURRENCY = /^(?:[¥￥$€£]|RMB|CNY|USD|EUR|元)|(?:[¥￥$€£]|RMB|CNY|USD|EUR|元)$/i;

/** Whether `text` (trimmed, non-empty) is a plain decimal JS reads the way people mean it. */
function isPlainNumber(text: string): boolean {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0; // '-'
  let digits = 0;
  let dot = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot) dot = true;
    else return false;
  }
  return digits > 0;
}

/**
 * A number from what a spreadsheet shows: `1,234.5`, `¥1,234`, `$ 12`, `12.5%` (0.125),
 * `(1,234)` (negative, as accountants write), `1.2万` (12,000), `3亿`, `1e6`,
 * full-width digits. Empty text is `null` (missing).
 */
export function parseNumber(raw: string): Parsed<number | null> {
  const text = raw.trim();
  if (text === '') return good(null);
  if (isPlainNumber(text)) return good(Number(text));
  let s = text.normalize('NFKC').replace(/\s+/g, '');
  let sign = 1;
  if (/^\(.*\)$/.test(s)) {
    sign = -1;
    s = s.slice(1, -1);
  }
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -sign;
    s = s.slice(1);
  }
  while (CURRENCY.test(s)) s = s.replace(CURRENCY, '');
  if (s.startsWith('-')) {
    sign = -sign;
    s = s.slice(1);
  }
  let scale = 1;
  if (s.endsWith('%')) {
    scale = 0.01;
    s = s.slice(0, -1);
  } else if (s.endsWith('万')) {
    scale = 1e4;
    s = s.slice(0, -1);
  } else if (s.endsWith('亿')) {
    scale = 1e8;
    s = s.slice(0, -1);
  }
  if (s.includes(',')) {
    // Thousands separators only where they group by three: 1,234,567.89
    if (!/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return bad('number', `"${quoted(raw)}" is not a number (misplaced comma)`);
    s = s.replace(/,/g, '');
  }
  if (s.length > MAX_NUMBER_TEXT || !/^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(s)) return bad('number', `"${quoted(raw)}" is not a number`);
  const value = sign * Number(s) * scale;
  if (!Number.isFinite(value)) return bad('number', `"${quoted(raw)}" is too large`);
  // Percent and 万 scaling should not leave binary noise such as 0.12500000000000001.
  return good(scale === 1 ? value : Number(value.toPrecision(15)));
}

/**
 * Text typed into a number field, read as the importer reads a spreadsheet cell: `80万`,
 * `¥800,000`, `8e5`, `1 200`, full-width digits. '' is "no value"; anything else that is not
 * a number is reported, never silently dropped.
 */
export function parseNumberInput(text: string): { value: number | null } | { invalid: true } {
  const r = parseNumber(text.replace(/[_，]/g, (c) => (c === '，' ? ',' : '')));
  return r.ok ? { value: r.value } : { invalid: true };
}

