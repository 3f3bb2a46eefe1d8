import type { AudienceRow } from '../../shared/datasets';
import { CHUNKS_TABLE, type ChunkField, float64s, int32s, strings } from './audienceChunks';
import { type AppendPoint, AudienceChunkWriter } from './audienceWriter';
import type { Db } from './connection';

/** The order of an audience dataset's features and attributes in its stored arrays. */
export interface AudienceLayout {
  features: string[];
  attributes: string[];
}

export interface AudienceColumnsData {
  userIds: string[];
  layout: AudienceLayout;
  /** One array per requested feature (all of the layout's by default), NaN where missing. */
  features: Float64Array[];
  /** One column per layout attribute (empty unless asked for). */
  attributes: AttributeColumn[];
}

/** Rows start .. start + rows of some feature columns (null: no values there, all missing). */
export interface FeatureBlock {
  start: number;
  rows: number;
  columns: (Float64Array | null)[];
}

/** An attribute as stored: each user's code (-1: none) into the column's distinct values. */
export interface AttributeColumn {
  codes: Int32Array;
  values: string[];
}

export interface ColumnRequest {
  /** Feature names to read, in this order (default: every feature of the layout). */
  features?: readonly string[];
  attributes?: boolean;
  /** The user ids (default true). */
  ids?: boolean;
}

const range = (from: number, to: number): Int32Array => Int32Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

interface ChunkSpan {
  chunk: number;
  rows: number;
  /** The first row the chunk holds. */
  start: number;
}

/**
 * Reads an audience stored as column chunks (see audienceChunks.ts): whole columns straight
 * into typed arrays, pages and row-by-row iteration a chunk at a time. Rows come back in the
 * order they were imported (a library migrated from the row layout keeps user_id order, the
 * order its segment runs' labels follow).
 */
export class AudienceStore {
  constructor(private readonly db: Db) {}

  count(projectId: number): number {
    return this.db.prepare(`SELECT coalesce(sum(rows), 0) FROM ${CHUNKS_TABLE} WHERE project_id = ? AND field = 'id'`).pluck().get(projectId) as number;
  }

  clear(projectId: number): void {
    this.db.prepare(`DELETE FROM ${CHUNKS_TABLE} WHERE project_id = ?`).run(projectId);
    // What was read of the old audience must not answer for the next one.
    this.idChunk = null;
    this.dictionaries.clear();
    this.matched = null;
  }

  /** A writer that continues after the rows stored (append) — or starts afresh after `clear`. */
  writer(projectId: number, layout: AudienceLayout): AudienceChunkWriter {
    return new AudienceChunkWriter(this.db, projectId, { features: layout.features.length, attributes: layout.attributes.length }, this.appendPoint(projectId, layout));
  }

  /** Every user id in row order. */
  ids(projectId: number): string[] {
    const out: string[] = [];
    for (const data of this.blobs(projectId, 'id', 0)) for (const id of strings(data)) out.push(id);
    return out;
  }

  /**
   * The id of row `row` (0-based, row order) as stored: one id chunk read and kept until a
   * row of another chunk is asked for. For confirming a suspected repeat during an import.
   */
  idAt(projectId: number, row: number): string | undefined {
    const cached = this.idChunk;
    if (cached && cached.projectId === projectId && row >= cached.start && row < cached.start + cached.ids.length) return cached.ids[row - cached.start];
    const span = this.spans(projectId).find((s) => row >= s.start && row < s.start + s.rows);
    if (!span) return undefined;
    this.idChunk = { projectId, start: span.start, ids: this.idsOf(projectId, span.chunk) };
    return this.idChunk.ids[row - span.start];
  }

  private idChunk: { projectId: number; start: number; ids: string[] } | null = null;

