import fs from 'node:fs';
import path from 'node:path';
import { exportFormatOf } from '../../shared/data';
import { DomainError } from '../../shared/result';
import { csvField } from '../../shared/tables/csvParser';
import { XlsxWriter } from './xlsx/writer';

/**
 * A table written to CSV (UTF-8 with a BOM, so Excel shows Chinese correctly) or XLSX,
 * chosen by the file's extension. It writes to a temporary file beside the target and
 * renames it at the end: a cancelled or failed export leaves no half-written file.
 */
export interface TableWriter {
  writeRow(values: readonly (string | number | null | undefined)[]): void;
  /** Finishes the file and puts it in place. */
  close(): void;
  /** Throws the partial file away. */
  abort(): void;
}

export function openTableWriter(file: string, sheetName?: string): TableWriter {
  const format = exportFormatOf(file);
  if (!format) throw new DomainError('invalid_input', `${path.basename(file)}: exports are .csv or .xlsx files.`);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.part`);
  let fd: number;
  try {
    fd = fs.openSync(temp, 'w');
  } catch (e) {
    throw new DomainError('invalid_input', `${file} cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  const finish = (keep: boolean) => {
    fs.closeSync(fd);
    if (keep) fs.renameSync(temp, file);
    else fs.rmSync(temp, { force: true });
  };
  if (format === 'xlsx') {
    const xlsx = new XlsxWriter(fd, sheetName);
    return {
      writeRow: (values) => xlsx.writeRow(values),
      close() {
        xlsx.close();
        finish(true);
      },
      abort: () => finish(false),
    };
  }
  let buffer = '\ufeff';
  const flush = () => {
    fs.writeSync(fd, buffer);
    buffer = '';
  };
  return {
    writeRow(values) {
      buffer += values.map((v) => (v === null || v === undefined ? '' : csvField(typeof v === 'number' ? String(v) : inert(v)))).join(',') + '\r\n';
      if (buffer.length > 1 << 20) flush();
    },
    close() {
      flush();
      finish(true);
    },
    abort: () => finish(false),
  };
}

/**
 * Text that a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return
 * before one) is written with a leading apostrophe, as OWASP advises for CSV exports: a
 * partner list received from someone else must not become `=HYPERLINK(…)` or a DDE call when
 * the strategist opens the export. Plain numbers written as text (`-5`, `+86`) stay as they are.
 */
export function inert(text: string): string {
  if (!/^[=+\-@\t\r]/.test(text)) return text;
  if (/^[+-]?\d+(?:[.,]\d+)*(?:e[+-]?\d+)?%?$/i.test(text)) return text;
  return `'${text}`;
}

/** A whole table to CSV or XLSX (by the file's extension), all of it or nothing. */
export function writeTable(file: string, sheet: string, table: { header: string[]; rows: (string | number | null)[][] }): { rows: number; path: string } {
  const writer = openTableWriter(path.resolve(file), sheet);
  try {
    writer.writeRow(table.header);
    for (const r of table.rows) writer.writeRow(r);
    writer.close();
  } catch (e) {
    writer.abort();
    throw e;
  }
  return { rows: table.rows.length, path: file };
}
