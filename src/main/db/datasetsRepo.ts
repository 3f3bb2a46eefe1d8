import type {
  ActualsRow,
  AudienceRow,
  CampaignPeriodRow,
  CatalogRow,
  CollaborationRow,
  InteractionRow,
  PartnerRow,
} from '../../shared/datasets';
import type { DatasetKind } from '../../shared/project';
import type { Db } from './connection';

export interface DatasetRows {
  audience: AudienceRow;
  catalog: CatalogRow;
  interactions: InteractionRow;
  partners: PartnerRow;
  collaborations: CollaborationRow;
  campaigns: CampaignPeriodRow;
  actuals: ActualsRow;
}

const json = (v: unknown) => JSON.stringify(v);

/** How one row of each kind becomes one table row: the table, its columns, the values. */
const WRITERS: { [K in DatasetKind]: { table: string; columns: string[]; values: (projectId: number, r: DatasetRows[K]) => unknown[] } } = {
  audience: {
    table: 'audience_users',
    columns: ['project_id', 'user_id', 'features', 'attributes'],
    values: (p, r) => [p, r.userId, json(r.features), json(r.attributes)],
  },
  catalog: {
    table: 'catalog_items',
    columns: ['project_id', 'item_id', 'title', 'description', 'tags', 'category', 'price', 'extra'],
    values: (p, r) => [p, r.itemId, r.title, r.description, json(r.tags), r.category, r.price, json(r.extra)],
  },
  interactions: {
    table: 'interactions',
    columns: ['project_id', 'user_id', 'item_id', 'event', 'weight', 'ts'],
    values: (p, r) => [p, r.userId, r.itemId, r.event, r.weight, r.ts],
  },
  partners: {
    table: 'partners',
    columns: [
      'project_id', 'partner_id', 'name', 'type', 'industry', 'description', 'tags', 'audience_size',
      'audience_profile', 'reputation', 'fee', 'conflict_tags', 'extra',
    ],
    values: (p, r) => [
      p, r.partnerId, r.name, r.type, r.industry, r.description, json(r.tags), r.audienceSize,
      r.audienceProfile, r.reputation, r.fee, json(r.conflictTags), json(r.extra),
    ],
  },
  collaborations: {
    table: 'collaborations',
    columns: ['project_id', 'partner_a', 'partner_b', 'year', 'kind', 'outcome'],
    values: (p, r) => [p, r.partnerA, r.partnerB, r.year, r.kind, r.outcome],
  },
  campaigns: {
    table: 'campaign_periods',
    columns: ['project_id', 'period', 'outcome', 'spend', 'controls', 'campaign_id'],
    values: (p, r) => [p, r.period, r.outcome, json(r.spend), json(r.controls), r.campaignId],
  },
  actuals: {
    table: 'actuals',
    columns: ['project_id', 'date', 'kpis'],
    values: (p, r) => [p, r.date, json(r.kpis)],
  },
};

/**
 * Rows per INSERT statement. One statement per row spends most of its time crossing from JS
 * into SQLite; 64 rows per statement (at most 13 × 64 = 832 bound values) cuts that ~3×.
 */
const BATCH = 64;

function insertSql(table: string, columns: string[], rows: number): string {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
}

/**
 * Writes datasets. Callers wrap a logical write (a whole import, the demo) in one
 * transaction; `onRow` lets a long write report progress and be cancelled by throwing.
 */
export class DatasetsRepo {
  constructor(private readonly db: Db) {}

  /** Replaces a kind's rows and its summary line. Must run inside the caller's transaction. */
  replace<K extends DatasetKind>(
    projectId: number,
    kind: K,
    rows: readonly DatasetRows[K][],
    meta: { source: string | null; importedAt: string; mapping?: unknown },
    onRow?: (index: number) => void,
  ): void {
    if (!this.db.inTransaction) throw new Error('DatasetsRepo.replace must run inside a transaction');
    const writer = WRITERS[kind];
    this.db.prepare(`DELETE FROM ${writer.table} WHERE project_id = ?`).run(projectId);
    const full = this.db.prepare(insertSql(writer.table, writer.columns, BATCH));
    let nextReport = 0;
    for (let start = 0; start < rows.length; start += BATCH) {
      const batch = rows.slice(start, start + BATCH);
      const values = batch.flatMap((row) => writer.values(projectId, row));
      const statement = batch.length === BATCH ? full : this.db.prepare(insertSql(writer.table, writer.columns, batch.length));
      statement.run(values);
      if (onRow && start >= nextReport) {
        onRow(start);
        nextReport += 5000;
      }
    }
    this.db
      .prepare(
        `INSERT INTO datasets (project_id, kind, rows, source, imported_at, mapping) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(project_id, kind) DO UPDATE SET rows = excluded.rows, source = excluded.source,
           imported_at = excluded.imported_at, mapping = excluded.mapping`,
      )
      .run(projectId, kind, rows.length, meta.source, meta.importedAt, meta.mapping === undefined ? null : json(meta.mapping));
  }

  count(projectId: number, kind: DatasetKind): number {
    const row = this.db.prepare(`SELECT count(*) AS n FROM ${WRITERS[kind].table} WHERE project_id = ?`).get(projectId) as { n: number };
    return row.n;
  }
}
