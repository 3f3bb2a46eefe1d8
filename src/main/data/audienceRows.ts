import type { AudienceRow } from '../../shared/datasets';
import { CONTROL, type Reader, type RowBuilder } from './rowBuilders';
import { parseNumber } from './values';

/**
 * The audience import's hot path. A million rows go through here, so each row's features go
 * straight into float64 slabs (the writing thread's column chunks copy from them), and a
 * number typed plainly (`12`, `-3.25`) is checked in one pass over its characters; anything
 * else (`1,200`, `¥5`, `.5`) goes through `parseNumber`. The keyed objects of AudienceRow are only built, from the stored
 * form, if someone asks for them.
 */
export class ImportedAudienceRow implements AudienceRow {
  constructor(
    readonly userId: string,
    /** The stored form, in the dataset's layout order: features (NaN missing), attribute texts. */
    readonly stored: { features: Uint8Array; texts: (string | null)[] },
    private readonly layout: AudienceColumns,
  ) {}

  get features(): Record<string, number> {
    const { features } = this.stored;
    const values = new Float64Array(features.buffer.slice(features.byteOffset, features.byteOffset + features.byteLength));
    return keyed(this.layout.features, Array.from(values, (v) => (Number.isNaN(v) ? null : v)));
  }

  get attributes(): Record<string, string> {
    return keyed(this.layout.attributes, this.stored.texts);
  }
}

function keyed<T>(names: string[], values: (T | null)[]): Record<string, T> {
  const out: Record<string, T> = {};
  names.forEach((name, i) => values[i] !== null && values[i] !== undefined && (out[name] = values[i]!));
  return out;
}

export interface AudienceColumns {
  features: string[];
  attributes: string[];
}

export const MAX_ID = 200;
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
  // Feature blobs are views into shared slabs: a million rows, not a million allocations.
  const width = fOrder.length;
  let slab = new Float64Array(Math.max(1, width) * 4096);
  let used = 0;
  const numbers = new Array<number | null>(nf).fill(null);
  const strs = new Array<string | null>(na).fill(null);
  return (f, p) => {
    let userId = f[id.index] ?? '';
    if (needsTrim(userId)) userId = userId.trim();
    if (userId === '') p.push({ column: id.column, value: f[id.index] ?? '', code: 'required', reason: 'user_id is required' });
    else if (userId.length > MAX_ID) p.push({ column: id.column, value: userId, code: 'tooLong', reason: `user_id is longer than ${MAX_ID} characters` });
    else if (CONTROL.test(userId)) p.push({ column: id.column, value: userId, code: 'control', reason: 'user_id holds control characters' });
    for (let j = 0; j < nf; j++) {
      let raw = f[fIndex[j]] ?? '';
      const quick = plainNumber(raw);
      if (quick === quick) {
        numbers[j] = quick;
        continue;
      }
      raw = raw.trim();
      const parsed = parseNumber(raw);
      if (!parsed.ok) {
        p.push({ column: features[j].column, value: raw, code: parsed.code, reason: `${columns.features[j]}: ${parsed.reason}` });
        numbers[j] = null;
      } else numbers[j] = parsed.value;
    }
    if (p.length) return null;
    for (let j = 0; j < na; j++) {
      let v = f[aIndex[j]] ?? '';
      if (needsTrim(v)) v = v.trim();
      strs[j] = v === '' ? null : v.length > MAX_TEXT ? v.slice(0, MAX_TEXT) : v;
    }
    if (used + width > slab.length) {
      slab = new Float64Array(slab.length);
      used = 0;
    }
    for (let i = 0; i < width; i++) slab[used + i] = fOrder[i] === -1 ? NaN : (numbers[fOrder[i]] ?? NaN);
    const stored = new Uint8Array(slab.buffer, used * 8, width * 8);
    used += width;
    const texts = new Array<string | null>(aOrder.length);
    for (let i = 0; i < aOrder.length; i++) texts[i] = aOrder[i] === -1 ? null : strs[aOrder[i]];
    return new ImportedAudienceRow(userId, { features: stored, texts }, layout ?? columns);
  };
}

/**
 * A number typed plainly (`12`, `-3.25`, `0.5`), read in one pass over its characters;
 * NaN for anything else (empty, spaces, `1,200`, `¥5`, `1e5`, hex), which then goes
 * through parseNumber. Digits become an integer N and the value N / 10^k: both exact
 * doubles while N < 2^53, so the one IEEE division rounds exactly as parsing would.
 */
export function plainNumber(s: string): number {
  const n = s.length;
  if (n === 0 || n > 17) return NaN;
  let i = 0;
  let negative = false;
  if (s.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
    if (n === 1) return NaN;
  }
  let value = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 46 && fraction < 0) fraction = 0;
    else return NaN;
  }
  if (digits === 0 || fraction === 0 || digits > 15) return n > 0 && digits > 15 ? +s : NaN;
  if (fraction > 0) value /= POW10[fraction];
  return negative ? -value : value;
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

function needsTrim(s: string): boolean {
  return s.length > 0 && (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32);
}
