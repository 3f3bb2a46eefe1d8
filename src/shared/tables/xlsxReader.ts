import { ZipError, type ZipReader } from './zipReader';
import { attributes, textRuns, unescapeXml } from './xml';

/**
 * Reads the worksheets of an XLSX workbook as rows of text, the way the CSV reader hands
 * them on, so both go through the same mapping and validation. The sheet's XML is
 * inflated and scanned in chunks: a sheet of a million rows is never held whole. Cells
 * formatted as dates come out as ISO dates (YYYY-MM-DD, with the time when it has one).
 */
export interface SheetInfo {
  name: string;
  part: string;
}

// Built-in number formats that show dates or times (ECMA-376 §18.8.30).
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Shared text is held in memory for the whole read: bounded, with a plain message past it. */
export const MAX_SHARED_STRINGS = 256 << 20;
/** One row's XML, or the text between two rows: Excel's widest row of long text stays far below. */
export const MAX_ROW_XML = 64 << 20;

export class XlsxWorkbook {
  readonly sheets: SheetInfo[];
  private sharedStrings: string[] | null = null;
  private dateStyles: Set<number> | null = null;

  constructor(private readonly zip: ZipReader) {
    if (!zip.has('xl/workbook.xml')) throw new ZipError('it is a ZIP file but not an XLSX workbook (no xl/workbook.xml)');
    const rels = new Map<string, string>();
    if (zip.has('xl/_rels/workbook.xml.rels')) {
      for (const m of zip.text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b([^>]*)\/?>/g)) {
        const a = attributes(m[1]);
        if (a.Id && a.Target) rels.set(a.Id, a.Target);
      }
    }
    this.sheets = [];
    for (const m of zip.text('xl/workbook.xml').matchAll(/<sheet\b([^>]*)\/?>/g)) {
      const a = attributes(m[1]);
      const target = rels.get(a['r:id'] ?? '') ?? `worksheets/sheet${this.sheets.length + 1}.xml`;
      const part = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
      if (a.name && zip.has(part)) this.sheets.push({ name: a.name, part });
    }
    if (this.sheets.length === 0) throw new ZipError('the workbook has no worksheets');
  }

  /**
   * Streams a sheet's rows to `onRow(cells, rowNumber)`; returning false stops. Row numbers
   * are the sheet's own (row 1 is the first row Excel shows).
   */
  readSheet(
    sheet: SheetInfo,
    onRow: (cells: string[], rowNumber: number) => boolean | void,
    onProgress?: (fraction: number) => void,
  ): void {
    const strings = this.strings();
    const dates = this.dates();
    const entry = this.zip.entries.get(sheet.part)!;
    let nextRow = 1;
    let stopped = false;
    // The header's width once it is read: cells past it are gathered into one, not padded to.
    let width = MAX_COLUMNS;
    const rowRe = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
    const parseRows = (text: string) => {
      rowRe.lastIndex = 0;
      for (let m = rowRe.exec(text); m && !stopped; m = rowRe.exec(text)) {
        const r = Number(attributes(m[1]).r);
        const rowNumber = Number.isInteger(r) && r > 0 ? r : nextRow;
        nextRow = rowNumber + 1;
        if (m[2] === undefined) continue;
        const cells = parseCells(m[2], strings, dates, rowNumber, width);
        if (width === MAX_COLUMNS && cells.length) width = cells.length;
        if (cells.length && onRow(cells, rowNumber) === false) stopped = true;
      }
    };
    streamElements(
      this.zip,
      sheet.part,
      '</row>',
      (text) => {
        parseRows(text);
        return !stopped;
      },
      // A sheet that never closes its row would otherwise be gathered whole (3.3 GB seen).
      () => `row ${nextRow}: holds more than ${MAX_ROW_XML >> 20} MB of XML without ending: the sheet is damaged or crafted`,
      { onProgress: (read) => onProgress?.(entry.compressedSize ? read / entry.compressedSize : 1) },
    );
  }

  private strings(): string[] {
    if (this.sharedStrings) return this.sharedStrings;
    const out: string[] = [];
    if (this.zip.has('xl/sharedStrings.xml')) {
      // Streamed like a sheet: only the strings are kept, never the XML around them.
      streamElements(
        this.zip,
        'xl/sharedStrings.xml',
        '</si>',
        (text) => {
          for (const m of text.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)) out.push(textRuns(m[1] ?? ''));
          return true;
        },
        () => `shared string ${out.length + 1} holds more than ${MAX_ROW_XML >> 20} MB of XML without ending: the workbook is damaged or crafted`,
        { maxBytes: MAX_SHARED_STRINGS },
      );
    }
    return (this.sharedStrings = out);
  }

  /** The cell style indexes whose number format shows a date. */
  private dates(): Set<number> {
    if (this.dateStyles) return this.dateStyles;
    const out = new Set<number>();
    if (this.zip.has('xl/styles.xml')) {
      const xml = this.zip.text('xl/styles.xml');
      const custom = new Map<number, string>();
      for (const m of xml.matchAll(/<numFmt\b([^>]*)\/?>/g)) {
        const a = attributes(m[1]);
        custom.set(Number(a.numFmtId), a.formatCode ?? '');
      }
      const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
      let index = 0;
      for (const m of xfs.matchAll(/<xf\b([^>]*?)(?:\/>|>)/g)) {
        const id = Number(attributes(m[1]).numFmtId ?? 0);
        if (BUILTIN_DATE_FORMATS.has(id) || (custom.has(id) && isDateFormat(custom.get(id)!))) out.add(index);
        index++;
      }
    }
    return (this.dateStyles = out);
  }
}

