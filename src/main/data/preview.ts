import path from 'node:path';
import type { ImportPreview } from '../../shared/data';
import type { Mapping } from '../../shared/fields';
import type { DatasetKind } from '../../shared/project';
import { sampleTable } from './sample';
import { asInputError, damagedTextNote, openTableSource } from './tableSource';

/** How many rows the preview reads to infer types and suggest a mapping (20 are shown). */
const SAMPLE_ROWS = 200;

/**
 * The head of a file for the mapping dialog: its format, headers, first rows, inferred types
 * and a suggested mapping (the remembered one when it fits). Pure file reading — it runs in the
 * reader worker, never on the main process, and touches no library.
 */
export function readPreview(file: string, kind: DatasetKind, remembered: Mapping | null, existingRows: number, sheet?: string): ImportPreview {
  const source = asInputError(() => openTableSource(path.resolve(file), { sheet }));
  try {
    const sample = asInputError(() => sampleTable(source, SAMPLE_ROWS));
    return {
      path: file,
      fileName: source.fileName,
      format: source.format,
      encoding: source.encoding,
      delimiter: source.delimiter,
      sheets: source.sheets,
      sheet: source.sheet,
      headers: sample.headers,
      rows: sample.rows.slice(0, 20),
      inferred: sample.inferred,
      suggested: sample.suggest(kind, remembered),
      remembered,
      dateOrder: sample.dateOrder,
      existingRows,
      notes: [damagedTextNote(source)].filter((n) => n !== null),
      timeReadings: sample.timeReadings,
    };
  } finally {
    source.close();
  }
}
