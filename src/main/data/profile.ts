import type { ColumnProfile, ColumnType, DatasetProfile } from '../../shared/data';
import type { DatasetKind } from '../../shared/project';
import type { DatasetRows, DatasetsRepo } from '../db/datasetsRepo';
import type { UserColumns } from '../db/audienceWriter';
import type { AudienceColumns } from './audienceRows';
import { fixedColumns, fixedColumnType, type FlatValue, VISIT } from './columns';

const SAMPLE = 2000;
const DISTINCT_CAP = 5000;
const BINS = 12;

/** One column's running figures: exact counts and extremes, a reservoir sample for the histogram. */
class ColumnStats {
  present = 0;
  numbers = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  sample: number[] = [];
  counts = new Map<string, number>();
  capped = false;
  private seen = 0;
  /** Algorithm L's state: the next value (by count) that enters the sample, and its weight. */
  private nextPick = 0;
  private w = 1;

  constructor(
    readonly name: string,
    readonly fixed: ColumnType | null,
    private readonly random: () => number,
  ) {}

  add(v: FlatValue): void {
    if (v === null || v === '') return;
    if (typeof v === 'number') {
      this.addNumber(v);
      return;
    }
    this.present++;
    if (this.fixed === 'id') return; // ids are distinct by rule; counting them costs memory for nothing
    const n = this.counts.get(v);
    if (n !== undefined) this.counts.set(v, n + 1);
    else if (this.counts.size + this.codedDistinct < DISTINCT_CAP) this.counts.set(v, 1);
    else this.capped = true;
  }

  /** A value present that needs no figures (an id). */
  addPresent(): void {
    this.present++;
  }

  addNumber(v: number): void {
    this.present++;
    this.numbers++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    // Reservoir sampling (Li's Algorithm L): every value has the same chance to be kept,
    // and the random draws happen only when one is (a few thousand, not millions).
    this.seen++;
    if (this.sample.length < SAMPLE) {
      this.sample.push(v);
      if (this.sample.length === SAMPLE) this.skip();
    } else if (this.seen === this.nextPick) {
      this.sample[Math.floor(this.random() * SAMPLE)] = v;
      this.skip();
    }
  }

  /**
   * A text value given as its code in `labels` (the import's dictionary): counted by code,
   * with the same first-DISTINCT_CAP-values rule as `add`, and named only in `result`.
   */
  addCode(code: number, labels: readonly string[]): void {
    this.present++;
    this.labels = labels;
    let counts = this.codeCounts;
    if (code >= counts.length) {
      const grown = new Float64Array(Math.max(1024, counts.length * 2, code + 1)).fill(-1);
      grown.set(counts);
      counts = this.codeCounts = grown;
    }
    const n = counts[code];
    if (n > 0) counts[code] = n + 1;
    else if (n === 0) this.capped = true; // a value past the cap, seen before
    else if (this.counts.size + this.codedDistinct < DISTINCT_CAP) {
      counts[code] = 1;
      this.codedDistinct++;
    } else {
      counts[code] = 0;
      this.capped = true;
    }
  }

  /** Per code: its count; −1 never seen, 0 seen past the cap (not counted). */
  private codeCounts = new Float64Array(0);
  private codedDistinct = 0;
  private labels: readonly string[] = [];

  private skip(): void {
    this.w *= Math.exp(Math.log(this.random() || Number.MIN_VALUE) / SAMPLE);
    this.nextPick = this.seen + Math.floor(Math.log(this.random() || Number.MIN_VALUE) / Math.log(1 - this.w)) + 1;
  }

  result(rows: number): ColumnProfile {
    const numeric = this.numbers > 0 && this.numbers === this.present;
    const type: ColumnType = this.fixed ?? (numeric ? 'number' : 'text');
    const base = {
      name: this.name,
      type,
      missing: rows ? (rows - this.present) / rows : 0,
      distinct: this.fixed === 'id' ? this.present : this.counts.size + this.codedDistinct,
      distinctCapped: this.capped,
    };
    if (numeric) {
      return { ...base, min: this.min, mean: this.sum / this.numbers, max: this.max, histogram: numericBins(this.sample, this.min, this.max) };
    }
    const counted = [...this.counts.entries()];
    this.codeCounts.forEach((n, code) => n > 0 && counted.push([this.labels[code], n]));
    const top = counted.sort((a, b) => b[1] - a[1]).slice(0, 8);
    return { ...base, min: null, mean: null, max: null, histogram: top.map(([label, count]) => ({ label, count })) };
  }
}

