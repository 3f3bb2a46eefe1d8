import { z } from 'zod';
import { type Mapping } from './fields';
import { DATASET_KINDS, type DatasetKind, projectIdSchema } from './project';

/** What crosses the contract about data in and out: imports, previews, profiles, pages. */

/** One refusal: the line in the file (header = 1), the column, the value, why. */
export interface Rejection {
  row: number;
  column: string;
  value: string;
  /** In English (the CLI prints it); `code` + `params` let the UI say it in its language. */
  reason: string;
  code: string;
}

export type ColumnType = 'id' | 'number' | 'text' | 'date' | 'list';

export interface ColumnProfile {
  name: string;
  type: ColumnType;
  /** Share of rows without a value, 0..1. */
  missing: number;
  min: number | null;
  mean: number | null;
  max: number | null;
  /** Distinct values seen (capped: `distinctCapped`). */
  distinct: number;
  distinctCapped: boolean;
  /** Numbers: equal-width bins over [min, max]. Text: the most common values. */
  histogram: { label: string; count: number }[];
}

export interface DatasetProfile {
  rows: number;
  columns: ColumnProfile[];
}

export interface DatasetInfo {
  kind: DatasetKind;
  rows: number;
  source: string | null;
  importedAt: string | null;
  mapping: Mapping | null;
  profile: DatasetProfile | null;
  lastImport: ImportReportSummary | null;
}

export interface ImportReportSummary {
  source: string;
  importedAt: string;
  mode: 'replace' | 'append';
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  rejectedTotal: number;
}

export const IMPORT_MODES = ['replace', 'append'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
export const DATE_ORDERS = ['mdy', 'dmy'] as const;

/** Something the reader noticed that is not a refused row (an i18n key with its parameters). */
export interface ImportNote {
  key: string;
  params: Record<string, string>;
}

export interface ImportResult {
  rowsRead: number;
  rowsImported: number;
  /** Rows refused (a row may carry several rejections). */
  rowsRejected: number;
  /** The first rejections (at most 100,000); `rejectedTotal` counts them all. */
  rejected: Rejection[];
  rejectedTotal: number;
  /** false when strict mode refused the file: nothing was written. */
  written: boolean;
  mode: ImportMode;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  /** Checks that could not run, e.g. references to a kind not imported yet (i18n keys). */
  notes: ImportNote[];
  /** The columns the dataset holds after the import, as its table and export show them (none when refused). */
  columns: string[];
  ms: number;
}

/** How a column of bare numbers reads as time: Unix seconds or milliseconds (UTC), YYYYMMDD, or Excel serials. */
export const TIME_READINGS = ['yyyymmdd', 'unixSeconds', 'unixMillis', 'excelSerial'] as const;
export type TimeReading = (typeof TIME_READINGS)[number];

export interface ImportPreview {
  path: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  headers: string[];
  /** The first rows (up to 20), as read. */
  rows: string[][];
  /** Per header: what its sample looks like. */
  inferred: Record<string, ColumnType>;
  suggested: Mapping;
  /** The mapping remembered from this project's last import of the kind, if any. */
  remembered: Mapping | null;
  /** Day order guessed from the sample's dates (null: nothing told). */
  dateOrder: 'mdy' | 'dmy' | null;
  /** Rows the kind already holds in the project: a new import must replace or append. */
  existingRows: number;
  /** What reading the sample noticed (text that could not be decoded, with its line). */
  notes: ImportNote[];
  /** Per column of bare numbers that reads as time one way: that way, for every row (shown beside a date or time field). */
  timeReadings: Record<string, TimeReading>;
}

/** A page of a dataset as display values, for the virtualised table. */
export interface DatasetPage {
  columns: string[];
  rows: (string | number | null)[][];
  offset: number;
  /** Rows to page through: those the filter keeps, or all of them. */
  total: number;
  /** With a filter: the rows the dataset holds in all. */
  of?: number;
}

/**
 * Which audience users a page shows: an attribute equal to a value, or a feature inside
 * [min, max] (either end open). Scanned over the stored column, so it answers for ten million.
 */
export const audienceFilterSchema = z
  .object({
    column: z.string().min(1, 'validation.required').max(300, 'validation.tooLong'),
    equals: z.string().max(20000, 'validation.tooLong').optional(),
    min: z.number().finite('validation.number').optional(),
    max: z.number().finite('validation.number').optional(),
  })
  .strict()
  .refine((f) => (f.equals !== undefined) !== (f.min !== undefined || f.max !== undefined), { message: 'validation.filterKind', path: ['equals'] })
  .refine((f) => f.min === undefined || f.max === undefined || f.min <= f.max, { message: 'validation.range', path: ['min'] });
export type AudienceFilter = z.infer<typeof audienceFilterSchema>;

const kind = z.enum(DATASET_KINDS);
const path = z.string().min(1, 'validation.required').max(4096, 'validation.tooLong');
const mapping = z.record(z.string().max(300), z.string().min(1).max(300));

export const importPreviewSchema = z
  .object({ projectId: projectIdSchema, kind, path, sheet: z.string().max(300).optional() })
  .strict();

export const importStartSchema = z
  .object({
    kind: z.literal('import'),
    projectId: projectIdSchema,
    dataset: kind,
    path,
    sheet: z.string().max(300).optional(),
    mapping: mapping.optional(),
    mode: z.enum(IMPORT_MODES).optional(),
    strict: z.boolean().optional(),
    dateOrder: z.enum(DATE_ORDERS).optional(),
  })
  .strict();

export const datasetPageSchema = z
  .object({
    projectId: projectIdSchema,
    kind,
    offset: z.number().int('validation.integer').min(0, 'validation.nonNegative'),
    limit: z.number().int('validation.integer').min(1, 'validation.positive').max(1000, 'validation.tooLarge'),
    filter: audienceFilterSchema.optional(),
  })
  .strict();

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const datasetExportSchema = z
  .object({ kind: z.literal('datasetExport'), projectId: projectIdSchema, dataset: kind, path })
  .strict();

export const rejectedExportSchema = z
  .object({
    path,
    rejected: z
      .array(
        z
          .object({ row: z.number().int(), column: z.string().max(1000), value: z.string().max(100000), reason: z.string().max(2000), code: z.string().max(100) })
          .strict(),
      )
      .max(100000),
  })
  .strict();

/** Export format from a file name's extension. */
export function exportFormatOf(file: string): ExportFormat | null {
  const ext = file.toLowerCase().split('.').pop();
  return ext === 'csv' || ext === 'xlsx' ? ext : null;
}
