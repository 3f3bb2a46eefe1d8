import path from 'node:path';
import type { Db } from '../db/connection';
import { type DatasetRows, DatasetsRepo } from '../db/datasetsRepo';
import type { AudienceFilter, DatasetInfo, DatasetPage, DatasetProfile, ImportReportSummary, Rejection } from '../../shared/data';
import { DATASET_KINDS, type DatasetKind } from '../../shared/project';
import { DomainError } from '../../shared/result';
import type { Mapping } from '../../shared/fields';
import { flatten } from './columns';
import { datasetColumns } from './datasetExport';
import { profileFromDb } from './profile';

/** What the Data page and the mapping dialog ask of the data area (quick reads; heavy work is in jobs). */
export class DataService {
  private readonly datasets: DatasetsRepo;

  constructor(private readonly db: Db) {
    this.datasets = new DatasetsRepo(db);
  }

  private requireProject(projectId: number): void {
    const row = this.db.prepare('SELECT deleted_at FROM projects WHERE id = ?').get(projectId) as { deleted_at: string | null } | undefined;
    if (!row) throw new DomainError('not_found', `There is no project ${projectId}.`);
  }

  /**
   * What the mapping dialog needs from the library beside the file's head: the mapping
   * remembered from the kind's last import and the rows it already holds. The file itself
   * is read off the main process (readPreview, in the reader worker).
   */
  previewContext(projectId: number, kind: DatasetKind): { remembered: Mapping | null; existingRows: number } {
    this.requireProject(projectId);
    const meta = this.datasets.meta(projectId, kind);
    return { remembered: (meta?.mapping as Mapping | null) ?? null, existingRows: meta?.rows ?? 0 };
  }

  /** Every dataset of a project with its profile (worked out once for data that has none yet). */
  list(projectId: number): DatasetInfo[] {
    this.requireProject(projectId);
    const out: DatasetInfo[] = [];
    for (const kind of DATASET_KINDS) {
      const meta = this.datasets.meta(projectId, kind);
      if (!meta) continue;
      let profile = meta.profile as DatasetProfile | null;
      if (!profile && meta.rows > 0) {
        profile = profileFromDb(this.datasets, projectId, kind);
        this.db.prepare('UPDATE datasets SET profile = ? WHERE project_id = ? AND kind = ?').run(JSON.stringify(profile), projectId, kind);
      }
      out.push({
        kind,
        rows: meta.rows,
        source: meta.source,
        importedAt: meta.importedAt,
        mapping: (meta.mapping as Mapping | null) ?? null,
        profile,
        lastImport: this.lastImport(projectId, kind),
      });
    }
    return out;
  }

  page(projectId: number, kind: DatasetKind, offset: number, limit: number, filter?: AudienceFilter): DatasetPage {
    this.requireProject(projectId);
    if (filter && kind !== 'audience') throw new DomainError('invalid_input', 'Only an audience can be filtered.', [{ path: 'filter', message: 'validation.filterAudience' }]);
    const meta = this.datasets.meta(projectId, kind);
    if (!meta) return { columns: [], rows: [], offset, total: 0 };
    const columns = datasetColumns(kind, meta.profile as DatasetProfile | null, meta.layout);
    const display = (row: DatasetRows[DatasetKind]) => {
      const flat = flatten(kind, row);
      return columns.map((c) => flat[c] ?? null);
    };
    if (!filter) return { columns, rows: this.datasets.page(projectId, kind, offset, limit).map(display), offset, total: meta.rows };
    const layout = meta.layout ?? { features: [], attributes: [] };
    const isAttribute = layout.attributes.includes(filter.column);
    const isFeature = layout.features.includes(filter.column);
    if (!isAttribute && !isFeature) throw new DomainError('invalid_input', `The audience has no column "${filter.column}".`, [{ path: 'filter.column', message: 'validation.unknownColumn', params: { column: filter.column } }]);
    if (isAttribute !== (filter.equals !== undefined)) {
      throw new DomainError('invalid_input', `${filter.column} is ${isAttribute ? 'text: filter it by a value' : 'a number: filter it by a range'}.`, [{ path: 'filter', message: 'validation.filterKind' }]);
    }
    const matches = this.datasets.audience.matching(projectId, layout, filter);
    const rows = this.datasets.audience.rowsAt(projectId, layout, matches.subarray(offset, offset + limit));
    return { columns, rows: rows.map(display), offset, total: matches.length, of: meta.rows };
  }

  rejected(projectId: number, kind: DatasetKind): Rejection[] {
    this.requireProject(projectId);
    const raw = this.db.prepare('SELECT rejected FROM import_reports WHERE project_id = ? AND kind = ?').pluck().get(projectId, kind) as string | undefined;
    return raw ? (JSON.parse(raw) as Rejection[]) : [];
  }

  private lastImport(projectId: number, kind: DatasetKind): ImportReportSummary | null {
    const r = this.db.prepare('SELECT * FROM import_reports WHERE project_id = ? AND kind = ?').get(projectId, kind) as Record<string, unknown> | undefined;
    if (!r) return null;
    return {
      source: r.source as string,
      importedAt: r.imported_at as string,
      mode: r.mode as 'replace' | 'append',
      rowsRead: r.rows_read as number,
      rowsImported: r.rows_imported as number,
      rowsRejected: r.rows_rejected as number,
      rejectedTotal: r.rejected_total as number,
    };
  }
}
