/**
 * A streaming CSV reader (RFC 4180 and what spreadsheets really write): fields may be
 * quoted, quotes inside are doubled, quoted fields may hold delimiters and line breaks,
 * records end with \n, \r\n or \r. Text arrives in chunks of any size and each complete
 * record goes to `onRow` with the line of the file it starts on (the header is line 1),
 * so a rejected row can be named the way an editor shows it. Blank lines are skipped.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: either the closing one or the first of a doubled pair. */
  QuoteInQuoted,
}

/**
 * A field longer than this is not a spreadsheet cell (Excel holds 32,767 characters): a
 * missing closing quote, or a file crafted to exhaust memory. So is a record wider than this.
 */
export const MAX_FIELD_CHARS = 16 << 20;
export const MAX_FIELDS = 65_536;

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

export class CsvParser {
  private row: string[] = [];
  /** The current field's text gathered so far (from earlier chunks or before a quote). */
  private field = '';
  private state = State.FieldStart;
  private line = 1;
  private rowLine = 1;
  private quoteLine = 1;
  /** A \r ended the last chunk: a \n starting the next one belongs to it. */
  private afterCr = false;
  /** Same, inside a quoted field (where the break was already counted). */
  private quotedCr = false;
  private readonly delim: number;

  constructor(
    delimiter: string,
    private readonly onRow: (fields: string[], line: number) => void,
  ) {
    if (delimiter.length !== 1) throw new Error('the delimiter is one character');
    this.delim = delimiter.charCodeAt(0);
  }

  push(text: string): void {
    const d = this.delim;
    const n = text.length;
    let i = 0;
    if (this.afterCr && n > 0) {
      this.afterCr = false;
      if (text.charCodeAt(0) === LF && this.state === State.FieldStart && this.row.length === 0) i = 1;
    }
    while (i < n) {
      switch (this.state) {
        case State.FieldStart: {
          if (text.charCodeAt(i) === QUOTE) {
            this.state = State.Quoted;
            this.quoteLine = this.line;
            i++;
            break;
          }
          this.state = State.Unquoted;
        }
        // falls through: the field's first character is read as unquoted text
        case State.Unquoted: {
          const start = i;
          let c = 0;
          while (i < n) {
            c = text.charCodeAt(i);
            if (c === d || c === LF || c === CR) break;
            i++;
          }
          if (i === n) {
            this.field += text.slice(start, i);
            if (this.field.length > MAX_FIELD_CHARS) throw new CsvSyntaxError(this.rowLine, `line ${this.rowLine}: a field runs past ${MAX_FIELD_CHARS >> 20} M characters (column ${this.row.length + 1}): this is not a table Tandem can read`);
            return;
          }
          const value = this.field.length ? this.field + text.slice(start, i) : text.slice(start, i);
          this.field = '';
          i = this.endField(value, c, text, i);
          break;
        }
        case State.Quoted: {
          const q = text.indexOf('"', i);
          const end = q === -1 ? n : q;
          if (this.quotedCr && text.charCodeAt(i) === LF) this.line--;
          this.line += countBreaks(text, i, end);
          this.quotedCr = end === n && n > i && text.charCodeAt(n - 1) === CR;
          this.field += text.slice(i, end);
          if (this.field.length > MAX_FIELD_CHARS) {
            throw new CsvSyntaxError(this.quoteLine, `line ${this.quoteLine}: a quoted field starts here and runs past ${MAX_FIELD_CHARS >> 20} M characters: is its closing quote missing?`);
          }
          if (q === -1) return;
          i = q + 1;
          this.state = State.QuoteInQuoted;
          break;
        }
        case State.QuoteInQuoted: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            i++;
          } else if (c === d || c === LF || c === CR) {
            const value = this.field;
            this.field = '';
            i = this.endField(value, c, text, i);
          } else {
            // `"abc"def`: spreadsheets keep the stray text; so do we.
            this.state = State.Unquoted;
          }
          break;
        }
      }
    }
  }

  /** Call once after the last chunk. */
  end(): void {
    if (this.state === State.Quoted) {
      throw new CsvSyntaxError(this.quoteLine, `line ${this.quoteLine}: a quoted field starts here and is never closed`);
    }
    if (this.state !== State.FieldStart || this.row.length > 0) {
      this.row.push(this.field);
      this.field = '';
      this.emit();
    }
    this.state = State.FieldStart;
  }

  /** Ends a field at a delimiter or line break; returns where reading goes on. */
  private endField(value: string, c: number, text: string, i: number): number {
    this.row.push(value);
    if (this.row.length > MAX_FIELDS) throw new CsvSyntaxError(this.rowLine, `line ${this.rowLine}: the record has more than ${MAX_FIELDS.toLocaleString('en')} fields: this is not a table Tandem can read`);
    this.state = State.FieldStart;
    if (c === this.delim) return i + 1;
    this.emit();
    this.line++;
    this.rowLine = this.line;
    if (c === CR) {
      if (i + 1 === text.length) this.afterCr = true;
      else if (text.charCodeAt(i + 1) === LF) return i + 2;
    }
    return i + 1;
  }

  private emit(): void {
    const row = this.row;
    this.row = [];
    const line = this.rowLine;
    if (row.length === 1 && row[0] === '') return; // a blank line
    this.onRow(row, line);
  }
}

/** Line breaks in text[from, to): \r\n and lone \r and \n each count once. */
function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) n++;
  }
  return n;
}

/** Writes one field for a CSV file: quoted when it holds the delimiter, a quote or a line break. */
export function csvField(value: string, delimiter = ','): string {
  if (value === '') return '';
  const needs = value.includes(delimiter) || /["\r\n]/.test(value) || /^\s|\s$/.test(value);
  return needs ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Picks the delimiter of a CSV sample: the candidate that splits its first records most consistently. */
export function detectDelimiter(sample: string): string {
  const candidates = [',', ';', '\t', '|'];
  let best = ',';
  let bestScore = -1;
  for (const delim of candidates) {
    const counts: number[] = [];
    const parser = new CsvParser(delim, (fields) => counts.push(fields.length));
    try {
      parser.push(sample.slice(0, lastBreak(sample)));
    } catch {
      continue;
    }
    const rows = counts.slice(0, 50);
    if (rows.length === 0) continue;
    const mode = modeOf(rows);
    if (mode < 2) continue;
    const consistent = rows.filter((c) => c === mode).length / rows.length;
    const score = consistent * 1000 + Math.min(mode, 999);
    if (score > bestScore) {
      bestScore = score;
      best = delim;
    }
  }
  return best;
}

function lastBreak(text: string): number {
  const i = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  return i === -1 ? text.length : i + 1;
}

function modeOf(values: number[]): number {
  const tally = new Map<number, number>();
  for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
  let best = 0;
  let bestN = 0;
  for (const [v, n] of tally) if (n > bestN || (n === bestN && v > best)) [best, bestN] = [v, n];
  return best;
}
