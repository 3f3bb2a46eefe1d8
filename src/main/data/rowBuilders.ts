import type { DatasetRows } from '../db/datasetsRepo';
import { IGNORE, KIND_FIELDS, type FieldDef, type Mapping } from '../../shared/fields';
import type { DatasetKind } from '../../shared/project';
import { audienceBuilder } from './audienceRows';
import { type DateOrder, type Parsed, parseDate, parseList, parseNumber, type TimeReading } from './values';

/**
 * Turns one record of a file into one dataset row under a mapping, or reports why not.
 * Each kind's builder reads its known fields by column index (found once, not per row)
 * and gathers the open fields (features, attributes, spend, controls, KPIs, extras).
 */
export interface RowProblem {
  column: string;
  value: string;
  code: string;
  reason: string;
}

export type RowBuilder<K extends DatasetKind> = (fields: string[], problems: RowProblem[]) => DatasetRows[K] | null;

const MAX_ID = 200;
const MAX_TEXT = 20000;
/** Ids never hold control characters (a broken export); refusing them also keeps them safe to pass between threads. */
export const CONTROL = /[\u0000-\u001f\u007f]/;

interface Known {
  index: number;
  column: string;
  def: FieldDef;
}

export interface Open {
  index: number;
  column: string;
  prefix: string;
  name: string;
}

export class Reader {
  readonly known = new Map<string, Known>();
  readonly open: Open[] = [];

  constructor(
    kind: DatasetKind,
    headers: string[],
    mapping: Mapping,
    readonly dateOrder: DateOrder,
    /** Per column: how its bare numbers read as time, decided from the sample (sample.ts). */
    private readonly timeReadings: Record<string, TimeReading> = {},
  ) {
    headers.forEach((column, index) => {
      const target = mapping[column];
      if (!target || target === IGNORE) return;
      const def = KIND_FIELDS[kind].find((f) => f.name === target);
      if (def) this.known.set(def.name, { index, column, def });
      else {
        const dot = target.indexOf('.');
        this.open.push({ index, column, prefix: target.slice(0, dot), name: target.slice(dot + 1) });
      }
    });
  }

  openOf(prefix: string): Open[] {
    return this.open.filter((o) => o.prefix === prefix);
  }

  /** A field's value checked against its definition; `undefined` when it was refused. */
  get(name: string, fields: string[], problems: RowProblem[]): string | number | null | string[] | undefined {
    const k = this.known.get(name);
    if (!k) return null;
    const raw = fields[k.index] ?? '';
    const problem = (code: string, reason: string) => {
      problems.push({ column: k.column, value: raw, code, reason });
      return undefined;
    };
    const { def } = k;
    switch (def.type) {
      case 'id': {
        const v = raw.trim();
        if (v === '') return def.required ? problem('required', `${def.name} is required`) : null;
        if (v.length > MAX_ID) return problem('tooLong', `${def.name} is longer than ${MAX_ID} characters`);
        if (CONTROL.test(v)) return problem('control', `${def.name} holds control characters`);
        return v;
      }
      case 'text': {
        const v = raw.trim();
        if (v === '') return def.required ? problem('required', `${def.name} is required`) : null;
        if (v.length > MAX_TEXT) return problem('tooLong', `${def.name} is longer than ${MAX_TEXT} characters`);
        return v;
      }
      case 'list':
        return parseList(raw);
      case 'number':
      case 'integer': {
        const p = parseNumber(raw);
        if (!p.ok) return problem(p.code, p.reason);
        if (p.value === null) return def.required ? problem('required', `${def.name} is required`) : null;
        if (def.type === 'integer' && !Number.isInteger(p.value)) return problem('integer', `${def.name} must be a whole number`);
        if (def.min !== undefined && p.value < def.min) return problem('min', `${def.name} must be at least ${def.min}`);
        if (def.max !== undefined && p.value > def.max) return problem('max', `${def.name} must be at most ${def.max}`);
        return p.value;
      }
      case 'date':
      case 'datetime': {
        const p = parseDate(raw, this.dateOrder, def.type === 'datetime', this.timeReadings[k.column]);
        if (!p.ok) return problem(p.code, p.reason);
        if (p.value === null) return def.required ? problem('required', `${def.name} is required`) : null;
        return p.value;
      }
    }
  }
}

