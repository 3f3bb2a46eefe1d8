import type Database from 'better-sqlite3';
import { CHUNK_ROWS, checksum, CHUNKS_TABLE, type ChunkField, jsonChunk } from './audienceChunks';
import type { Db } from './connection';

/** Where an append continues: the next chunk number and each attribute's dictionary so far. */
export interface AppendPoint {
  nextChunk: number;
  /** Per attribute position: its values in code order, and the next dictionary chunk number. */
  dictionaries: { values: string[]; nextChunk: number }[];
}

export const EMPTY_START: AppendPoint = { nextChunk: 0, dictionaries: [] };

/** Users as columns (the import's batches): row-major features in layout order, attribute codes. */
export interface UserColumns {
  ids: readonly string[];
  /** `rows × features`, NaN where missing. */
  features: Float64Array;
  /** One per layout attribute: codes into the caller's dictionaries, −1 where missing. */
  codes: readonly Int32Array[];
}

/**
 * Streams users into column chunks: values go into typed arrays CHUNK_ROWS long, and a full
 * chunk is one INSERT per column (a million users × 16 features is 256 blob writes, not a
 * million rows). Attribute values are coded through per-column dictionaries kept in memory
 * (a dictionary holds each distinct value once); the dictionaries' new values are written at
 * `finish`. The caller owns the transaction; nothing but the current chunk sits in memory.
 */
export class AudienceChunkWriter {
  private readonly insert: Database.Statement;
  private ids: string[] = [];
  private readonly features: Float64Array[];
  private readonly codes: Int32Array[];
  private readonly dictionaries: Map<string, number>[];
  /** Values added to each dictionary since the start, in code order. */
  private readonly added: string[][];
  private readonly dictionaryChunk: number[];
  /** Per attribute: an import batch's code → the stored code (−2 not yet seen), grown as needed. */
  private readonly fromImport: Int32Array[];
  private chunk: number;
  private used = 0;
  private written = 0;

