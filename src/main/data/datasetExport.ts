import type { Db } from '../db/connection';
import { type AudienceLayout, DatasetsRepo } from '../db/datasetsRepo';
import type { DatasetProfile, Rejection } from '../../shared/data';
import type { DatasetKind } from '../../shared/project';
import { DomainError } from '../../shared/result';
import { fixedColumns, flatten } from './columns';
import { openTableWriter } from './tableWriter';

/** The columns of a stored dataset: its fixed ones, then those its profile found. */
export function datasetColumns(kind: DatasetKind, profile: DatasetProfile | null, layout?: AudienceLayout): string[] {
  const fixed = fixedColumns(kind);
  // An audience's columns are its layout's, whatever the profile saw: a stale or partial
  // profile must never hide stored values from the table or the export.
  const open = [...(layout?.features ?? []), ...(layout?.attributes ?? []), ...(profile?.columns.map((c) => c.name) ?? [])];
  return [...fixed, ...new Set(open.filter((n) => !fixed.includes(n)))];
}

/** The columns a dataset holds, as its table and export show them. */
export function storedColumns(datasets: DatasetsRepo, projectId: number, kind: DatasetKind): string[] {
  const meta = datasets.meta(projectId, kind);
  if (!meta) return [];
  return datasetColumns(kind, meta.profile as DatasetProfile | null, meta.layout);
}

/** Writes a dataset to CSV or XLSX; `onProgress` may throw to cancel (the partial file is removed). */
export function exportDataset(
  db: Db,
  projectId: number,
  kind: DatasetKind,
  file: string,
  onProgress: (fraction: number) => void = () => {},
): { rows: number; path: string } {
  const datasets = new DatasetsRepo(db);
  const meta = datasets.meta(projectId, kind);
  if (!meta) throw new DomainError('not_found', `Project ${projectId} has no ${kind} data to export.`);
  const columns = datasetColumns(kind, meta.profile as DatasetProfile | null, meta.layout);
  const writer = openTableWriter(file, kind);
  let rows = 0;
  try {
    writer.writeRow(columns);
    for (const row of datasets.iterate(projectId, kind)) {
      const flat = flatten(kind, row);
      writer.writeRow(columns.map((c) => flat[c]));
      if (++rows % 10000 === 0) onProgress(rows / Math.max(1, meta.rows));
    }
    writer.close();
  } catch (e) {
    writer.abort();
    throw e;
  }
  return { rows, path: file };
}

/** The rejected-rows report as CSV or XLSX: row, column, value, reason. */
export function exportRejected(rejected: readonly Pick<Rejection, 'row' | 'column' | 'value' | 'reason'>[], file: string): { rows: number; path: string } {
  const writer = openTableWriter(file, 'rejected');
  try {
    writer.writeRow(['row', 'column', 'value', 'reason']);
    for (const r of rejected) writer.writeRow([r.row, r.column, r.value, r.reason]);
    writer.close();
  } catch (e) {
    writer.abort();
    throw e;
  }
  return { rows: rejected.length, path: file };
}
