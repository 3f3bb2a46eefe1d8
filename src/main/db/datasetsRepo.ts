import type {
  ActualsRow,
  AudienceRow,
  CampaignPeriodRow,
  CatalogRow,
  CollaborationRow,
  ExperimentRow,
  InteractionRow,
  PartnerRow,
} from '../../shared/datasets';
import type { CampaignSpan } from '../../shared/experiments';
import type { DatasetKind } from '../../shared/project';
import type Database from 'better-sqlite3';
import type { Db } from './connection';
import { CHUNKS_TABLE } from './audienceChunks';
import { type AudienceColumnsData, type AudienceLayout, AudienceStore, type ColumnRequest, type FeatureBlock } from './audienceStore';
import { AudienceKeys } from './audienceKeys';
import { StoredRowReader } from './audienceWriter';

export type { AudienceColumnsData, AudienceLayout } from './audienceStore';

export interface DatasetRows {
  audience: AudienceRow;
  catalog: CatalogRow;
  interactions: InteractionRow;
  partners: PartnerRow;
  collaborations: CollaborationRow;
  campaigns: CampaignPeriodRow;
  actuals: ActualsRow;
  experiments: ExperimentRow;
}

const json = (v: unknown) => JSON.stringify(v);

/** `{a: 1, c: 3}` under names [a, b, c] → `[1, NaN, 3]` / `['x', null, 'z']`: a row in layout order. */
function inLayout<T, M>(names: readonly string[], values: Record<string, T>, missing: M): (T | M)[] {
  return names.map((n) => (values[n] === undefined ? missing : values[n]));
}

/** The layout that holds every key of these rows, in first-seen order. */
export function layoutOf(rows: readonly AudienceRow[]): AudienceLayout {
  const features = new Set<string>();
  const attributes = new Set<string>();
  for (const r of rows) {
    for (const k in r.features) features.add(k);
    for (const k in r.attributes) attributes.add(k);
  }
  return { features: [...features], attributes: [...attributes] };
}

const NO_LAYOUT: AudienceLayout = { features: [], attributes: [] };

/** How one row of each kind becomes one table row: the table, its columns, the values. */
const WRITERS: {
  [K in DatasetKind]: { table: string; columns: string[]; values: (projectId: number, r: DatasetRows[K], layout: AudienceLayout) => unknown[] };
} = {
  // Not a table of rows: these values go to the column chunks (AudienceChunkWriter.add) as
  // (project, user, features as float64 bytes, then one text per layout attribute).
  audience: {
    table: CHUNKS_TABLE,
    columns: ['project_id', 'user_id', 'features'],
    values: (p, r, layout) =>
      r.stored
        ? [p, r.userId, r.stored.features, ...r.stored.texts]
        : [p, r.userId, new Uint8Array(Float64Array.from(inLayout(layout.features, r.features, NaN)).buffer), ...inLayout(layout.attributes, r.attributes, null)],
  },
  catalog: {
    table: 'catalog_items',
    columns: ['project_id', 'item_id', 'title', 'description', 'tags', 'category', 'price', 'extra'],
    values: (p, r) => [p, r.itemId, r.title, r.description, json(r.tags), r.category, r.price, json(r.extra)],
  },
  interactions: {
    table: 'interactions',
    columns: ['project_id', 'user_id', 'item_id', 'event', 'weight', 'ts'],
    values: (p, r) => [p, r.userId, r.itemId, r.event, r.weight, r.ts],
  },
  partners: {
    table: 'partners',
    columns: [
      'project_id', 'partner_id', 'name', 'type', 'industry', 'description', 'tags', 'audience_size',
      'audience_profile', 'reputation', 'fee', 'conflict_tags', 'extra',
    ],
    values: (p, r) => [
      p, r.partnerId, r.name, r.type, r.industry, r.description, json(r.tags), r.audienceSize,
      r.audienceProfile, r.reputation, r.fee, json(r.conflictTags), json(r.extra),
    ],
  },
  collaborations: {
    table: 'collaborations',
    columns: ['project_id', 'partner_a', 'partner_b', 'year', 'kind', 'outcome'],
    values: (p, r) => [p, r.partnerA, r.partnerB, r.year, r.kind, r.outcome],
  },
  campaigns: {
    table: 'campaign_periods',
    columns: ['project_id', 'period', 'outcome', 'spend', 'controls', 'campaign_id'],
    values: (p, r) => [p, r.period, r.outcome, json(r.spend), json(r.controls), r.campaignId],
  },
  actuals: {
    table: 'actuals',
    columns: ['project_id', 'date', 'kpis'],
    values: (p, r) => [p, r.date, json(r.kpis)],
  },
  experiments: {
    table: 'experiments',
    columns: ['project_id', 'name', 'channel', 'start_date', 'end_date', 'lift', 'standard_error'],
    values: (p, r) => [p, r.name, r.channel, r.start, r.end, r.lift, r.standardError],
  },
};

