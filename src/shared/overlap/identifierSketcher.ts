import { detectIdentifierKind, IdentifierBytes, type IdentifierKind, normaliseIdentifier } from './identifiers';
import { KeyedHash } from './sha256';
import { DEFAULT_K, SketchBuilder, type ThetaSketch } from './thetaSketch';

/** What a column held, counted before any sketch is written. */
export interface IdentifierCounts {
  rows: number;
  empty: number;
  valid: number;
  invalid: number;
  /** The first few values that could not be read as the kind, with their line or row. */
  examples: { row: number; value: string }[];
}

/** The kind is chosen from this many filled values when the caller leaves it open. */
const DETECT_SAMPLE = 1000;
const EXAMPLES = 5;

/**
 * One identifier column turned into a sketch, value by value: each is normalised for its kind,
 * keyed-hashed and offered to the sketch; the ones that cannot be read are counted with a
 * few examples. The CLI, the app and the partner kit feed it from their own readers.
 */
export class IdentifierSketcher {
  private readonly hash: KeyedHash;
  private readonly bytes = new IdentifierBytes();
  private readonly builder: SketchBuilder;
  private kindChosen: IdentifierKind | null;
  private pending: { row: number; value: string }[] = [];
  readonly counts: IdentifierCounts = { rows: 0, empty: 0, valid: 0, invalid: 0, examples: [] };

  constructor(key: Uint8Array, kind: IdentifierKind | null, k: number = DEFAULT_K) {
    this.hash = new KeyedHash(key);
    this.kindChosen = kind;
    this.builder = new SketchBuilder(k);
  }

  /** The kind the values are read as (detected from the first thousand when not given). */
  get kind(): IdentifierKind {
    return this.kindChosen ?? detectIdentifierKind(this.pending.map((p) => p.value));
  }

  offer(raw: string, row: number): void {
    this.counts.rows++;
    if (raw.trim() === '') {
      this.counts.empty++;
      return;
    }
    if (this.kindChosen === null) {
      this.pending.push({ row, value: raw });
      if (this.pending.length >= DETECT_SAMPLE) this.settleKind();
      return;
    }
    this.take(raw, row);
  }

  private settleKind(): void {
    this.kindChosen = this.kind;
    const pending = this.pending;
    this.pending = [];
    for (const p of pending) this.take(p.value, p.row);
  }

  private take(raw: string, row: number): void {
    const value = normaliseIdentifier(this.kindChosen as IdentifierKind, raw);
    if (value === null) {
      this.counts.invalid++;
      if (this.counts.examples.length < EXAMPLES) this.counts.examples.push({ row, value: raw.slice(0, 80) });
      return;
    }
    this.counts.valid++;
    const n = this.bytes.write(this.kindChosen as IdentifierKind, value);
    this.builder.add(this.hash.hash53(this.bytes.buffer, n));
  }

  /** Whether most filled values could not be read as the kind: such a sketch would mislead. */
  mostlyInvalid(): boolean {
    if (this.kindChosen === null) this.settleKind();
    const filled = this.counts.valid + this.counts.invalid;
    return filled === 0 || this.counts.invalid > filled / 2;
  }

  finish(): ThetaSketch {
    if (this.kindChosen === null) this.settleKind();
    return this.builder.finish();
  }
}
