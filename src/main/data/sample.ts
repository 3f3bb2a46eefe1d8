import type { ColumnType } from '../../shared/data';
import { type Mapping, suggestMapping } from '../../shared/fields';
import type { DatasetKind } from '../../shared/project';
import { SourceError, type TableSource } from './tableSource';
import { type DateOrder, guessDateOrder, parseDate, parseNumber, type TimeReading, timeReadingOf } from './values';

/** The head of a table: its header (made unique), first rows, and what they look like. */
export interface TableSample {
  headers: string[];
  rows: string[][];
  inferred: Record<string, ColumnType>;
  dateOrder: DateOrder | null;
  /** Per column of bare numbers that reads as time one way (Unix seconds, YYYYMMDD…): that way, for every row. */
  timeReadings: Record<string, TimeReading>;
  /** The remembered mapping when it fits these headers, else a fresh suggestion. */
  suggest(kind: DatasetKind, remembered: Mapping | null): Mapping;
}

export function sampleTable(source: TableSource, limit: number): TableSample {
  let raw: string[] | null = null;
  const rows: string[][] = [];
  source.read((fields) => {
    if (!raw) raw = fields;
    else rows.push(fields);
    return rows.length < limit;
  });
  if (!raw) throw new SourceError(`${source.fileName} has no header row`);
  const headers = uniqueHeaders(raw);
  const inferred: Record<string, ColumnType> = {};
  headers.forEach((h, i) => (inferred[h] = inferType(rows.map((r) => r[i] ?? ''))));
  const dateOrder = guessDateOrder(rows.flat());
  const timeReadings: Record<string, TimeReading> = {};
  headers.forEach((h, i) => {
    const reading = timeReadingOf(rows.map((r) => r[i] ?? ''));
    if (reading) timeReadings[h] = reading;
  });
  return {
    headers,
    rows,
    inferred,
    dateOrder,
    timeReadings,
    suggest(kind, remembered) {
      const fits = remembered && headers.every((h) => h in remembered);
      // Only this file's columns: a remembered column the file lacks must not satisfy a required field.
      return fits ? Object.fromEntries(headers.map((h) => [h, remembered[h]])) : suggestMapping(kind, headers, (h) => inferred[h] === 'number');
    },
  };
}

/** Blank headers get their column's place; repeated ones a number: `spend`, `spend (2)`. */
export function uniqueHeaders(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    const base = h.trim() || `column_${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

function inferType(values: string[]): ColumnType {
  const present = values.map((v) => v.trim()).filter(Boolean);
  if (present.length === 0) return 'text';
  // Mostly numbers (a stray typo should be reported, not turn the column into text).
  const numbers = present.filter((v) => parseNumber(v).ok).length;
  if (numbers / present.length >= 0.8 && !present.every((v) => /^\d{8}$/.test(v) && parseDate(v).ok)) return 'number';
  if (present.every((v) => parseDate(v, 'mdy', true).ok)) return 'date';
  return 'text';
}
