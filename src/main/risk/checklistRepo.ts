import type { Db } from '../db/connection';
import type { ChecklistChange, ItemStatus, Severity } from '../../shared/checklist';

/** A checklist row as stored (snake_case columns mapped once here). */
export interface StoredItem {
  key: string;
  kind: string;
  partnerId: string | null;
  titleEn: string;
  titleZh: string;
  detailEn: string;
  detailZh: string;
  severity: Severity;
  status: ItemStatus;
  owner: string;
  due: string | null;
  notes: string;
  naReason: string;
  position: number;
  updatedAt: string;
}

export interface StoredEvidence {
  key: string;
  sha256: string;
  name: string;
  size: number;
  addedAt: string;
  /** The project file it arrived in (null: added in this library). */
  receivedFrom?: { file: string; exportedAt: string } | null;
}

type Row = Record<string, unknown>;

/** `received_from` as stored: '' (added here) or JSON `{file, exportedAt}` written when a project file is opened. */
function receivedFrom(text: string): { file: string; exportedAt: string } | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as { file?: unknown; exportedAt?: unknown };
    return { file: String(v.file ?? ''), exportedAt: String(v.exportedAt ?? '') };
  } catch {
    return { file: text, exportedAt: '' };
  }
}

const fromRow = (r: Row): StoredItem => ({
  key: r.item_key as string,
  kind: r.kind as string,
  partnerId: (r.partner_id as string | null) ?? null,
  titleEn: r.title_en as string,
  titleZh: r.title_zh as string,
  detailEn: r.detail_en as string,
  detailZh: r.detail_zh as string,
  severity: r.severity as Severity,
  status: r.status as ItemStatus,
  owner: r.owner as string,
  due: (r.due as string | null) ?? null,
  notes: r.notes as string,
  naReason: r.na_reason as string,
  position: r.position as number,
  updatedAt: r.updated_at as string,
});

/** Typed SQL access to the shortlist, checklist items, their history and evidence. */
export class ChecklistRepo {
  constructor(private readonly db: Db) {}

  shortlist(projectId: number): string[] {
    return this.db.prepare('SELECT partner_id FROM shortlist WHERE project_id = ? ORDER BY position, partner_id').pluck().all(projectId) as string[];
  }

  setShortlist(projectId: number, partnerIds: string[], at: string): void {
    this.db.prepare('DELETE FROM shortlist WHERE project_id = ?').run(projectId);
    const insert = this.db.prepare('INSERT INTO shortlist (project_id, partner_id, position, added_at) VALUES (?, ?, ?, ?)');
    partnerIds.forEach((id, i) => insert.run(projectId, id, i, at));
  }

  items(projectId: number): StoredItem[] {
    return (this.db.prepare('SELECT * FROM checklist_items WHERE project_id = ? ORDER BY position, item_key').all(projectId) as Row[]).map(fromRow);
  }

  item(projectId: number, key: string): StoredItem | null {
    const r = this.db.prepare('SELECT * FROM checklist_items WHERE project_id = ? AND item_key = ?').get(projectId, key) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  insert(projectId: number, item: StoredItem): void {
    this.db
      .prepare(
        `INSERT INTO checklist_items (project_id, item_key, kind, partner_id, title_en, title_zh, detail_en, detail_zh, severity, status, owner, due, notes, na_reason, position, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(projectId, item.key, item.kind, item.partnerId, item.titleEn, item.titleZh, item.detailEn, item.detailZh, item.severity, item.status, item.owner, item.due, item.notes, item.naReason, item.position, item.updatedAt);
  }

  update(projectId: number, item: StoredItem): void {
    this.db
      .prepare('UPDATE checklist_items SET severity = ?, status = ?, owner = ?, due = ?, notes = ?, na_reason = ?, updated_at = ? WHERE project_id = ? AND item_key = ?')
      .run(item.severity, item.status, item.owner, item.due, item.notes, item.naReason, item.updatedAt, projectId, item.key);
  }

  remove(projectId: number, key: string): void {
    for (const table of ['checklist_items', 'checklist_history', 'checklist_evidence']) this.db.prepare(`DELETE FROM ${table} WHERE project_id = ? AND item_key = ?`).run(projectId, key);
  }

  logChange(projectId: number, key: string, change: ChecklistChange): void {
    this.db
      .prepare('INSERT INTO checklist_history (project_id, item_key, at, who, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(projectId, key, change.at, change.who, change.field, change.from, change.to);
  }

  history(projectId: number, key: string): ChecklistChange[] {
    return (this.db.prepare('SELECT at, who, field, old_value, new_value FROM checklist_history WHERE project_id = ? AND item_key = ? ORDER BY rowid').all(projectId, key) as Row[]).map((r) => ({
      at: r.at as string,
      who: r.who as string,
      field: r.field as string,
      from: r.old_value as string,
      to: r.new_value as string,
    }));
  }

  evidence(projectId: number): StoredEvidence[] {
    return (this.db.prepare('SELECT item_key, sha256, name, size, added_at, received_from FROM checklist_evidence WHERE project_id = ? ORDER BY added_at, name').all(projectId) as Row[]).map((r) => ({
      key: r.item_key as string,
      sha256: r.sha256 as string,
      name: r.name as string,
      size: r.size as number,
      addedAt: r.added_at as string,
      receivedFrom: receivedFrom(r.received_from as string),
    }));
  }

  evidenceBytes(projectId: number, key: string, sha256: string): Buffer | null {
    return (this.db.prepare('SELECT data FROM checklist_evidence WHERE project_id = ? AND item_key = ? AND sha256 = ?').pluck().get(projectId, key, sha256) as Buffer | undefined) ?? null;
  }

  /** Each evidence blob's bytes, one at a time (verification reads them all, never together). */
  *evidenceBlobs(projectId: number): Generator<{ key: string; sha256: string; data: Buffer }> {
    const rows = this.db.prepare('SELECT item_key, sha256 FROM checklist_evidence WHERE project_id = ?').all(projectId) as Row[];
    for (const r of rows) {
      const data = this.evidenceBytes(projectId, r.item_key as string, r.sha256 as string);
      if (data) yield { key: r.item_key as string, sha256: r.sha256 as string, data };
    }
  }

  addEvidence(projectId: number, key: string, e: StoredEvidence, data: Buffer): void {
    this.db
      .prepare("INSERT OR REPLACE INTO checklist_evidence (project_id, item_key, sha256, name, size, data, added_at, received_from) VALUES (?, ?, ?, ?, ?, ?, ?, '')")
      .run(projectId, key, e.sha256, e.name, e.size, data, e.addedAt);
  }

  nextPosition(projectId: number): number {
    return ((this.db.prepare('SELECT max(position) FROM checklist_items WHERE project_id = ?').pluck().get(projectId) as number | null) ?? -1) + 1;
  }
}
