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
