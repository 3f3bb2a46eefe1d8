import { randomUUID } from 'node:crypto';
import type { DatasetSummary, Project, ProjectFields, ProjectSummary } from '../../shared/project';
import { DATASET_KINDS, DEFAULT_PROJECT_FIELDS } from '../../shared/project';
import { DomainError } from '../../shared/result';
import type { Db } from './connection';

interface ProjectRow {
  id: number;
  name: string;
  client: string;
  kind: ProjectFields['kind'];
  product_title: string;
  description: string;
  tags: string;
  price: number | null;
  goals: string;
  kpi_awareness: number;
  kpi_engagement: number;
  kpi_conversion: number;
  kpi_quality: number;
  budget: number;
  currency: string;
  start_date: string | null;
  end_date: string | null;
  exclusions: string;
  status: ProjectFields['status'];
  created_at: string;
  updated_at: string;
  opened_at: string | null;
  deleted_at: string | null;
}

/** Tables that hold a project's data (datasets, segmentation runs, shortlist, checklist), copied on duplicate. */
export const DATASET_TABLES = [
  'audience_chunks',
  'catalog_items',
  'interactions',
  'partners',
  'collaborations',
  'campaign_periods',
  'actuals',
  'experiments',
  'segment_runs',
  'segment_labels',
  'shortlist',
  'checklist_items',
  'checklist_history',
  'checklist_evidence',
  'licences',
  'revenue_scenarios',
  'campaign_plans',
  'mmm_fits',
  'forecast_scenarios',
  'report_settings',
  'overlap_deals',
  'overlap_settings',
  'brand_personality',
] as const;

/** Tables whose own INTEGER PRIMARY KEY is renumbered when their rows are copied to another project. */
export const OWN_ID_TABLES: readonly string[] = ['segment_runs', 'licences', 'revenue_scenarios', 'forecast_scenarios'];

function toColumns(f: ProjectFields) {
  return {
    name: f.name,
    client: f.client,
    kind: f.kind,
    product_title: f.productTitle,
    description: f.description,
    tags: JSON.stringify(f.tags),
    price: f.price,
    goals: f.goals,
    kpi_awareness: f.kpiWeights.awareness,
    kpi_engagement: f.kpiWeights.engagement,
    kpi_conversion: f.kpiWeights.conversion,
    kpi_quality: f.kpiWeights.quality,
    budget: f.budget,
    currency: f.currency,
    start_date: f.startDate,
    end_date: f.endDate,
    exclusions: JSON.stringify(f.exclusions),
    status: f.status,
  };
}

function fromRow(r: ProjectRow, datasets: DatasetSummary[]): Project {
  return {
    id: r.id,
    name: r.name,
    client: r.client,
    kind: r.kind,
    productTitle: r.product_title,
    description: r.description,
    tags: JSON.parse(r.tags) as string[],
    price: r.price,
    goals: r.goals,
    kpiWeights: {
      awareness: r.kpi_awareness,
      engagement: r.kpi_engagement,
      conversion: r.kpi_conversion,
      quality: r.kpi_quality,
    },
    budget: r.budget,
    currency: r.currency,
    startDate: r.start_date,
    endDate: r.end_date,
    exclusions: JSON.parse(r.exclusions) as string[],
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    openedAt: r.opened_at,
    deletedAt: r.deleted_at,
    datasets,
  };
}

const COLUMNS = Object.keys(toColumns(DEFAULT_PROJECT_FIELDS));

/** Typed SQL access to projects. Values are always bound parameters, never concatenated. */
export class ProjectsRepo {
  constructor(private readonly db: Db) {}

  /** `uid` names the project across machines (a `.tandem` file carries it); new projects get a fresh one. */
  insert(fields: ProjectFields, now: string, uid: string = randomUUID()): number {
    const cols = [...COLUMNS, 'created_at', 'updated_at', 'uid'];
    const sql = `INSERT INTO projects (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`;
    const info = this.db.prepare(sql).run({ ...toColumns(fields), created_at: now, updated_at: now, uid });
    return Number(info.lastInsertRowid);
  }

  uid(id: number): string | null {
    const row = this.db.prepare('SELECT uid FROM projects WHERE id = ?').get(id) as { uid: string | null } | undefined;
    return row?.uid ?? null;
  }

