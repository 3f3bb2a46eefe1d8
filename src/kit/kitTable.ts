import { CsvParser, detectDelimiter } from '../shared/tables/csvParser';
import { XlsxWorkbook } from '../shared/tables/xlsxReader';
import { ZipReader } from '../shared/tables/zipReader';

/**
 * A dropped CSV or XLSX read in the browser with the app's own readers (the same CSV parser
 * and the same bounded XLSX reader), so the kit and `tandem sketch` see the same values.
 */
export interface KitTable {
  format: 'csv' | 'xlsx';
  sheets: string[];
  header: string[];
  /** The first few data rows, for the column picker's preview. */
  sample: string[][];
  /** Streams one column's values with their line (CSV) or row (XLSX) number. */
  readColumn(sheet: string | null, index: number, onValue: (value: string, line: number) => void, onProgress: (fraction: number) => void): Promise<void>;
  /** The header and sample of another sheet. */
  openSheet(sheet: string): { header: string[]; sample: string[][] };
}

const SAMPLE_ROWS = 5;
const CHUNK = 1 << 20;

/** UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 when the start is not UTF-8. */
function detectEncoding(head: Uint8Array): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

function firstRows(parse: (onRow: (fields: string[]) => boolean) => void): { header: string[]; sample: string[][] } {
  const rows: string[][] = [];
  parse((fields) => {
    rows.push(fields);
    return rows.length <= SAMPLE_ROWS;
  });
  if (rows.length === 0) throw new Error('empty');
  return { header: rows[0], sample: rows.slice(1) };
}

async function csvTable(file: File): Promise<KitTable> {
  const head = new Uint8Array(await file.slice(0, 1 << 16).arrayBuffer());
  const encoding = detectEncoding(head);
  const text = new TextDecoder(encoding).decode(head, { stream: true });
  const delimiter = detectDelimiter(text);
  const { header, sample } = firstRows((onRow) => {
    const p = new CsvParser(delimiter, (fields) => {
      if (!stopped && !onRow(fields)) stopped = true;
    });
    let stopped = false;
    const cut = file.size > head.length ? Math.max(text.lastIndexOf('\n'), 0) : text.length;
    p.push(text.slice(0, cut));
    if (file.size <= head.length) p.end();
  });
  return {
    format: 'csv',
    sheets: [],
    header,
    sample,
    openSheet: () => ({ header, sample }),
    async readColumn(_sheet, index, onValue, onProgress) {
      let first = true;
      const parser = new CsvParser(delimiter, (fields, line) => {
        if (first) {
          first = false;
          return;
        }
        onValue(fields[index] ?? '', line);
      });
      const decoder = new TextDecoder(encoding);
      for (let at = 0; at < file.size; at += CHUNK) {
        const bytes = new Uint8Array(await file.slice(at, at + CHUNK).arrayBuffer());
        parser.push(decoder.decode(bytes, { stream: at + CHUNK < file.size }));
        onProgress(Math.min(1, (at + CHUNK) / file.size));
      }
      parser.end();
    },
  };
}

async function xlsxTable(file: File): Promise<KitTable> {
  const all = new Uint8Array(await file.arrayBuffer());
  const book = new XlsxWorkbook(new ZipReader({ size: all.length, read: (position, length) => all.subarray(position, position + length) }));
  const sheetNamed = (name: string | null) => book.sheets.find((s) => s.name === name) ?? book.sheets[0];
  const openSheet = (name: string) => firstRows((onRow) => book.readSheet(sheetNamed(name), (cells) => onRow(cells)));
  if (book.sheets.length === 0) throw new Error('no sheets');
  const { header, sample } = openSheet(book.sheets[0].name);
  return {
    format: 'xlsx',
    sheets: book.sheets.map((s) => s.name),
    header,
    sample,
    openSheet,
    async readColumn(sheet, index, onValue, onProgress) {
      let first = true;
      book.readSheet(
        sheetNamed(sheet),
        (cells, row) => {
          if (first) {
            first = false;
            return;
          }
          onValue(cells[index] ?? '', row);
        },
        onProgress,
      );
    },
  };
}

export async function openKitTable(file: File): Promise<KitTable> {
  const magic = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  const zip = magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 3 && magic[3] === 4;
  return zip ? xlsxTable(file) : csvTable(file);
}