/**
 * Rows per INSERT statement. One statement per row spends most of its time crossing from JS
 * into SQLite; 64 rows per statement (at most 13 × 64 = 832 bound values) cuts that ~3×.
 */
const BATCH = 64;

function insertSql(table: string, columns: string[], rows: number): string {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
}

/** How a table row becomes a dataset row again (JSON columns parsed). */
type DbRow = Record<string, unknown>;
const parse = <T>(v: unknown, fallback: T): T => (typeof v === 'string' ? (JSON.parse(v) as T) : fallback);
const READERS: { [K in Exclude<DatasetKind, 'audience'>]: (r: DbRow) => DatasetRows[K] } = {
  catalog: (r) => ({
    itemId: r.item_id as string, title: r.title as string, description: r.description as string, tags: parse(r.tags, []),
    category: r.category as string, price: r.price as number | null, extra: parse(r.extra, {}),
  }),
  interactions: (r) => ({ userId: r.user_id as string, itemId: r.item_id as string, event: r.event as string, weight: r.weight as number, ts: r.ts as string | null }),
  partners: (r) => ({
    partnerId: r.partner_id as string, name: r.name as string, type: r.type as string, industry: r.industry as string,
    description: r.description as string, tags: parse(r.tags, []), audienceSize: r.audience_size as number | null,
    audienceProfile: r.audience_profile as string, reputation: r.reputation as number | null, fee: r.fee as number | null,
    conflictTags: parse(r.conflict_tags, []), extra: parse(r.extra, {}),
  }),
  collaborations: (r) => ({ partnerA: r.partner_a as string, partnerB: r.partner_b as string, year: r.year as number | null, kind: r.kind as string, outcome: r.outcome as string }),
  campaigns: (r) => ({ period: r.period as string, outcome: r.outcome as number, spend: parse(r.spend, {}), controls: parse(r.controls, {}), campaignId: r.campaign_id as string | null }),
  actuals: (r) => ({ date: r.date as string, kpis: parse(r.kpis, {}) }),
  experiments: (r) => ({ name: r.name as string, channel: r.channel as string, start: r.start_date as string, end: r.end_date as string, lift: r.lift as number, standardError: r.standard_error as number }),
};

/** The order rows are read back in: the order they were written (key order for keyed tables). */
const ORDER: Record<Exclude<DatasetKind, 'audience'>, string> = {
  catalog: 'item_id',
  interactions: 'rowid',
  partners: 'partner_id',
  collaborations: 'rowid',
  campaigns: 'period, rowid',
  actuals: 'date',
  experiments: 'start_date, rowid',
};

export const datasetTable = (kind: DatasetKind): string => WRITERS[kind].table;

export interface DatasetMeta {
  rows: number;
  source: string | null;
  importedAt: string;
  mapping?: unknown;
  profile?: unknown;
  /** Audience only: the order of its stored arrays. */
  layout?: AudienceLayout;
}

/** Appends rows in batches; the caller owns the transaction. */
export interface DatasetWriter<K extends DatasetKind> {
  /** `line` travels with the row to `onDuplicate`. */
  add(row: DatasetRows[K], line?: number): void;
  /** Writes what is buffered; returns the rows written in all. */
  finish(): number;
}

export interface WriterHooks<K extends DatasetKind> {
  /** Each row once it is in the table. */
  onWritten?(row: DatasetRows[K]): void;
  /**
   * A row whose key the table already holds (from this file or before). Without this hook
   * the constraint error is thrown. The table's primary key does this check: a JavaScript
   * Set of a million keys would cost more than the insert itself.
   */
  onDuplicate?(row: DatasetRows[K], line: number): void;
}

