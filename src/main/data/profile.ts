import type { ColumnProfile, ColumnType, DatasetProfile } from '../../shared/data';
import type { DatasetKind } from '../../shared/project';
import type { DatasetRows, DatasetsRepo } from '../db/datasetsRepo';
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
    this.present++;
    if (typeof v === 'number') {
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
      return;
    }
    if (this.fixed === 'id') return; // ids are distinct by rule; counting them costs memory for nothing
    const n = this.counts.get(v);
    if (n !== undefined) this.counts.set(v, n + 1);
    else if (this.counts.size < DISTINCT_CAP) this.counts.set(v, 1);
    else this.capped = true;
  }

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
      distinct: this.fixed === 'id' ? this.present : this.counts.size,
      distinctCapped: this.capped,
    };
    if (numeric) {
      return { ...base, min: this.min, mean: this.sum / this.numbers, max: this.max, histogram: numericBins(this.sample, this.min, this.max) };
    }
    const top = [...this.counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
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
  private state = 0x9e3779b9;
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
   * A stored audience row as the import's writing thread has it: features in layout order
   * (NaN where missing), attribute texts (null where missing) — by index, no names looked up.
   */
  addStoredAudience(layout: AudienceColumns, userId: string, features: Float64Array, texts: (string | null)[]): void {
    this.rows++;
    if (this.indexed?.of !== layout) {
      this.indexed = {
        of: layout,
        id: this.column('user_id'),
        features: layout.features.map((n) => this.column(n)),
        attributes: layout.attributes.map((n) => this.column(n)),
      };
    }
    const c = this.indexed;
    c.id.add(userId);
    for (let i = 0; i < c.features.length; i++) c.features[i].add(features[i] === features[i] ? features[i] : null);
    for (let i = 0; i < c.attributes.length; i++) c.attributes[i].add(texts[i]);
  }

  private indexed: { of: AudienceColumns; id: ColumnStats; features: ColumnStats[]; attributes: ColumnStats[] } | null = null;

  result(): DatasetProfile {
    return { rows: this.rows, columns: [...this.columns.values()].map((c) => c.result(this.rows)) };
  }

  private column(name: string): ColumnStats {
    let c = this.columns.get(name);
    if (!c) {
      c = new ColumnStats(name, fixedColumnType(this.kind, name), () => this.random());
      this.columns.set(name, c);
    }
    return c;
  }

  /** A fixed-seed generator: the same data gives the same profile. */
  private random(): number {
    this.state = (Math.imul(this.state ^ (this.state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return this.state / 4294967296;
  }
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