/** Open numeric values (features, spend, KPIs): numbers, refused when not. */
function openNumbers(
  open: Open[],
  fields: string[],
  problems: RowProblem[],
  opts: { min?: number; emptyAs?: number } = {},
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of open) {
    const raw = fields[o.index] ?? '';
    const p: Parsed<number | null> = parseNumber(raw);
    if (!p.ok) problems.push({ column: o.column, value: raw, code: p.code, reason: `${o.name}: ${p.reason}` });
    else if (p.value === null) {
      if (opts.emptyAs !== undefined) out[o.name] = opts.emptyAs;
    } else if (opts.min !== undefined && p.value < opts.min) {
      problems.push({ column: o.column, value: raw, code: 'min', reason: `${o.name} must be at least ${opts.min}` });
    } else out[o.name] = p.value;
  }
  return out;
}

/** Open values that may be either (extras, controls): numbers where the text is a plain number. */
function openMixed(open: Open[], fields: string[]): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const o of open) {
    const v = (fields[o.index] ?? '').trim();
    if (v === '') continue;
    const p = parseNumber(v);
    out[o.name] = p.ok && p.value !== null && /^[-+]?[\d.,]+(e[-+]?\d+)?$/i.test(v) ? p.value : v;
  }
  return out;
}

const str = (v: unknown) => v as string;
const strOr = (v: unknown, fallback: string) => (v === null || v === undefined ? fallback : (v as string));
const num = (v: unknown) => (v === undefined ? null : (v as number | null));
const listOf = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);