  /** Each stored id with its row, a chunk in memory at a time. */
  *idsWithRows(projectId: number): Generator<[string, number]> {
    // Chunk by chunk with a fresh read each (an open iteration would block the caller's own reads).
    for (const span of this.spans(projectId)) {
      const ids = this.idsOf(projectId, span.chunk);
      for (let i = 0; i < ids.length; i++) yield [ids[i], span.start + i];
    }
  }

  /**
   * One attribute's values in code order. Kept while its chunks stay the same (their count and
   * checksums: another dictionary with the same ones holds the same values): paging through ten
   * million users reads it once, not per page.
   */
  dictionary(projectId: number, position: number): string[] {
    const chunks = this.signature(projectId, 'dictionary', position);
    const key = `${projectId}:${position}`;
    const cached = this.dictionaries.get(key);
    if (cached && cached.chunks === chunks) return cached.values;
    const values: string[] = [];
    for (const data of this.blobs(projectId, 'dictionary', position)) for (const v of strings(data)) values.push(v);
    this.dictionaries.set(key, { chunks, values });
    return values;
  }

  private readonly dictionaries = new Map<string, { chunks: string; values: string[] }>();

  /** Whole columns: only those asked for are read. */
  columns(projectId: number, layout: AudienceLayout, want: ColumnRequest = {}): AudienceColumnsData {
    const spans = this.spans(projectId);
    const n = spans.reduce((s, c) => s + c.rows, 0);
    const names = want.features ?? layout.features;
    const features = names.map((name) => {
      const out = new Float64Array(n);
      const position = layout.features.indexOf(name);
      // Users before an append added this feature have no chunk: only their rows are set missing.
      const covered = new Set<number>();
      if (position >= 0) {
        this.fill(projectId, 'feature', position, spans, (data, span) => {
          out.set(float64s(data).subarray(0, span.rows), span.start);
          covered.add(span.chunk);
        });
      }
      for (const span of spans) if (!covered.has(span.chunk)) out.fill(NaN, span.start, span.start + span.rows);
      return out;
    });
    const attributes = want.attributes
      ? layout.attributes.map((_, a) => {
          const codes = new Int32Array(n);
          const covered = new Set<number>();
          this.fill(projectId, 'attribute', a, spans, (data, span) => {
            codes.set(int32s(data).subarray(0, span.rows), span.start);
            covered.add(span.chunk);
          });
          for (const span of spans) if (!covered.has(span.chunk)) codes.fill(-1, span.start, span.start + span.rows);
          return { codes, values: this.dictionary(projectId, a) };
        })
      : [];
    return { userIds: want.ids === false ? [] : this.ids(projectId), layout, features, attributes };
  }

  /**
   * Some feature columns a chunk of users at a time, in row order: views on the stored chunks
   * (null where a feature has no chunk for those users: all missing). A job that streams them
   * never holds a whole column: ten million users' sixteen features are 1.3 GB as float64.
   */
  *featureBlocks(projectId: number, layout: AudienceLayout, names: readonly string[]): Generator<FeatureBlock> {
    const positions = names.map((name) => layout.features.indexOf(name));
    const chunkOf = this.db.prepare(`SELECT data FROM ${CHUNKS_TABLE} WHERE project_id = ? AND field = 'feature' AND position = ? AND chunk = ?`).pluck();
    for (const span of this.spans(projectId)) {
      const columns = positions.map((position) => {
        const data = position < 0 ? undefined : (chunkOf.get(projectId, position, span.chunk) as Buffer | undefined);
        return data ? float64s(data).subarray(0, span.rows) : null;
      });
      yield { start: span.start, rows: span.rows, columns };
    }
  }

  /** What the users and these features' stored chunks are now: a job that reads them in several passes compares it after. */
  version(projectId: number, layout: AudienceLayout, names: readonly string[]): string {
    const positions = names.map((name) => layout.features.indexOf(name)).filter((p) => p >= 0);
    return [this.signature(projectId, 'id', 0), ...positions.map((p) => this.signature(projectId, 'feature', p))].join('|');
  }

