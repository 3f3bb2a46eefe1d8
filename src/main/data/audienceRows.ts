import type { AudienceRow } from '../../shared/datasets';
import type { Open, Reader, RowBuilder } from './rowBuilders';
import { parseNumber } from './values';

/**
 * The audience import's hot path. A million rows go through here, so each row keeps its
 * values in arrays in the file's column order (the profile reads them by index) and its
 * stored JSON arrays are built from the file's own text: a number typed plainly (`12`,
 * `-3.25`) is checked in one pass over its characters and reused as is; anything else
 * (`1,200`, `¥5`, `.5`) goes through `parseNumber` and is written from its value. The
 * keyed objects of AudienceRow are only built if someone asks for them.
 */
export class ImportedAudienceRow implements AudienceRow {
  constructor(
    readonly userId: string,
    /** Feature and attribute names, shared by every row of the import. */
    readonly columns: AudienceColumns,
    /** Feature values in `columns.features` order (null: missing). */
    readonly numbers: (number | null)[],
    /** Attribute values in `columns.attributes` order (null: missing). */
    readonly texts: (string | null)[],
    readonly encoded: { features: string; attributes: string },
  ) {}

  get features(): Record<string, number> {
    const out: Record<string, number> = {};
    this.columns.features.forEach((name, i) => this.numbers[i] !== null && (out[name] = this.numbers[i]!));
    return out;
  }

  get attributes(): Record<string, string> {
    const out: Record<string, string> = {};
    this.columns.attributes.forEach((name, i) => this.texts[i] !== null && (out[name] = this.texts[i]!));
    return out;
  }
}

export interface AudienceColumns {
  features: string[];
  attributes: string[];
}

const PLAIN_TEXT = /^[^"\\\u0000-\u001f]*$/;
const MAX_ID = 200;
const MAX_TEXT = 20000;

export function audienceBuilder(r: Reader, layout: AudienceColumns | undefined): RowBuilder<'audience'> {
  const features = r.openOf('feature');
  const attributes = r.openOf('attribute');
  const columns: AudienceColumns = { features: features.map((o) => o.name), attributes: attributes.map((o) => o.name) };
  const fIndex = features.map((o) => o.index);
  const aIndex = attributes.map((o) => o.index);
  // Where each stored position reads from (-1: a layout name this file lacks, e.g. an append).
  const fOrder = (layout?.features ?? columns.features).map((n) => columns.features.indexOf(n));
  const aOrder = (layout?.attributes ?? columns.attributes).map((n) => columns.attributes.indexOf(n));
  const id = r.known.get('user_id')!;
  const nf = features.length;
  const na = attributes.length;
  const texts = new Array<string>(nf);
  return (f, p) => {
    let userId = f[id.index] ?? '';
    if (needsTrim(userId)) userId = userId.trim();
    if (userId === '') p.push({ column: id.column, value: f[id.index] ?? '', code: 'required', reason: 'user_id is required' });
    else if (userId.length > MAX_ID) p.push({ column: id.column, value: userId, code: 'tooLong', reason: `user_id is longer than ${MAX_ID} characters` });
    const numbers = new Array<number | null>(nf);
    for (let j = 0; j < nf; j++) {
      let raw = f[fIndex[j]] ?? '';
      if (isJsonNumber(raw)) {
        numbers[j] = +raw;
        texts[j] = raw;
        continue;
      }
      raw = raw.trim();
      const parsed = parseNumber(raw);
      if (!parsed.ok) {
        p.push({ column: features[j].column, value: raw, code: parsed.code, reason: `${columns.features[j]}: ${parsed.reason}` });
        numbers[j] = null;
      } else if (parsed.value === null) {
        numbers[j] = null;
        texts[j] = 'null';
      } else {
        numbers[j] = parsed.value;
        texts[j] = isJsonNumber(raw) ? raw : String(parsed.value);
      }
    }
    if (p.length) return null;
    const strs = new Array<string | null>(na);
    for (let j = 0; j < na; j++) {
      let v = f[aIndex[j]] ?? '';
      if (needsTrim(v)) v = v.trim();
      strs[j] = v === '' ? null : v.length > MAX_TEXT ? v.slice(0, MAX_TEXT) : v;
    }
    let fj = '[';
    for (let i = 0; i < fOrder.length; i++) fj += (i ? ',' : '') + (fOrder[i] === -1 ? 'null' : texts[fOrder[i]]);
    let aj = '[';
    for (let i = 0; i < aOrder.length; i++) {
      const v = aOrder[i] === -1 ? null : strs[aOrder[i]];
      aj += (i ? ',' : '') + (v === null ? 'null' : PLAIN_TEXT.test(v) ? `"${v}"` : JSON.stringify(v));
    }
    return new ImportedAudienceRow(userId, columns, numbers, strs, { features: fj + ']', attributes: aj + ']' });
  };
}

function needsTrim(s: string): boolean {
  return s.length > 0 && (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32);
}

/** `12`, `-3.25`, `0.5`: valid JSON numbers as typed (no spaces, signs, separators, leading zeros). */
export function isJsonNumber(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 24) return false;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n) return false;
  let c = s.charCodeAt(i);
  if (c === 48) {
    i++;
  } else if (c >= 49 && c <= 57) {
    while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
  } else return false;
  if (i === n) return true;
  if (s.charCodeAt(i) !== 46 || i + 1 === n) return false;
  for (i++; i < n; i++) {
    c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

