import type { Db } from '../db/connection';
import { DEFAULT_OVERLAP_SETTINGS, type OurSketchBasis, type OverlapSettings } from '../../shared/overlap/overlapView';
import type { IdentifierKind } from '../../shared/overlap/identifiers';

export interface DealRow {
  partnerId: string;
  dealKey: string;
  keyId: string;
  createdAt: string;
  theirSketch: string | null;
  theirFile: string | null;
  theirImportedAt: string | null;
  ourSketch: string | null;
  ourBasis: OurSketchBasis | null;
}

interface RawDeal {
  partner_id: string;
  deal_key: string;
  key_id: string;
  created_at: string;
  their_sketch: string | null;
  their_file: string | null;
  their_imported_at: string | null;
  our_sketch: string | null;
  our_basis: string | null;
}

const toDeal = (r: RawDeal): DealRow => ({
  partnerId: r.partner_id,
  dealKey: r.deal_key,
  keyId: r.key_id,
  createdAt: r.created_at,
  theirSketch: r.their_sketch,
  theirFile: r.their_file,
  theirImportedAt: r.their_imported_at,
  ourSketch: r.our_sketch,
  ourBasis: r.our_basis === null ? null : (JSON.parse(r.our_basis) as OurSketchBasis),
});

/** The overlap tables (migration 014): a project's deals with partners and its overlap settings. */
export class OverlapRepo {
  constructor(private readonly db: Db) {}

  settings(projectId: number): OverlapSettings {
    const r = this.db.prepare('SELECT universe, measure, id_column, id_kind FROM overlap_settings WHERE project_id = ?').get(projectId) as
      | { universe: number; measure: OverlapSettings['measure']; id_column: string; id_kind: IdentifierKind | null }
      | undefined;
    return r ? { universe: r.universe, measure: r.measure, column: r.id_column, kind: r.id_kind } : { ...DEFAULT_OVERLAP_SETTINGS };
  }

  saveSettings(projectId: number, s: OverlapSettings, now: Date): void {
    this.db
      .prepare(
        `INSERT INTO overlap_settings (project_id, universe, measure, id_column, id_kind, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(project_id) DO UPDATE SET universe = excluded.universe, measure = excluded.measure, id_column = excluded.id_column, id_kind = excluded.id_kind, updated_at = excluded.updated_at`,
      )
      .run(projectId, s.universe, s.measure, s.column, s.kind, now.toISOString());
  }

  deals(projectId: number): DealRow[] {
    return (this.db.prepare('SELECT * FROM overlap_deals WHERE project_id = ? ORDER BY created_at, partner_id').all(projectId) as RawDeal[]).map(toDeal);
  }

  deal(projectId: number, partnerId: string): DealRow | null {
    const r = this.db.prepare('SELECT * FROM overlap_deals WHERE project_id = ? AND partner_id = ?').get(projectId, partnerId) as RawDeal | undefined;
    return r ? toDeal(r) : null;
  }

  /** A deal's key is made once: a second kit for the same partner carries the same key. */
  createDeal(projectId: number, partnerId: string, dealKey: string, keyId: string, now: Date): void {
    this.db
      .prepare('INSERT INTO overlap_deals (project_id, partner_id, deal_key, key_id, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(projectId, partnerId, dealKey, keyId, now.toISOString());
  }

  /** Both sides of a deal's sketches in one write: a crash leaves the old pair or the new, never a mix. */
  storeSketches(projectId: number, partnerId: string, ours: { sketch: string; basis: OurSketchBasis }, theirs: { sketch: string; file: string; at: string } | null): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE overlap_deals SET our_sketch = ?, our_basis = ? WHERE project_id = ? AND partner_id = ?').run(ours.sketch, JSON.stringify(ours.basis), projectId, partnerId);
      if (theirs) {
        this.db
          .prepare('UPDATE overlap_deals SET their_sketch = ?, their_file = ?, their_imported_at = ? WHERE project_id = ? AND partner_id = ?')
          .run(theirs.sketch, theirs.file, theirs.at, projectId, partnerId);
      }
    })();
  }

  forgetTheirs(projectId: number, partnerId: string): void {
    this.db.prepare('UPDATE overlap_deals SET their_sketch = NULL, their_file = NULL, their_imported_at = NULL WHERE project_id = ? AND partner_id = ?').run(projectId, partnerId);
  }
}
