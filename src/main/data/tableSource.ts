import fs from 'node:fs';
import path from 'node:path';
import type { ImportNote } from '../../shared/data';
import { DomainError } from '../../shared/result';
import { CsvParser, CsvSyntaxError, detectDelimiter } from '../../shared/tables/csvParser';
import { detectEncoding, type TextEncodingName } from './encoding';
import { XlsxWorkbook } from '../../shared/tables/xlsxReader';
import { ZipError, ZipReader } from '../../shared/tables/zipReader';
import { fileBytes } from './xlsx/fileBytes';

/**
 * One table to import, whatever file it came in: a CSV (any of the encodings and
 * delimiters people send) or one sheet of an XLSX workbook. `read` streams its records
 * (header first) with the line or sheet row each one starts on.
 */
export interface TableSource {
  format: 'csv' | 'xlsx';
  fileName: string;
  size: number;
  encoding: TextEncodingName | null;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  /**
   * After `read`: where text could not be decoded in the file's encoding and was replaced by
   * U+FFFD (CSV only; null when every byte decoded). The import still runs, and says so.
   */
  damagedText: DamagedText | null;
  /** `onRecord` returns false to stop; `onProgress` gets the share of the file read. */
  read(onRecord: (fields: string[], line: number) => boolean | void, onProgress?: (fraction: number) => void): void;
  close(): void;
}

export interface DamagedText {
  /** The first line holding a replaced character, and how many lines hold one. */
  firstLine: number;
  lines: number;
}

/** The note that a CSV held bytes its encoding could not read (they became �), naming the first line. */
export function damagedTextNote(source: TableSource): ImportNote | null {
  const d = source.damagedText;
  if (!d || !source.encoding) return null;
  return { key: 'import.note.damagedText', params: { line: String(d.firstLine), lines: String(d.lines), encoding: source.encoding.toUpperCase() } };
}

/** A file that cannot be read as a table: the message says why, in words for the user. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

/** Runs `f`, turning a SourceError into the contract's located `invalid_input` refusal. */
export function asInputError<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SourceError) throw new DomainError('invalid_input', e.message);
    throw e;
  }
}

export interface SourceOptions {
  /** XLSX: the sheet to read (the first when left out). */
  sheet?: string;
  /** CSV: force an encoding or delimiter instead of detecting them. */
  encoding?: TextEncodingName;
  delimiter?: string;
  /** Refuse files bigger than this (bytes). */
  maxBytes?: number;
}

const CHUNK = 1 << 20;
export const MAX_IMPORT_BYTES = 4 * 1024 ** 3;

export function openTableSource(file: string, opts: SourceOptions = {}): TableSource {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SourceError(code === 'ENOENT' ? `${file} does not exist` : code === 'EISDIR' ? `${file} is a folder, not a file` : `${file} cannot be read (${code ?? (e as Error).message})`);
  }
  try {
    const size = fs.fstatSync(fd).size;
    const fileName = path.basename(file);
    if (size === 0) throw new SourceError(`${fileName} is empty`);
    if (size > (opts.maxBytes ?? MAX_IMPORT_BYTES)) throw new SourceError(`${fileName} is larger than Tandem imports (${Math.round((opts.maxBytes ?? MAX_IMPORT_BYTES) / 1024 ** 2)} MB)`);
    const magic = Buffer.alloc(8);
    fs.readSync(fd, magic, 0, 8, 0);
    if (magic.readUInt32LE(0) === 0x04034b50) return xlsxSource(fd, size, fileName, opts);
    if (magic.readUInt32BE(0) === 0xd0cf11e0) throw new SourceError(`${fileName} is an old Excel (.xls) workbook: save it as .xlsx or CSV first`);
    return csvSource(fd, size, fileName, opts);
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
}

function csvSource(fd: number, size: number, fileName: string, opts: SourceOptions): TableSource {
  const encoding = opts.encoding ?? detectEncoding(fd, size);
  const sampleBytes = Buffer.allocUnsafe(Math.min(size, 1 << 16));
  fs.readSync(fd, sampleBytes, 0, sampleBytes.length, 0);
  const sample = new TextDecoder(encoding).decode(sampleBytes, { stream: true });
  if (sample.includes('\u0000')) throw new SourceError(`${fileName} is not a text table (it holds binary data)`);
  const delimiter = opts.delimiter ?? detectDelimiter(sample);
  const source: TableSource = {
    format: 'csv',
    fileName,
    size,
    encoding,
    delimiter,
    sheets: [],
    sheet: null,
    damagedText: null,
    read(onRecord, onProgress) {
      let stopped = false;
      // Bytes the encoding cannot hold become U+FFFD, never a refusal of the whole file: the
      // import goes on and names the first damaged line. Records are only searched for
      // U+FFFD once a decoded chunk held one, so clean files pay nothing.
      let suspect = false;
      let damaged: DamagedText | null = null;
      const parser = new CsvParser(delimiter, (fields, line) => {
        if (suspect && fields.some((f) => f.includes('\uFFFD'))) {
          if (damaged) damaged.lines++;
          else damaged = { firstLine: line, lines: 1 };
        }
        if (!stopped && onRecord(fields, line) === false) stopped = true;
      });
      const decoder = new TextDecoder(encoding);
      const buf = Buffer.allocUnsafe(CHUNK);
      let position = 0;
      try {
        while (!stopped && position < size) {
          const n = fs.readSync(fd, buf, 0, CHUNK, position);
          if (n === 0) break;
          position += n;
          const text = decoder.decode(buf.subarray(0, n), { stream: position < size });
          if (!suspect && text.includes('\uFFFD')) suspect = true;
          parser.push(text);
          onProgress?.(position / size);
        }
        if (!stopped) parser.end();
      } catch (e) {
        if (e instanceof CsvSyntaxError) throw new SourceError(e.message, e.line);
        throw e;
      } finally {
        source.damagedText = damaged;
      }
    },
    close: () => fs.closeSync(fd),
  };
  return source;
}

function xlsxSource(fd: number, size: number, fileName: string, opts: SourceOptions): TableSource {
  let book: XlsxWorkbook;
  try {
    book = new XlsxWorkbook(new ZipReader(fileBytes(fd, size)));
  } catch (e) {
    if (e instanceof ZipError) throw new SourceError(`${fileName}: ${e.message}`);
    throw e;
  }
  const sheet = opts.sheet === undefined ? book.sheets[0] : book.sheets.find((s) => s.name === opts.sheet);
  if (!sheet) throw new SourceError(`${fileName} has no sheet named "${opts.sheet}" (it has: ${book.sheets.map((s) => s.name).join(', ')})`);
  return {
    format: 'xlsx',
    fileName,
    size,
    encoding: null,
    delimiter: null,
    sheets: book.sheets.map((s) => s.name),
    sheet: sheet.name,
    damagedText: null,
    read(onRecord, onProgress) {
      try {
        book.readSheet(sheet, onRecord, onProgress);
      } catch (e) {
        if (e instanceof ZipError) throw new SourceError(`${fileName}: ${e.message}`);
        throw e;
      }
    },
    close: () => fs.closeSync(fd),
  };
}
