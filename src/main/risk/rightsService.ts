import type { Db } from '../db/connection';
import type { Licence, LicenceInput, RightsRegister } from '../../shared/rights';
import { licenceInputSchema } from '../../shared/rights';
import { DomainError } from '../../shared/result';
import { parseOrRefuse } from '../../shared/validation';
import { localDay } from './days';
import { alertOf, exclusivityClashes } from './rightsRules';

type Row = Record<string, unknown>;

/** The rights register of a project: licences per partner, their alerts, and exclusivity clashes. */
export class RightsService {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  register(projectId: number): RightsRegister {
    this.project(projectId);
    const today = localDay(this.now());
    const names = this.partnerNames(projectId);
    const licences: Licence[] = (this.db.prepare('SELECT * FROM licences WHERE project_id = ? ORDER BY end, id').all(projectId) as Row[]).map((r) => {
      const end = r.end as string;
      return {
        id: r.id as number,
        partnerId: r.partner_id as string,
        partnerName: names.get(r.partner_id as string) ?? null,
        licensor: r.licensor as string,
        asset: r.asset as string,
        territory: JSON.parse(r.territory as string) as string[],
        channels: JSON.parse(r.channels as string) as string[],
        start: r.start as string,
        end,
        exclusive: r.exclusive === 1,
        fee: r.fee as number,
        notes: r.notes as string,
        ...alertOf(end, today),
      };
    });
    return { licences, clashes: exclusivityClashes(licences), today };
  }

  save(projectId: number, input: LicenceInput): RightsRegister {
    this.project(projectId);
    const l = parseOrRefuse(licenceInputSchema, input);
    if (!this.partnerNames(projectId).has(l.partnerId)) throw new DomainError('not_found', `The project has no partner ${l.partnerId}.`, [{ path: 'partnerId', message: 'validation.invalidChoice' }]);
    const at = this.now().toISOString();
    const values = [l.partnerId, l.licensor, l.asset, JSON.stringify(l.territory), JSON.stringify(l.channels), l.start, l.end, l.exclusive ? 1 : 0, l.fee, l.notes, at];
    this.db.transaction(() => {
      if (l.id === undefined) {
        this.db
          .prepare('INSERT INTO licences (project_id, partner_id, licensor, asset, territory, channels, start, end, exclusive, fee, notes, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(projectId, ...values);
      } else {
        const changed = this.db
          .prepare('UPDATE licences SET partner_id = ?, licensor = ?, asset = ?, territory = ?, channels = ?, start = ?, end = ?, exclusive = ?, fee = ?, notes = ?, updated_at = ? WHERE id = ? AND project_id = ?')
          .run(...values, l.id, projectId).changes;
        if (!changed) throw new DomainError('not_found', `Project ${projectId} has no licence ${l.id}.`);
      }
    })();
    return this.register(projectId);
  }

  remove(projectId: number, id: number): RightsRegister {
    const gone = this.db.prepare('DELETE FROM licences WHERE id = ? AND project_id = ?').run(id, projectId).changes;
    if (!gone) throw new DomainError('not_found', `Project ${projectId} has no licence ${id}.`);
    return this.register(projectId);
  }

  private project(projectId: number): void {
    if (!this.db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) throw new DomainError('not_found', `No project with id ${projectId}.`);
  }

  private partnerNames(projectId: number): Map<string, string> {
    const rows = this.db.prepare('SELECT partner_id, name FROM partners WHERE project_id = ?').all(projectId) as { partner_id: string; name: string }[];
    return new Map(rows.map((r) => [r.partner_id, r.name]));
  }
}