  /** The live (not trashed) project holding `uid`, if any. */
  findLiveByUid(uid: string): number | null {
    const row = this.db.prepare('SELECT id FROM projects WHERE uid = ? AND deleted_at IS NULL ORDER BY id LIMIT 1').get(uid) as { id: number } | undefined;
    return row?.id ?? null;
  }

  update(id: number, fields: ProjectFields, now: string): void {
    const sets = COLUMNS.map((c) => `${c} = @${c}`).join(', ');
    this.db.prepare(`UPDATE projects SET ${sets}, updated_at = @updated_at WHERE id = @id`).run({
      ...toColumns(fields),
      updated_at: now,
      id,
    });
  }

  get(id: number): Project | null {
    const row = this.db.prepare('SELECT * FROM projects WHERE id = ?').get(id) as ProjectRow | undefined;
    return row ? fromRow(row, this.datasets(id)) : null;
  }

  list(trash: boolean): ProjectSummary[] {
    const rows = this.db
      .prepare(`SELECT * FROM projects WHERE deleted_at IS ${trash ? 'NOT NULL' : 'NULL'}`)
      .all() as ProjectRow[];
    const byProject = this.allDatasets();
    return rows.map((r) => {
      const { description: _d, goals: _g, ...summary } = fromRow(r, byProject.get(r.id) ?? []);
      return summary;
    });
  }

  datasets(projectId: number): DatasetSummary[] {
    return this.allDatasets(projectId).get(projectId) ?? [];
  }

  private allDatasets(projectId?: number): Map<number, DatasetSummary[]> {
    const rows = (
      projectId === undefined
        ? this.db.prepare('SELECT * FROM datasets').all()
        : this.db.prepare('SELECT * FROM datasets WHERE project_id = ?').all(projectId)
    ) as { project_id: number; kind: DatasetSummary['kind']; rows: number; source: string | null; imported_at: string }[];
    const map = new Map<number, DatasetSummary[]>();
    for (const r of rows) {
      const list = map.get(r.project_id) ?? [];
      list.push({ kind: r.kind, rows: r.rows, source: r.source, importedAt: r.imported_at });
      map.set(r.project_id, list);
    }
    for (const list of map.values()) list.sort((a, b) => DATASET_KINDS.indexOf(a.kind) - DATASET_KINDS.indexOf(b.kind));
    return map;
  }

  setStatus(id: number, status: ProjectFields['status'], now: string): void {
    this.db.prepare('UPDATE projects SET status = ?, updated_at = ? WHERE id = ?').run(status, now, id);
  }

  markOpened(id: number, now: string): void {
    this.db.prepare('UPDATE projects SET opened_at = ? WHERE id = ?').run(now, id);
  }

  setDeleted(id: number, deletedAt: string | null): void {
    this.db.prepare('UPDATE projects SET deleted_at = ? WHERE id = ?').run(deletedAt, id);
  }

  /** Removes every trashed project for good; datasets go with them (ON DELETE CASCADE). */
  purgeTrash(): number {
    return this.db.prepare('DELETE FROM projects WHERE deleted_at IS NOT NULL').run().changes;
  }

  /** Copies a project's datasets to another project (same transaction as the caller's). */
  copyDatasets(fromId: number, toId: number): void {
    for (const table of DATASET_TABLES) {
      const cols = (this.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[])
        .map((c) => c.name)
        .filter((c) => c !== 'project_id' && !(c === 'id' && OWN_ID_TABLES.includes(table)));
      this.db
        .prepare(`INSERT INTO ${table} (project_id, ${cols.join(', ')}) SELECT ?, ${cols.join(', ')} FROM ${table} WHERE project_id = ?`)
        .run(toId, fromId);
    }
    this.db
      .prepare(
        'INSERT INTO datasets (project_id, kind, rows, source, imported_at, mapping, profile, layout) SELECT ?, kind, rows, source, imported_at, mapping, profile, layout FROM datasets WHERE project_id = ?',
      )
      .run(toId, fromId);
  }
}

/** Refuses a project id that names nothing, or a project in the trash (the call names no live project). */
export function requireLiveProject(db: Db, projectId: number): void {
  if (!db.prepare('SELECT 1 FROM projects WHERE id = ? AND deleted_at IS NULL').get(projectId)) throw new DomainError('not_found', `No project with id ${projectId}.`);
}
