import type { Db } from '../db/connection';
import { type AudienceLayout, BatchInserter, DatasetsRepo, rowWidth } from '../db/datasetsRepo';
import type { DatasetProfile, ImportMode, Rejection } from '../../shared/data';
import type { Mapping } from '../../shared/fields';
import type { DatasetKind } from '../../shared/project';
import { AudienceKeys } from '../db/audienceKeys';
import type { AudienceBatch } from './audienceBatch';
import { ProfileBuilder, profileFromDb } from './profile';
import { duplicateProblem } from './rejections';

/**
 * Where an import's rows go: table values in flat batches, then one finishing step that
 * decides (strict mode), records the dataset's summary, profile and import report, and
 * commits — or rolls everything back. The inline sink does it on the caller's connection;
 * the threaded one runs this same sink in a second thread, so that SQLite writes while the
 * importer parses.
 */
export interface SinkStart {
  projectId: number;
  kind: DatasetKind;
  mode: ImportMode;
  /** The column the kind's key was read from, for duplicate rejections. */
  keyColumn: string;
  keyField: string;
  /** Audience only: the layout its users are stored in. */
  layout?: AudienceLayout;
  /** About how many rows the file holds (sizes the audience's id set; a guess, never a limit). */
  expectedRows?: number;
}

export interface SinkFinish {
  strict: boolean;
  /** Rows the importer refused itself (the sink adds the duplicates it finds). */
  rowsRejected: number;
  rejectedTotal: number;
  /** The importer's first rejections (at most STORE_REJECTED). */
  rejected: Rejection[];
  rowsRead: number;
  meta: { source: string; importedAt: string; mapping: Mapping; layout?: AudienceLayout };
  /** The importer's profile of the rows it passed on; null when it cannot know (append). */
  profile: DatasetProfile | null;
}

export interface SinkResult {
  written: boolean;
  rowsWritten: number;
  /** Rows the table's key refused, as rejections. */
  duplicates: Rejection[];
}

export interface ImportSink {
  /** `values`: `lines.length` rows of table values, flat; `lines`: their lines in the file. */
  addValues(values: unknown[], lines: number[]): void;
  /** Audience users, as columns (the audience's only path in). */
  addAudience(batch: AudienceBatch): void;
  finish(f: SinkFinish): SinkResult;
  abort(): void;
}

export const STORE_REJECTED = 10_000;

/** Where a sink's rows land: table rows (the key refuses duplicates) or the audience's chunks. */
interface RowStore {
  /** Returns the indexes of the rows the table's key refused. */
  insert(values: unknown[], count: number): number[];
  /** The audience's users; returns the indexes of those refused as repeats. */
  insertAudience?(batch: AudienceBatch): number[];
  finish(): void;
  /** The profile of the rows written, when the store builds it (an audience replaced). */
  profile?(): DatasetProfile;
}

function rowStore(db: Db, datasets: DatasetsRepo, start: SinkStart): RowStore {
  if (start.kind !== 'audience') {
    const inserter = new BatchInserter(db, start.kind);
    return { insert: (values, count) => inserter.insert(values, count, true), finish: () => {} };
  }
  // The audience's chunks have no key of their own: the id set refuses a repeated user (from
  // this file or, appending, stored before). The profile is built here, on the writing thread,
  // from the rows kept (the parsing thread is the busier one), so repeats never enter it.
  const layout = start.layout ?? { features: [], attributes: [] };
  const chunks = datasets.audience.writer(start.projectId, layout);
  const keys = new AudienceKeys(datasets.audience, start.projectId, start.mode === 'append', start.expectedRows);
  const profile = start.mode === 'replace' ? new ProfileBuilder('audience') : null;
  // The import's dictionaries, grown by each batch's new values (codes are the import's own).
  const labels: string[][] = layout.attributes.map(() => []);
  let keep = new Int32Array(0);
  return {
    insert: () => {
      throw new Error('audience users arrive as column batches');
    },
    insertAudience: (batch) => {
      batch.newValues.forEach((values, a) => {
        for (const v of values) labels[a].push(v);
      });
      if (keep.length < batch.count) keep = new Int32Array(batch.count);
      const refused: number[] = [];
      let kept = 0;
      for (let i = 0; i < batch.count; i++) {
        if (keys.accept(batch.ids[i])) keep[kept++] = i;
        else refused.push(i);
      }
      chunks.addBatch(batch, keep, kept, labels);
      profile?.addAudienceBatch(layout, batch, keep, kept, labels);
      return refused;
    },
    finish: () => void chunks.finish(),
    ...(profile ? { profile: () => profile.result() } : {}),
  };
}