function numericBins(sample: number[], min: number, max: number): { label: string; count: number }[] {
  if (sample.length === 0) return [];
  if (min === max) return [{ label: formatEdge(min), count: sample.length }];
  // Behaviour data is long-tailed: bins up to the 99th percentile, the tail gathered in the
  // last one, so a few heavy users do not squash everyone else into the first bar.
  const sorted = [...sample].sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))];
  const hi = p99 > min && p99 < max ? p99 : max;
  const width = (hi - min) / BINS;
  const counts = new Array<number>(BINS).fill(0);
  for (const v of sample) counts[Math.min(BINS - 1, Math.max(0, Math.floor((v - min) / width)))]++;
  return counts.map((count, i) => ({ label: i === BINS - 1 && hi < max ? `≥ ${formatEdge(min + i * width)}` : formatEdge(min + i * width), count }));
}

function formatEdge(v: number): string {
  return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en') : String(Number(v.toPrecision(3)));
}

/** Builds a dataset's column profile from its flat rows, in one pass. */
export class ProfileBuilder {
  private readonly columns = new Map<string, ColumnStats>();
  private rows = 0;
  private readonly visit: (row: unknown, emit: (name: string, value: FlatValue) => void) => void;
  private readonly emit = (name: string, value: FlatValue) => this.column(name).add(value);

  constructor(private readonly kind: DatasetKind) {
    for (const name of fixedColumns(kind)) this.column(name);
    this.visit = VISIT[kind] as never;
  }

  add<K extends DatasetKind>(row: DatasetRows[K]): void {
    this.rows++;
    this.visit(row, this.emit);
  }

  /**
   * Users of an import batch, column by column: rows `keep[0..kept)` (the others were
   * refused), attribute codes named by `labels` — the writing thread's form, no names looked up.
   */
  addAudienceBatch(layout: AudienceColumns, batch: UserColumns, keep: Int32Array, kept: number, labels: readonly string[][]): void {
    this.rows += kept;
    const id = this.column('user_id');
    for (let r = 0; r < kept; r++) id.addPresent();
    const nf = layout.features.length;
    layout.features.forEach((name, j) => {
      const column = this.column(name);
      for (let r = 0; r < kept; r++) {
        const v = batch.features[keep[r] * nf + j];
        if (v - v === 0) column.addNumber(v);
      }
    });
    layout.attributes.forEach((name, a) => {
      const column = this.column(name);
      const codes = batch.codes[a];
      for (let r = 0; r < kept; r++) {
        const c = codes[keep[r]];
        if (c >= 0) column.addCode(c, labels[a]);
      }
    });
  }

  result(): DatasetProfile {
    return { rows: this.rows, columns: [...this.columns.values()].map((c) => c.result(this.rows)) };
  }

  private column(name: string): ColumnStats {
    let c = this.columns.get(name);
    if (!c) {
      c = new ColumnStats(name, fixedColumnType(this.kind, name), columnRandom(name));
      this.columns.set(name, c);
    }
    return c;
  }
}

/**
 * A fixed-seed generator per column, seeded from its name: the same data gives the same
 * profile whether it is read row by row or column by column.
 */
function columnRandom(name: string): () => number {
  let state = 0x9e3779b9;
  for (let i = 0; i < name.length; i++) state = Math.imul(state ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 4294967296;
  };
}

/** A kind's profile from what the library holds (after an append, for data written before profiles). */
export function profileFromDb(datasets: DatasetsRepo, projectId: number, kind: DatasetKind): DatasetProfile {
  const builder = new ProfileBuilder(kind);
  for (const row of datasets.iterate(projectId, kind)) builder.add(row);
  return builder.result();
}

/** A profile of rows in memory (the demo writes them). */
export function profileOf<K extends DatasetKind>(kind: K, rows: readonly DatasetRows[K][]): DatasetProfile {
  const builder = new ProfileBuilder(kind);
  for (const row of rows) builder.add(row);
  return builder.result();
}
