import type { AudienceRow } from '../../shared/datasets';
import type { UserColumns } from '../db/audienceWriter';
import type { AudienceColumns } from './audienceRows';

/**
 * The audience import's rows in the form they cross to the writing thread: columns, not
 * rows. A million users × 12 columns as flat value arrays cost more to encode, post and
 * decode than SQLite takes to store them; as a few typed arrays (moved, not copied) and one
 * joined string of ids, a batch of 4,096 users costs about one memcpy per column.
 *
 * Attribute values are coded on the parsing side through import-wide dictionaries: each
 * batch carries the codes (int32, −1 none) and only the values first seen in it, so the
 * writing thread never hashes a string again. These codes are the import's own; the stored
 * dictionaries (which must hold only values of users kept) are the chunk writer's business.
 */
export interface AudienceBatch extends UserColumns {
  count: number;
  ids: string[];
  /** `count × width.features`, row-major in layout order; NaN where a value is missing. */
  features: Float64Array;
  /** One array per layout attribute, `count` long: import codes, −1 where missing. */
  codes: Int32Array[];
  /** Per attribute: the values that took their codes in this batch, in code order. */
  newValues: string[][];
  /** Each user's line in the file (for located rejections). */
  lines: Float64Array;
}

/** What a batch is posted as: buffers to transfer, ids joined by a character no id holds. */
export interface AudienceWire {
  count: number;
  ids: string;
  features: ArrayBuffer;
  codes: ArrayBuffer;
  attributes: number;
  newValues: string[][];
  lines: ArrayBuffer;
}

/** User ids never hold control characters (the row builder refuses them), so U+001F separates. */
const ID_SEPARATOR = '\u001f';

export const BATCH_USERS = 4096;
const FIRST_VALUES = 12;

export function toWire(b: AudienceBatch): { wire: AudienceWire; transfer: ArrayBuffer[] } {
  const codes = new Int32Array(b.codes.length * b.count);
  b.codes.forEach((c, a) => codes.set(c.subarray(0, b.count), a * b.count));
  const wire: AudienceWire = {
    count: b.count,
    ids: b.ids.join(ID_SEPARATOR),
    features: b.features.buffer as ArrayBuffer,
    codes: codes.buffer,
    attributes: b.codes.length,
    newValues: b.newValues,
    lines: b.lines.buffer as ArrayBuffer,
  };
  return { wire, transfer: [wire.features, wire.codes, wire.lines] };
}

export function fromWire(w: AudienceWire): AudienceBatch {
  const all = new Int32Array(w.codes);
  return {
    count: w.count,
    ids: w.count === 0 ? [] : w.ids.split(ID_SEPARATOR),
    features: new Float64Array(w.features),
    codes: Array.from({ length: w.attributes }, (_, a) => all.subarray(a * w.count, (a + 1) * w.count)),
    newValues: w.newValues,
    lines: new Float64Array(w.lines),
  };
}

/**
 * Gathers parsed users into batches of BATCH_USERS: `add` returns a full batch when one is
 * ready, `take` the rest at the end. Each batch owns fresh arrays (they are moved away).
 */
export class AudienceBatcher {
  private readonly nf: number;
  private readonly na: number;
  private readonly dictionaries: Map<string, number>[];
  /** Per attribute: its first FIRST_VALUES values, in code order. */
  private readonly firstValues: string[][];
  private batch: AudienceBatch;
  private bytes!: Uint8Array;

  constructor(private readonly layout: AudienceColumns) {
    this.nf = layout.features.length;
    this.na = layout.attributes.length;
    this.dictionaries = layout.attributes.map(() => new Map());
    this.firstValues = layout.attributes.map(() => []);
    this.batch = this.fresh();
  }

  add(row: AudienceRow, line: number): AudienceBatch | null {
    const b = this.batch;
    const i = b.count;
    b.ids.push(row.userId);
    b.lines[i] = line;
    const stored = row.stored;
    if (stored && stored.features.length === this.nf * 8) this.bytes.set(stored.features, i * this.nf * 8);
    else this.copyFeatures(row, i);
    const texts = stored?.texts ?? this.textsOf(row);
    for (let a = 0; a < this.na; a++) {
      const v = texts[a];
      b.codes[a][i] = v === null || v === undefined ? -1 : this.code(a, v);
    }
    b.count++;
    if (b.count < BATCH_USERS) return null;
    this.batch = this.fresh();
    return b;
  }

  /** The users not yet handed out (null when none). */
  take(): AudienceBatch | null {
    const b = this.batch;
    if (b.count === 0) return null;
    this.batch = this.fresh();
    // Trimmed copies: a short last batch posts only what it holds.
    return {
      ...b,
      features: b.features.slice(0, b.count * this.nf),
      codes: b.codes.map((c) => c.slice(0, b.count)),
      lines: b.lines.slice(0, b.count),
    };
  }

  private code(a: number, value: string): number {
    // Most attributes hold a handful of values (city tier, age band): comparing with the first
    // few, whose codes are their places, is cheaper than hashing a freshly parsed string.
    const first = this.firstValues[a];
    for (let k = 0; k < first.length; k++) if (first[k] === value) return k;
    const dictionary = this.dictionaries[a];
    let code = dictionary.get(value);
    if (code === undefined) {
      code = dictionary.size;
      dictionary.set(value, code);
      if (code < FIRST_VALUES) first.push(value);
      this.batch.newValues[a].push(value);
    }
    return code;
  }

  /** A row built without the stored form (not the import's own path, but any AudienceRow). */
  private copyFeatures(row: AudienceRow, i: number): void {
    const names = this.layout.features;
    for (let j = 0; j < this.nf; j++) {
      const v = row.features[names[j]];
      this.batch.features[i * this.nf + j] = typeof v === 'number' && Number.isFinite(v) ? v : NaN;
    }
  }

  private textsOf(row: AudienceRow): (string | null)[] {
    return this.layout.attributes.map((n) => row.attributes[n] ?? null);
  }

  private fresh(): AudienceBatch {
    const features = new Float64Array(BATCH_USERS * this.nf);
    this.bytes = new Uint8Array(features.buffer);
    return {
      count: 0,
      ids: [],
      features,
      codes: Array.from({ length: this.na }, () => new Int32Array(BATCH_USERS)),
      newValues: Array.from({ length: this.na }, () => []),
      lines: new Float64Array(BATCH_USERS),
    };
  }
}