/**
 * Inflates a part and hands `onText` its XML in runs that end just after a closing tag
 * (`</row>`, `</si>`), so each run holds whole elements; whatever follows the last one waits
 * for the next piece. More than MAX_ROW_XML without a closing tag is a crafted part: refused
 * with `tooLong()`'s message rather than gathered whole. `onText` returns false to stop.
 */
function streamElements(
  zip: ZipReader,
  part: string,
  closing: string,
  onText: (xml: string) => boolean,
  tooLong: () => string,
  opts: { maxBytes?: number; onProgress?: (compressedRead: number) => void } = {},
): void {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let stopped = false;
  zip.stream(
    part,
    (chunk) => {
      pending += decoder.decode(chunk, { stream: true });
      const cut = pending.lastIndexOf(closing);
      if (cut !== -1) {
        stopped = !onText(pending.slice(0, cut + closing.length));
        pending = pending.slice(cut + closing.length);
      } else if (pending.length > MAX_ROW_XML) {
        throw new ZipError(tooLong());
      }
      return !stopped;
    },
    opts.onProgress,
    { maxBytes: opts.maxBytes },
  );
  if (!stopped) onText(pending + decoder.decode());
}

/** A number format shows a date when it has d, m, y, h or s outside quotes and brackets. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmyhs]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;

/** Excel's last column is XFD: a reference past it is a crafted file, not a spreadsheet. */
export const MAX_COLUMNS = 16_384;

/**
 * One row's cells, padded with '' up to each cell's column. Cells at or past `width` (the
 * header's width) are not padded to: they are gathered, with their references, into the one
 * cell after the last column, so the import still refuses the row, naming them. Without this a
 * bomb of rows that each name column XFD costs 16,384 cells a row.
 */
function parseCells(xml: string, strings: string[], dates: Set<number>, row: number, width: number): string[] {
  const cells: string[] = [];
  const beyond: string[] = [];
  let next = 0;
  cellRe.lastIndex = 0;
  for (let m = cellRe.exec(xml); m; m = cellRe.exec(xml)) {
    const a = attributes(m[1]);
    const col = a.r ? columnIndex(a.r) : next;
    // Checked before the row is padded out to the cell: a 1 KB file naming column ZZZZZZ
    // would otherwise ask for 321 million cells.
    if (col >= MAX_COLUMNS || col < 0) {
      throw new ZipError(`row ${row}: the cell ${(a.r ?? `#${col + 1}`).slice(0, 20)} lies past Excel's last column (XFD, ${MAX_COLUMNS.toLocaleString('en')} columns)`);
    }
    next = col + 1;
    const body = m[2] ?? '';
    let value = '';
    const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
    switch (a.t) {
      case 's':
        value = strings[Number(v)] ?? '';
        break;
      case 'inlineStr':
        value = textRuns(body);
        break;
      case 'b':
        value = v === '1' ? 'TRUE' : 'FALSE';
        break;
      case 'str':
      case 'e':
        value = unescapeXml(v ?? '');
        break;
      default:
        value = v === undefined ? '' : dates.has(Number(a.s)) ? serialToIso(Number(v)) ?? v : v;
    }
    if (col >= width) {
      if (value !== '' && beyond.length < 8) beyond.push(`${a.r ?? `#${col + 1}`}=${value.slice(0, 60)}`);
      continue;
    }
    while (cells.length < col) cells.push('');
    cells[col] = value;
  }
  if (beyond.length) {
    while (cells.length < width) cells.push('');
    cells.push(beyond.join(' | '));
  }
  // Trailing empty cells are not part of the row's data.
  while (cells.length && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

/** "BC12" → 54 (0-based column of a cell reference). */
export function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
    // Past Excel's last column already: stop counting (a long run of letters must not overflow).
    if (n > MAX_COLUMNS) return MAX_COLUMNS;
  }
  return n - 1;
}

/** An Excel serial day number (1900 system) as an ISO date or date-time. */
export function serialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  // Excel counts 1900-02-29, a day that never was: serials from 61 on are one day ahead.
  const days = Math.floor(serial) - (serial >= 61 ? 25569 : 25568);
  const ms = Math.round((serial - Math.floor(serial)) * 86400) * 1000;
  const d = new Date(days * 86400000 + ms);
  const iso = d.toISOString();
  return ms === 0 ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}
