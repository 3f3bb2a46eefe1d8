import type { DatasetRows } from '../db/datasetsRepo';
import type { ColumnType } from '../../shared/data';
import type { DatasetKind } from '../../shared/project';

/**
 * A dataset row as flat columns, the way a spreadsheet shows it: used by the table
 * preview, the column profile and the CSV/XLSX export, so all three agree. Open fields
 * keep their own names (`watch_minutes`, `city_tier`), except campaign channels and
 * controls, which keep their prefix (`spend.tv`, `control.holiday`) so a re-import maps
 * them back.
 */
export type FlatValue = string | number | null;
export type FlatRow = Record<string, FlatValue>;

const list = (v: string[]) => (v.length ? v.join(', ') : null);
const text = (v: string) => (v === '' ? null : v);

type Emit = (name: string, value: FlatValue) => void;

function each(values: Record<string, FlatValue>, emit: Emit, prefix = ''): void {
  for (const k in values) emit(prefix + k, values[k]);
}

/** Visits a row's columns in order without building an object (the profile runs this per imported row). */
export const VISIT: { [K in DatasetKind]: (row: DatasetRows[K], emit: Emit) => void } = {
  audience: (r, emit) => {
    emit('user_id', r.userId);
    each(r.features, emit);
    each(r.attributes, emit);
  },
  catalog: (r, emit) => {
    emit('item_id', r.itemId);
    emit('title', r.title);
    emit('description', text(r.description));
    emit('tags', list(r.tags));
    emit('category', text(r.category));
    emit('price', r.price);
    each(r.extra, emit);
  },
  interactions: (r, emit) => {
    emit('user_id', r.userId);
    emit('item_id', r.itemId);
    emit('event', r.event);
    emit('weight', r.weight);
    emit('timestamp', r.ts);
  },
  partners: (r, emit) => {
    emit('partner_id', r.partnerId);
    emit('name', r.name);
    emit('type', text(r.type));
    emit('industry', text(r.industry));
    emit('description', text(r.description));
    emit('tags', list(r.tags));
    emit('audience_size', r.audienceSize);
    emit('audience_profile', text(r.audienceProfile));
    emit('reputation', r.reputation);
    emit('fee', r.fee);
    emit('conflict_tags', list(r.conflictTags));
    each(r.extra, emit);
  },
  collaborations: (r, emit) => {
    emit('partner_a', r.partnerA);
    emit('partner_b', r.partnerB);
    emit('year', r.year);
    emit('kind', text(r.kind));
    emit('outcome', text(r.outcome));
  },
  campaigns: (r, emit) => {
    emit('period', r.period);
    emit('outcome', r.outcome);
    emit('campaign_id', r.campaignId);
    each(r.spend, emit, 'spend.');
    each(r.controls, emit, 'control.');
  },
  actuals: (r, emit) => {
    emit('date', r.date);
    each(r.kpis, emit);
  },
  experiments: (r, emit) => {
    emit('name', text(r.name));
    emit('channel', text(r.channel));
    emit('start', r.start);
    emit('end', r.end);
    emit('lift', r.lift);
    emit('standard_error', r.standardError);
  },
};

export function flatten<K extends DatasetKind>(kind: K, row: DatasetRows[K]): FlatRow {
  const out: FlatRow = {};
  (VISIT[kind] as (row: DatasetRows[K], emit: Emit) => void)(row, (name, value) => (out[name] = value));
  return out;
}

/** Fixed column types by name; open columns are typed by their values. */
const FIXED_TYPES: Partial<Record<DatasetKind, Record<string, ColumnType>>> = {
  audience: { user_id: 'id' },
  catalog: { item_id: 'id', title: 'text', description: 'text', tags: 'list', category: 'text', price: 'number' },
  interactions: { user_id: 'id', item_id: 'id', event: 'text', weight: 'number', timestamp: 'date' },
  partners: {
    partner_id: 'id', name: 'text', type: 'text', industry: 'text', description: 'text', tags: 'list', audience_size: 'number',
    audience_profile: 'text', reputation: 'number', fee: 'number', conflict_tags: 'list',
  },
  collaborations: { partner_a: 'id', partner_b: 'id', year: 'number', kind: 'text', outcome: 'text' },
  campaigns: { period: 'date', outcome: 'number', campaign_id: 'id' },
  actuals: { date: 'date' },
  experiments: { name: 'text', channel: 'text', start: 'date', end: 'date', lift: 'number', standard_error: 'number' },
};

export function fixedColumnType(kind: DatasetKind, column: string): ColumnType | null {
  return FIXED_TYPES[kind]?.[column] ?? null;
}

/** The columns the kind always has, in their order (open ones follow). */
export function fixedColumns(kind: DatasetKind): string[] {
  return Object.keys(FIXED_TYPES[kind] ?? {});
}