  constructor(
    db: Db,
    private readonly projectId: number,
    width: { features: number; attributes: number },
    start: AppendPoint = EMPTY_START,
  ) {
    if (!db.inTransaction) throw new Error('audience writes must run inside a transaction');
    this.insert = db.prepare(`INSERT INTO ${CHUNKS_TABLE} (project_id, field, position, chunk, rows, data, crc32) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.chunk = start.nextChunk;
    this.features = Array.from({ length: width.features }, () => new Float64Array(CHUNK_ROWS));
    this.codes = Array.from({ length: width.attributes }, () => new Int32Array(CHUNK_ROWS));
    this.dictionaries = Array.from({ length: width.attributes }, (_, a) => new Map((start.dictionaries[a]?.values ?? []).map((v, code) => [v, code])));
    this.added = this.codes.map(() => []);
    this.dictionaryChunk = this.codes.map((_, a) => start.dictionaries[a]?.nextChunk ?? 0);
    this.fromImport = this.codes.map(() => new Int32Array(0));
  }

  /**
   * One user: `features[j]` is the layout's feature j (NaN or missing: no value), `texts[a]`
   * its attribute a (null or missing: none). Arrays may be reused by the caller.
   */
  add(userId: string, features: ArrayLike<number>, texts: ArrayLike<string | null>): void {
    const i = this.used;
    this.ids.push(userId);
    for (let j = 0; j < this.features.length; j++) {
      const v = j < features.length ? features[j] : NaN;
      this.features[j][i] = Number.isFinite(v) ? v : NaN;
    }
    for (let a = 0; a < this.codes.length; a++) {
      const v = a < texts.length ? texts[a] : null;
      this.codes[a][i] = v === null || v === undefined ? -1 : this.code(a, v);
    }
    if (++this.used === CHUNK_ROWS) this.flush();
  }

  /**
   * Users in bulk, column by column: rows `keep[0..kept)` of a batch (the others were
   * refused). The batch's attribute codes are the caller's (`labels[a][code]` their values);
   * they are translated into the stored dictionaries, which a value enters only when a kept
   * user holds it.
   */
  addBatch(batch: UserColumns, keep: Int32Array, kept: number, labels: readonly string[][]): void {
    const nf = this.features.length;
    for (let from = 0; from < kept; ) {
      const n = Math.min(kept - from, CHUNK_ROWS - this.used);
      const at = this.used;
      for (let r = 0; r < n; r++) this.ids.push(batch.ids[keep[from + r]]);
      for (let j = 0; j < nf; j++) {
        const column = this.features[j];
        const source = batch.features;
        for (let r = 0; r < n; r++) {
          const v = source[keep[from + r] * nf + j];
          column[at + r] = v - v === 0 ? v : NaN; // finite, else missing
        }
      }
      for (let a = 0; a < this.codes.length; a++) {
        const column = this.codes[a];
        const source = batch.codes[a];
        let table = this.fromImport[a];
        for (let r = 0; r < n; r++) {
          const c = source[keep[from + r]];
          if (c < 0) {
            column[at + r] = -1;
            continue;
          }
          if (c >= table.length) table = this.growTable(a, c);
          let stored = table[c];
          if (stored === -2) stored = table[c] = this.code(a, labels[a][c]);
          column[at + r] = stored;
        }
      }
      this.used += n;
      from += n;
      if (this.used === CHUNK_ROWS) this.flush();
    }
  }

  private growTable(a: number, code: number): Int32Array {
    const old = this.fromImport[a];
    const table = new Int32Array(Math.max(1024, old.length * 2, code + 1)).fill(-2);
    table.set(old);
    this.fromImport[a] = table;
    return table;
  }

  /** Writes what is buffered and the dictionaries' new values; returns the users written. */
  finish(): number {
    this.flush();
    this.added.forEach((values, a) => {
      for (let from = 0; from < values.length; from += CHUNK_ROWS) {
        const part = values.slice(from, from + CHUNK_ROWS);
        this.put('dictionary', a, this.dictionaryChunk[a]++, part.length, jsonChunk(part));
      }
      values.length = 0;
    });
    return this.written;
  }

  private code(a: number, value: string): number {
    const dictionary = this.dictionaries[a];
    let code = dictionary.get(value);
    if (code === undefined) {
      code = dictionary.size;
      dictionary.set(value, code);
      this.added[a].push(value);
    }
    return code;
  }

  private flush(): void {
    const n = this.used;
    if (n === 0) return;
    const c = this.chunk++;
    this.put('id', 0, c, n, jsonChunk(this.ids));
    this.features.forEach((f, j) => this.put('feature', j, c, n, Buffer.from(f.buffer, 0, n * 8)));
    this.codes.forEach((codes, a) => this.put('attribute', a, c, n, Buffer.from(codes.buffer, 0, n * 4)));
    this.written += n;
    this.used = 0;
    this.ids = [];
  }

  private put(field: ChunkField, position: number, chunk: number, rows: number, data: Buffer): void {
    this.insert.run(this.projectId, field, position, chunk, rows, data, checksum(data));
  }
}

/**
 * Reads one user back from a row of table values (project, user id, the features' float64
 * bytes in layout order, then one text or null per layout attribute) — the form the import's
 * batches carry across threads — into arrays reused from row to row.
 */
export class StoredRowReader {
  readonly features: Float64Array;
  readonly texts: (string | null)[];
  private readonly bytes: Uint8Array;

  constructor(width: { features: number; attributes: number }) {
    this.features = new Float64Array(width.features);
    this.bytes = new Uint8Array(this.features.buffer);
    this.texts = new Array<string | null>(width.attributes).fill(null);
  }

  /** The user id; `features` and `texts` now hold the row's values (NaN / null where missing). */
  read(values: readonly unknown[], at: number): string {
    const bytes = values[at + 2] as Uint8Array;
    this.bytes.fill(0xff); // NaN where a shorter row has no value
    this.bytes.set(bytes.subarray(0, this.bytes.length));
    for (let a = 0; a < this.texts.length; a++) this.texts[a] = (values[at + 3 + a] as string | null | undefined) ?? null;
    return values[at + 1] as string;
  }
}