  /** Rows `offset .. offset + limit` in row order (only the chunks they lie in are read). */
  rows(projectId: number, layout: AudienceLayout, offset: number, limit: number): AudienceRow[] {
    const out: AudienceRow[] = [];
    for (const span of this.spans(projectId)) {
      const from = Math.max(offset, span.start);
      const to = Math.min(offset + limit, span.start + span.rows);
      if (from < to) out.push(...this.chunkRows(projectId, layout, span, range(from - span.start, to - span.start)));
    }
    return out;
  }

  /**
   * The rows (in row order) whose attribute equals `equals`, or whose feature lies in
   * [min, max]: one pass over that column's chunks, kept for the next pages while the audience
   * is unchanged (its id chunks' checksums say so).
   */
  matching(projectId: number, layout: AudienceLayout, filter: { column: string; equals?: string; min?: number; max?: number }): Int32Array {
    const key = `${projectId}|${this.signature(projectId, 'id', 0)}|${JSON.stringify(filter)}`;
    if (this.matched?.key === key) return this.matched.rows;
    const spans = this.spans(projectId);
    const n = spans.reduce((sum, x) => sum + x.rows, 0);
    const hits = new Int32Array(n);
    let count = 0;
    const attribute = layout.attributes.indexOf(filter.column);
    const feature = layout.features.indexOf(filter.column);
    if (filter.equals !== undefined && attribute >= 0) {
      const code = this.dictionary(projectId, attribute).indexOf(filter.equals);
      if (code >= 0) {
        this.fill(projectId, 'attribute', attribute, spans, (data, span) => {
          const codes = int32s(data);
          for (let i = 0; i < span.rows; i++) if (codes[i] === code) hits[count++] = span.start + i;
        });
      }
    } else if (feature >= 0 && filter.equals === undefined) {
      const lo = filter.min ?? -Infinity;
      const hi = filter.max ?? Infinity;
      this.fill(projectId, 'feature', feature, spans, (data, span) => {
        const values = float64s(data);
        for (let i = 0; i < span.rows; i++) if (values[i] >= lo && values[i] <= hi) hits[count++] = span.start + i;
      });
    }
    // Chunks come in storage order, not row order: the hits are sorted once.
    const rows = hits.slice(0, count).sort();
    this.matched = { key, rows };
    return rows;
  }

  private matched: { key: string; rows: Int32Array } | null = null;

  /** The rows at these indexes (ascending), each chunk read once. */
  rowsAt(projectId: number, layout: AudienceLayout, indexes: ArrayLike<number>): AudienceRow[] {
    const out: AudienceRow[] = [];
    let k = 0;
    for (const span of this.spans(projectId)) {
      const offsets: number[] = [];
      while (k < indexes.length && indexes[k] < span.start + span.rows) offsets.push(indexes[k++] - span.start);
      if (offsets.length) out.push(...this.chunkRows(projectId, layout, span, offsets));
      if (k >= indexes.length) break;
    }
    return out;
  }

  /** Every row, one chunk in memory at a time. */
  *iterate(projectId: number, layout: AudienceLayout): Generator<AudienceRow> {
    for (const span of this.spans(projectId)) yield* this.chunkRows(projectId, layout, span, range(0, span.rows));
  }

