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

/** How one row of each kind becomes one table row. */
const WRITERS: { [K in DatasetKind]: { table: string; sql: string; values: (projectId: number, r: DatasetRows[K]) => unknown[] } } = {
  audience: {
    table: 'audience_users',
    sql: 'INSERT INTO audience_users (project_id, user_id, features, attributes) VALUES (?, ?, ?, ?)',
    values: (p, r) => [p, r.userId, json(r.features), json(r.attributes)],
  },
  catalog: {
    table: 'catalog_items',
    sql: 'INSERT INTO catalog_items (project_id, item_id, title, description, tags, category, price, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    values: (p, r) => [p, r.itemId, r.title, r.description, json(r.tags), r.category, r.price, json(r.extra)],
  },
  interactions: {
    table: 'interactions',
    sql: 'INSERT INTO interactions (project_id, user_id, item_id, event, weight, ts) VALUES (?, ?, ?, ?, ?, ?)',
    values: (p, r) => [p, r.userId, r.itemId, r.event, r.weight, r.ts],
  },
  partners: {
    table: 'partners',
    sql: `INSERT INTO partners (project_id, partner_id, name, type, industry, description, tags, audience_size,
            audience_profile, reputation, fee, conflict_tags, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    values: (p, r) => [
      p, r.partnerId, r.name, r.type, r.industry, r.description, json(r.tags), r.audienceSize,
      r.audienceProfile, r.reputation, r.fee, json(r.conflictTags), json(r.extra),
    ],
  },
  collaborations: {
    table: 'collaborations',
    sql: 'INSERT INTO collaborations (project_id, partner_a, partner_b, year, kind, outcome) VALUES (?, ?, ?, ?, ?, ?)',
    values: (p, r) => [p, r.partnerA, r.partnerB, r.year, r.kind, r.outcome],
  },
  campaigns: {
    table: 'campaign_periods',
    sql: 'INSERT INTO campaign_periods (project_id, period, outcome, spend, controls, campaign_id) VALUES (?, ?, ?, ?, ?, ?)',
    values: (p, r) => [p, r.period, r.outcome, json(r.spend), json(r.controls), r.campaignId],
  },
  actuals: {
    table: 'actuals',
    sql: 'INSERT INTO actuals (project_id, date, kpis) VALUES (?, ?, ?)',
    values: (p, r) => [p, r.date, json(r.kpis)],
  },
};

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
    const insert = this.db.prepare(writer.sql);
    rows.forEach((row, i) => {
      insert.run(...writer.values(projectId, row));
      if (onRow && i % 5000 === 0) onRow(i);
    });
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