export function rowBuilder<K extends DatasetKind>(
  kind: K,
  headers: string[],
  mapping: Mapping,
  dates: { order: DateOrder; readings: Record<string, TimeReading> },
  audienceLayout?: { features: string[]; attributes: string[] },
): RowBuilder<K> {
  const r = new Reader(kind, headers, mapping, dates.order, dates.readings);
  const builders: { [T in DatasetKind]: () => RowBuilder<T> } = {
    audience: () => audienceBuilder(r, audienceLayout),
    catalog: () => {
      const extra = r.openOf('extra');
      return (f, p) => {
        const row = {
          itemId: str(r.get('item_id', f, p)),
          title: str(r.get('title', f, p)),
          description: strOr(r.get('description', f, p), ''),
          tags: listOf(r.get('tags', f, p)),
          category: strOr(r.get('category', f, p), ''),
          price: num(r.get('price', f, p)),
          extra: openMixed(extra, f),
        };
        return p.length ? null : row;
      };
    },
    interactions: () => (f, p) => {
      const row = {
        userId: str(r.get('user_id', f, p)),
        itemId: str(r.get('item_id', f, p)),
        event: strOr(r.get('event', f, p), 'view').toLowerCase(),
        weight: num(r.get('weight', f, p)) ?? 1,
        ts: r.get('timestamp', f, p) as string | null,
      };
      return p.length ? null : row;
    },
    partners: () => {
      const extra = r.openOf('extra');
      return (f, p) => {
        const row = {
          partnerId: str(r.get('partner_id', f, p)),
          name: str(r.get('name', f, p)),
          type: strOr(r.get('type', f, p), ''),
          industry: strOr(r.get('industry', f, p), ''),
          description: strOr(r.get('description', f, p), ''),
          tags: listOf(r.get('tags', f, p)),
          audienceSize: num(r.get('audience_size', f, p)),
          audienceProfile: strOr(r.get('audience_profile', f, p), ''),
          reputation: num(r.get('reputation', f, p)),
          fee: num(r.get('fee', f, p)),
          conflictTags: listOf(r.get('conflict_tags', f, p)),
          extra: openMixed(extra, f),
        };
        return p.length ? null : row;
      };
    },
    collaborations: () => (f, p) => {
      const row = {
        partnerA: str(r.get('partner_a', f, p)),
        partnerB: str(r.get('partner_b', f, p)),
        year: num(r.get('year', f, p)),
        kind: strOr(r.get('kind', f, p), ''),
        outcome: strOr(r.get('outcome', f, p), ''),
      };
      if (!p.length && row.partnerA === row.partnerB) {
        const k = r.known.get('partner_b')!;
        p.push({ column: k.column, value: row.partnerB, code: 'selfEdge', reason: 'a partner cannot collaborate with itself' });
      }
      return p.length ? null : row;
    },
    campaigns: () => {
      const spend = r.openOf('spend');
      const controls = r.openOf('control');
      return (f, p) => {
        const row = {
          period: str(r.get('period', f, p)),
          outcome: r.get('outcome', f, p) as number,
          // A blank spend cell in period data means nothing was spent that week.
          spend: openNumbers(spend, f, p, { min: 0, emptyAs: 0 }),
          controls: openMixed(controls, f),
          campaignId: (r.get('campaign_id', f, p) as string | null) ?? null,
        };
        return p.length ? null : row;
      };
    },
    actuals: () => {
      const kpis = r.openOf('kpi');
      return (f, p) => {
        const row = { date: str(r.get('date', f, p)), kpis: openNumbers(kpis, f, p) };
        return p.length ? null : row;
      };
    },
    experiments: () => (f, p) => {
      const field = (name: string) => r.known.get(name);
      const refuse = (name: string, code: string, reason: string) => {
        const k = field(name)!;
        p.push({ column: k.column, value: f[k.index] ?? '', code, reason });
      };
      const row = {
        name: strOr(r.get('name', f, p), ''),
        channel: str(r.get('channel', f, p)).trim(),
        start: str(r.get('start', f, p)),
        end: str(r.get('end', f, p)),
        lift: r.get('lift', f, p) as number,
        standardError: num(r.get('standard_error', f, p)),
      };
      const low = num(r.get('ci_low', f, p));
      const high = num(r.get('ci_high', f, p));
      if (p.length) return null;
      if (row.end < row.start) refuse('end', 'endBeforeStart', `the test ends (${row.end}) before it starts (${row.start})`);
      // Without a standard error, a 95% interval gives one: its width over 2 × 1.96.
      if (row.standardError === null && low !== null && high !== null) {
        if (high > low) row.standardError = (high - low) / 3.92;
        else refuse('ci_high', 'emptyInterval', `the interval's upper end (${high}) must lie above its lower end (${low})`);
      } else if (row.standardError === null) refuse(field('standard_error') ? 'standard_error' : 'ci_low', 'noError', 'the test gives neither a standard error nor an interval');
      else if (!(row.standardError > 0)) refuse('standard_error', 'nonPositiveError', `a standard error must be above 0 (got ${row.standardError})`);
      if (!row.name) row.name = `${row.channel} ${row.start}`;
      return p.length ? null : { ...row, standardError: row.standardError as number };
    },
  };
  return builders[kind]() as RowBuilder<K>;
}

/**
 * The key that must be unique within a kind (null: the kind has none). `table: true` when the
 * table's primary key enforces it; otherwise the importer keeps a set (`column` reads the
 * stored keys for an append).
 */
export const ROW_KEYS: {
  [K in DatasetKind]: { field: string; table: boolean; column: string; of: (row: DatasetRows[K]) => string } | null;
} = {
  // The audience store's id set refuses a repeated user, as a table's key would.
  audience: { field: 'user_id', table: true, column: 'user_id', of: (r) => r.userId },
  catalog: { field: 'item_id', table: true, column: 'item_id', of: (r) => r.itemId },
  interactions: null,
  partners: { field: 'partner_id', table: true, column: 'partner_id', of: (r) => r.partnerId },
  collaborations: null,
  campaigns: {
    field: 'period',
    table: false,
    column: "coalesce(campaign_id, '') || char(31) || period",
    of: (r) => `${r.campaignId ?? ''}\u001f${r.period}`,
  },
  actuals: { field: 'date', table: true, column: 'date', of: (r) => r.date },
  experiments: null,
};