  /** These users of one chunk (offsets in it) as rows: features and attributes keyed by name, missing ones left out. */
  private chunkRows(projectId: number, layout: AudienceLayout, span: ChunkSpan, offsets: ArrayLike<number>): AudienceRow[] {
    const get = this.db.prepare(`SELECT position, data FROM ${CHUNKS_TABLE} WHERE project_id = ? AND field = ? AND chunk = ?`).raw();
    const ids = strings((get.get(projectId, 'id', span.chunk) as [number, Buffer])[1]);
    const features = new Map<number, Float64Array>();
    for (const [position, data] of get.all(projectId, 'feature', span.chunk) as [number, Buffer][]) features.set(position, float64s(data));
    const codes = new Map<number, Int32Array>();
    for (const [position, data] of get.all(projectId, 'attribute', span.chunk) as [number, Buffer][]) codes.set(position, int32s(data));
    const dictionaries = layout.attributes.map((_, a) => (codes.has(a) ? this.dictionary(projectId, a) : []));
    const out: AudienceRow[] = [];
    for (let o = 0; o < offsets.length; o++) {
      const i = offsets[o];
      const f: Record<string, number> = {};
      layout.features.forEach((name, j) => {
        const v = features.get(j)?.[i];
        if (v !== undefined && !Number.isNaN(v)) f[name] = v;
      });
      const a: Record<string, string> = {};
      layout.attributes.forEach((name, k) => {
        const code = codes.get(k)?.[i] ?? -1;
        if (code >= 0 && dictionaries[k][code] !== undefined) a[name] = dictionaries[k][code];
      });
      out.push({ userId: ids[i], features: f, attributes: a });
    }
    return out;
  }

  /** One id chunk's ids. */
  private idsOf(projectId: number, chunk: number): string[] {
    const data = this.db.prepare(`SELECT data FROM ${CHUNKS_TABLE} WHERE project_id = ? AND field = 'id' AND position = 0 AND chunk = ?`).pluck().get(projectId, chunk) as Buffer;
    return strings(data);
  }

  /** A column's chunks' count and checksums: what a cache of it is kept against. */
  private signature(projectId: number, field: ChunkField, position: number): string {
    return this.db.prepare(`SELECT count(*) || ':' || coalesce(sum(crc32), 0) FROM ${CHUNKS_TABLE} WHERE project_id = ? AND field = ? AND position = ?`).pluck().get(projectId, field, position) as string;
  }

  /** The id chunks: which chunk numbers exist, their sizes and first rows. */
  private spans(projectId: number): ChunkSpan[] {
    const rows = this.db.prepare(`SELECT chunk, rows FROM ${CHUNKS_TABLE} WHERE project_id = ? AND field = 'id' ORDER BY chunk`).raw().all(projectId) as [number, number][];
    let start = 0;
    return rows.map(([chunk, n]) => {
      const span = { chunk, rows: n, start };
      start += n;
      return span;
    });
  }

  /** Calls `use` with each chunk of one column that exists (missing chunks stay as filled). */
  private fill(projectId: number, field: ChunkField, position: number, spans: ChunkSpan[], use: (data: Buffer, span: ChunkSpan) => void): void {
    const byChunk = new Map(spans.map((s) => [s.chunk, s]));
    const statement = this.db.prepare(`SELECT chunk, data FROM ${CHUNKS_TABLE} WHERE project_id = ? AND field = ? AND position = ?`).raw();
    for (const [chunk, data] of statement.iterate(projectId, field, position) as Iterable<[number, Buffer]>) {
      const span = byChunk.get(chunk);
      if (span) use(data, span);
    }
  }

  private *blobs(projectId: number, field: ChunkField, position: number): Generator<Buffer> {
    const statement = this.db.prepare(`SELECT data FROM ${CHUNKS_TABLE} WHERE project_id = ? AND field = ? AND position = ? ORDER BY chunk`).pluck();
    yield* statement.iterate(projectId, field, position) as Iterable<Buffer>;
  }

  private appendPoint(projectId: number, layout: AudienceLayout): AppendPoint {
    const next = this.db.prepare(`SELECT coalesce(max(chunk) + 1, 0) FROM ${CHUNKS_TABLE} WHERE project_id = ? AND field = ? AND position = ?`).pluck();
    return {
      nextChunk: next.get(projectId, 'id', 0) as number,
      dictionaries: layout.attributes.map((_, a) => ({ values: this.dictionary(projectId, a), nextChunk: next.get(projectId, 'dictionary', a) as number })),
    };
  }
}
