import type { ImportMode, Rejection } from '../../shared/data';
import type { RowProblem } from './rowBuilders';

/** Rejections kept in memory and returned; beyond this only the counts grow. */
const KEEP = 100_000;
/** A refused value is kept and shown up to this length: the report locates it, it need not hold it whole. */
export const MAX_REJECTED_VALUE = 200;

const cut = (s: string) => (s.length > MAX_REJECTED_VALUE ? `${s.slice(0, MAX_REJECTED_VALUE - 1)}…` : s);

/** What an import refused: every problem counted, the first 100,000 kept, rows counted once. */
export class RejectionLog {
  readonly list: Rejection[] = [];
  total = 0;
  rows = 0;

  /** One refused row and its problems. */
  row(line: number, problems: readonly RowProblem[]): void {
    this.rows++;
    for (const p of problems) this.add({ row: line, column: p.column, value: p.value, reason: p.reason, code: p.code });
  }

  /** Rows the table's key refused while writing (one rejection each). */
  duplicates(found: readonly Rejection[]): void {
    this.rows += found.length;
    for (const d of found) this.add(d);
    // They surface when their batch is written, after later rows' problems.
    this.list.sort((a, b) => a.row - b.row);
  }

  private add(r: Rejection): void {
    this.total++;
    if (this.list.length < KEEP) this.list.push({ ...r, value: cut(r.value), reason: cut(r.reason) });
  }
}

/** The rejection of a row whose key an earlier row (or, appending, the project) already has. */
export function duplicateProblem(field: string, column: string, value: string, mode: ImportMode): RowProblem {
  return {
    column,
    value,
    code: 'duplicate',
    reason: `duplicate ${field}: ${mode === 'append' ? 'the project or ' : ''}an earlier row already has it`,
  };
}