const isDuplicateKey = (e: unknown) => (e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY';

/** Appends one row's table values (project id first, then the key) to a flat batch. */
export function pushRowValues<K extends DatasetKind>(out: unknown[], kind: K, projectId: number, row: DatasetRows[K], layout: AudienceLayout = NO_LAYOUT): void {
  const stored = kind === 'audience' ? (row as AudienceRow).stored : undefined;
  if (stored) {
    // The import's hot path: no intermediate array.
    out.push(projectId, (row as AudienceRow).userId, stored.features);
    for (let i = 0; i < stored.texts.length; i++) out.push(stored.texts[i]);
    return;
  }
  const v = (WRITERS[kind] as (typeof WRITERS)[K]).values(projectId, row, layout);
  for (let i = 0; i < v.length; i++) out.push(v[i]);
}

/**
 * Which of a kind's table columns never hold a control character: JSON text (attributes,
 * tags, spend…) escapes them, and the key (the second column) is refused with one.
 */
export const cleanColumns = (kind: DatasetKind, layout: AudienceLayout = NO_LAYOUT): boolean[] => [
  ...WRITERS[kind].columns.map((c, i) => i === 1 || ['tags', 'extra', 'conflict_tags', 'spend', 'controls', 'kpis'].includes(c)),
  // An audience's attribute texts may hold anything.
  ...(kind === 'audience' ? layout.attributes.map(() => false) : []),
];

/** How many values one row of a kind takes. */
export const rowWidth = (kind: DatasetKind, layout: AudienceLayout = NO_LAYOUT): number => WRITERS[kind].columns.length + (kind === 'audience' ? layout.attributes.length : 0);

/**
 * Inserts flat batches of table values, BATCH rows per statement. With `allowDuplicates`,
 * a batch the primary key refuses is retried row by row and the refused rows' indexes
 * returned; otherwise the constraint error is thrown. The table's key does the duplicate
 * check: a JavaScript Set of a million keys would cost more than the insert itself.
 */
export class BatchInserter {
  private readonly width: number;
  private readonly full: Database.Statement;
  private readonly single: Database.Statement;

  constructor(
    private readonly db: Db,
    private readonly kind: DatasetKind,
  ) {
    const w = WRITERS[kind];
    this.width = w.columns.length;
    this.full = db.prepare(insertSql(w.table, w.columns, BATCH));
    this.single = db.prepare(insertSql(w.table, w.columns, 1));
  }

  insert(values: unknown[], count: number, allowDuplicates: boolean): number[] {
    const duplicates: number[] = [];
    for (let start = 0; start < count; start += BATCH) {
      const n = Math.min(BATCH, count - start);
      const slice = start === 0 && n === count ? values : values.slice(start * this.width, (start + n) * this.width);
      try {
        (n === BATCH ? this.full : this.db.prepare(insertSql(WRITERS[this.kind].table, WRITERS[this.kind].columns, n))).run(slice);
      } catch (e) {
        if (!isDuplicateKey(e) || !allowDuplicates) throw e;
        // The failed statement wrote nothing; row by row finds the duplicates.
        for (let i = 0; i < n; i++) {
          try {
            this.single.run(slice.slice(i * this.width, (i + 1) * this.width));
          } catch (err) {
            if (!isDuplicateKey(err)) throw err;
            duplicates.push(start + i);
          }
        }
      }
    }
    return duplicates;
  }
}

/**
 * Typed SQL access to datasets. Callers wrap a logical write (a whole import, the demo) in
 * one transaction; long writes report progress through `onRow` and are cancelled by a throw.
 * The audience is stored as column chunks (AudienceStore); every other kind as table rows.
 */
export class DatasetsRepo {
  readonly audience: AudienceStore;

  constructor(private readonly db: Db) {
    this.audience = new AudienceStore(db);
  }

  /** Audience rows need the layout their arrays follow (the one `setMeta` then records). */
  writer<K extends DatasetKind>(projectId: number, kind: K, layout: AudienceLayout = NO_LAYOUT, hooks: WriterHooks<K> = {}): DatasetWriter<K> {
    if (!this.db.inTransaction) throw new Error('dataset writes must run inside a transaction');
    if (kind === 'audience') return this.audienceWriter(projectId, layout, hooks as WriterHooks<'audience'>) as unknown as DatasetWriter<K>;
    const inserter = new BatchInserter(this.db, kind);
    let values: unknown[] = [];
    let rows: DatasetRows[K][] = [];
    let lines: number[] = [];
    let written = 0;
    const flush = () => {
      if (rows.length === 0) return;
      const duplicates = inserter.insert(values, rows.length, !!hooks.onDuplicate);
      written += rows.length - duplicates.length;
      const refused = new Set(duplicates);
      rows.forEach((row, i) => {
        if (refused.has(i)) hooks.onDuplicate!(row, lines[i]);
        else hooks.onWritten?.(row);
      });
      values = [];
      rows = [];
      lines = [];
    };
    return {
      add(row, line = 0) {
        pushRowValues(values, kind, projectId, row, layout);
        rows.push(row);
        lines.push(line);
        if (rows.length === BATCH) flush();
      },
      finish() {
        flush();
        return written;
      },
    };
  }

  /** Users into column chunks; a user id seen before (in these rows or stored) is a duplicate. */
  private audienceWriter(projectId: number, layout: AudienceLayout, hooks: WriterHooks<'audience'>): DatasetWriter<'audience'> {
    const chunks = this.audience.writer(projectId, layout);
    const keys = new AudienceKeys(this.audience, projectId, true);
    const reader = new StoredRowReader({ features: layout.features.length, attributes: layout.attributes.length });
    const values: unknown[] = [];
    return {
      add(row, line = 0) {
        if (!keys.accept(row.userId)) {
          if (!hooks.onDuplicate) throw Object.assign(new Error(`UNIQUE constraint failed: audience user_id ${row.userId}`), { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
          hooks.onDuplicate(row, line);
          return;
        }
        values.length = 0;
        pushRowValues(values, 'audience', projectId, row, layout);
        chunks.add(reader.read(values, 0), reader.features, reader.texts);
        hooks.onWritten?.(row);
      },
      finish: () => chunks.finish(),
    };
  }

  /** Replaces a kind's rows and its summary line. Must run inside the caller's transaction. */
  replace<K extends DatasetKind>(
    projectId: number,
    kind: K,
    rows: readonly DatasetRows[K][],
    meta: Omit<DatasetMeta, 'rows'>,
    onRow?: (index: number) => void,
  ): void {
    this.clear(projectId, kind);
    const layout = kind === 'audience' ? layoutOf(rows as readonly AudienceRow[]) : undefined;
    const writer = this.writer(projectId, kind, layout);
    rows.forEach((row, i) => {
      writer.add(row);
      if (onRow && i % 5000 === 0) onRow(i);
    });
    this.setMeta(projectId, kind, { ...meta, layout, rows: writer.finish() });
  }

  clear(projectId: number, kind: DatasetKind): void {
    if (kind === 'audience') this.audience.clear(projectId);
    else this.db.prepare(`DELETE FROM ${WRITERS[kind].table} WHERE project_id = ?`).run(projectId);
  }

  setMeta(projectId: number, kind: DatasetKind, meta: DatasetMeta): void {
    this.db
      .prepare(
        `INSERT INTO datasets (project_id, kind, rows, source, imported_at, mapping, profile, layout) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(project_id, kind) DO UPDATE SET rows = excluded.rows, source = excluded.source,
           imported_at = excluded.imported_at, mapping = excluded.mapping, profile = excluded.profile, layout = excluded.layout`,
      )
      .run(
        projectId, kind, meta.rows, meta.source, meta.importedAt,
        meta.mapping === undefined ? null : json(meta.mapping), meta.profile === undefined ? null : json(meta.profile),
        meta.layout === undefined ? null : json(meta.layout),
      );
  }

  /** The audience layout recorded for a project (empty when it has no audience). */
  layout(projectId: number): AudienceLayout {
    const raw = this.db.prepare("SELECT layout FROM datasets WHERE project_id = ? AND kind = 'audience'").pluck().get(projectId);
    return parse(raw, NO_LAYOUT);
  }

  count(projectId: number, kind: DatasetKind): number {
    if (kind === 'audience') return this.audience.count(projectId);
    const row = this.db.prepare(`SELECT count(*) AS n FROM ${WRITERS[kind].table} WHERE project_id = ?`).get(projectId) as { n: number };
    return row.n;
  }

  /** Rows `offset .. offset + limit` in their stored order. */
  page<K extends DatasetKind>(projectId: number, kind: K, offset: number, limit: number): DatasetRows[K][] {
    if (kind === 'audience') return this.audience.rows(projectId, this.layout(projectId), offset, limit) as DatasetRows[K][];
    const k = kind as Exclude<DatasetKind, 'audience'>;
    const rows = this.db.prepare(`SELECT * FROM ${WRITERS[k].table} WHERE project_id = ? ORDER BY ${ORDER[k]} LIMIT ? OFFSET ?`).all(projectId, limit, offset) as DbRow[];
    return rows.map((r) => READERS[k](r) as DatasetRows[K]);
  }

  /** Every row, one at a time (a million rows never sit in memory together). */
  *iterate<K extends DatasetKind>(projectId: number, kind: K): Generator<DatasetRows[K]> {
    if (kind === 'audience') {
      yield* this.audience.iterate(projectId, this.layout(projectId)) as Generator<DatasetRows[K]>;
      return;
    }
    const k = kind as Exclude<DatasetKind, 'audience'>;
    const statement = this.db.prepare(`SELECT * FROM ${WRITERS[k].table} WHERE project_id = ? ORDER BY ${ORDER[k]}`);
    for (const r of statement.iterate(projectId) as Iterable<DbRow>) yield READERS[k](r) as DatasetRows[K];
  }

  /**
   * The audience as columns, in row order: the features asked for (all by default) as float64
   * arrays (NaN where missing), and, when asked, each attribute's values. Only the chunks of
   * the columns asked for are read.
   */
  audienceColumns(projectId: number, withAttributes: boolean, want: Omit<ColumnRequest, 'attributes'> = {}): AudienceColumnsData {
    return this.audience.columns(projectId, this.layout(projectId), { ...want, attributes: withAttributes });
  }

  /** The audience's users and these features as stored now (see AudienceStore.version). */
  audienceVersion(projectId: number, names: readonly string[]): string {
    return this.audience.version(projectId, this.layout(projectId), names);
  }

  /** Some audience features a chunk of users at a time (see AudienceStore.featureBlocks). */
  audienceFeatureBlocks(projectId: number, names: readonly string[]): Generator<FeatureBlock> {
    return this.audience.featureBlocks(projectId, this.layout(projectId), names);
  }

  /** The campaign periods' first and last period and every channel they spend on (null: none imported). */
  campaignSpan(projectId: number): CampaignSpan | null {
    const span = this.db.prepare('SELECT min(period) AS "from", max(period) AS "to" FROM campaign_periods WHERE project_id = ?').get(projectId) as { from: string | null; to: string | null };
    if (!span.from || !span.to) return null;
    const channels = this.db.prepare('SELECT DISTINCT j.key FROM campaign_periods, json_each(campaign_periods.spend) AS j WHERE project_id = ? ORDER BY j.key').pluck().all(projectId) as string[];
    return { from: span.from, to: span.to, channels };
  }

  columnSet(projectId: number, kind: DatasetKind, column: string): Set<string> {
    if (kind === 'audience') return new Set(this.audience.ids(projectId));
    const set = new Set<string>();
    const statement = this.db.prepare(`SELECT ${column} AS v FROM ${WRITERS[kind].table} WHERE project_id = ?`).pluck();
    for (const v of statement.iterate(projectId) as Iterable<unknown>) set.add(String(v));
    return set;
  }

  meta(
    projectId: number,
    kind: DatasetKind,
  ): { rows: number; source: string | null; importedAt: string; mapping: unknown; profile: unknown; layout?: AudienceLayout } | null {
    const row = this.db.prepare('SELECT * FROM datasets WHERE project_id = ? AND kind = ?').get(projectId, kind) as DbRow | undefined;
    if (!row) return null;
    return {
      rows: row.rows as number,
      source: row.source as string | null,
      importedAt: row.imported_at as string,
      mapping: parse(row.mapping, null),
      profile: parse(row.profile, null),
      ...(kind === 'audience' ? { layout: parse(row.layout, NO_LAYOUT) } : {}),
    };
  }
}