export class InlineSink implements ImportSink {
  private readonly datasets: DatasetsRepo;
  private readonly rows: RowStore;
  private readonly width: number;
  private readonly duplicates: Rejection[] = [];
  private rowsWritten = 0;
  /** Rows the kind held before (an append adds to them; a replace starts from none). */
  private readonly before: number;

  constructor(
    private readonly db: Db,
    private readonly start: SinkStart,
  ) {
    this.datasets = new DatasetsRepo(db);
    db.exec('BEGIN IMMEDIATE');
    try {
      this.width = rowWidth(start.kind, start.layout);
      if (start.mode === 'replace') this.datasets.clear(start.projectId, start.kind);
      this.before = start.mode === 'replace' ? 0 : this.datasets.count(start.projectId, start.kind);
      this.rows = rowStore(db, this.datasets, start);
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
  }

  addValues(values: unknown[], lines: number[]): void {
    const refused = this.rows.insert(values, lines.length);
    this.rowsWritten += lines.length - refused.length;
    for (const i of refused) {
      // Table values are (project_id, key, …): the key is the second.
      const key = String(values[i * this.width + 1]);
      this.duplicates.push({ row: lines[i], ...duplicateProblem(this.start.keyField, this.start.keyColumn, key, this.start.mode) });
    }
  }

  addAudience(batch: AudienceBatch): void {
    const refused = this.rows.insertAudience!(batch);
    this.rowsWritten += batch.count - refused.length;
    for (const i of refused) {
      this.duplicates.push({ row: batch.lines[i], ...duplicateProblem(this.start.keyField, this.start.keyColumn, batch.ids[i], this.start.mode) });
    }
  }

  finish(f: SinkFinish): SinkResult {
    const { projectId, kind, mode } = this.start;
    try {
      if (f.strict && f.rejectedTotal + this.duplicates.length > 0) {
        this.db.exec('ROLLBACK');
        return { written: false, rowsWritten: 0, duplicates: this.duplicates };
      }
      this.rows.finish();
      const total = this.before + this.rowsWritten;
      // The importer's profile saw every row it passed on; if the key refused some, or rows
      // were appended to older ones, the profile is taken again from the table.
      // The table is read back under the layout this import records (a replace clears the old
      // one): the meta goes in first, the profile after it.
      const own = this.rows.profile?.();
      if (own) this.datasets.setMeta(projectId, kind, { rows: total, ...f.meta, profile: own });
      else if (f.profile && this.duplicates.length === 0) this.datasets.setMeta(projectId, kind, { rows: total, ...f.meta, profile: f.profile });
      else {
        this.datasets.setMeta(projectId, kind, { rows: total, ...f.meta, profile: null });
        this.datasets.setMeta(projectId, kind, { rows: total, ...f.meta, profile: profileFromDb(this.datasets, projectId, kind) });
      }
      const rejected = [...f.rejected, ...this.duplicates].sort((a, b) => a.row - b.row).slice(0, STORE_REJECTED);
      this.db
        .prepare(
          `INSERT OR REPLACE INTO import_reports (project_id, kind, source, imported_at, mode, rows_read, rows_imported, rows_rejected, rejected_total, rejected)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          projectId, kind, f.meta.source, f.meta.importedAt, mode, f.rowsRead, this.rowsWritten,
          f.rowsRejected + this.duplicates.length, f.rejectedTotal + this.duplicates.length, JSON.stringify(rejected),
        );
      this.db.prepare('UPDATE projects SET updated_at = ? WHERE id = ?').run(f.meta.importedAt, projectId);
      this.db.exec('COMMIT');
      return { written: true, rowsWritten: this.rowsWritten, duplicates: this.duplicates };
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  abort(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }
}
