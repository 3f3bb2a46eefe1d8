import type { Db } from '../db/connection';
import { type RevenueScenario, type RevenueScenarioInput, revenueScenarioInputSchema } from '../../shared/revenue';
import { DomainError } from '../../shared/result';
import { parseOrRefuse } from '../../shared/validation';
import { splitProblems, splitRevenue } from './revenueSplit';

type Row = Record<string, unknown>;

/** Saved revenue-share scenarios of a project, each with its parties' takes at every revenue point. */
export class RevenueService {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(projectId: number): RevenueScenario[] {
    return (this.db.prepare('SELECT * FROM revenue_scenarios WHERE project_id = ? ORDER BY id').all(projectId) as Row[]).map((r) => {
      const revenues = JSON.parse(r.revenues as string) as RevenueScenario['revenues'];
      const parties = JSON.parse(r.parties as string) as RevenueScenario['parties'];
      return {
        id: r.id as number,
        name: r.name as string,
        revenues,
        parties,
        results: revenues.map((v) => ({ label: v.label, revenue: v.amount, ...splitRevenue(parties, v.amount) })),
        updatedAt: r.updated_at as string,
      };
    });
  }

  /** Saves a scenario; split models whose tiers overlap or whose shares pass 100% are refused, located. */
  save(projectId: number, input: RevenueScenarioInput): RevenueScenario[] {
    if (!this.db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) throw new DomainError('not_found', `No project with id ${projectId}.`);
    const s = parseOrRefuse(revenueScenarioInputSchema, input);
    const problems = splitProblems(s.parties);
    if (problems.length) throw new DomainError('invalid_input', problems.map((p) => p.message).join(' '), problems.map((p) => ({ path: `scenario.${p.path}`, message: p.key, params: p.params })));
    const at = this.now().toISOString();
    this.db.transaction(() => {
      if (s.id === undefined) {
        this.db.prepare('INSERT INTO revenue_scenarios (project_id, name, revenues, parties, updated_at) VALUES (?, ?, ?, ?, ?)').run(projectId, s.name, JSON.stringify(s.revenues), JSON.stringify(s.parties), at);
      } else {
        const changed = this.db
          .prepare('UPDATE revenue_scenarios SET name = ?, revenues = ?, parties = ?, updated_at = ? WHERE id = ? AND project_id = ?')
          .run(s.name, JSON.stringify(s.revenues), JSON.stringify(s.parties), at, s.id, projectId).changes;
        if (!changed) throw new DomainError('not_found', `Project ${projectId} has no revenue scenario ${s.id}.`);
      }
    })();
    return this.list(projectId);
  }

  remove(projectId: number, id: number): RevenueScenario[] {
    const gone = this.db.prepare('DELETE FROM revenue_scenarios WHERE id = ? AND project_id = ?').run(id, projectId).changes;
    if (!gone) throw new DomainError('not_found', `Project ${projectId} has no revenue scenario ${id}.`);
    return this.list(projectId);
  }
}
