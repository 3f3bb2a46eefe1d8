import type { Db } from '../db/connection';
import { MAX_SCENARIOS, type SavedScenario, type ScenarioInput, scenarioInputSchema } from '../../shared/forecast';
import { DomainError } from '../../shared/result';
import { parseOrRefuse } from '../../shared/validation';
import { FitsRepo } from './fitsRepo';
import { runScenario } from './scenario';
import { ProjectsRepo } from '../db/projectsRepo';
import { planFlags, planWeeks } from '../../shared/campaignFrame';

type Row = { id: number; name: string; plan: string };

/**
 * Saved forecast scenarios (up to four per project), each run under the latest fit when it
 * is read: weeks after the last modelled week, each channel's weekly spend held.
 */
export class ScenarioService {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(projectId: number): SavedScenario[] {
    const fit = new FitsRepo(this.db).latest(projectId)?.result ?? null;
    const rows = this.db.prepare('SELECT id, name, plan FROM forecast_scenarios WHERE project_id = ? ORDER BY id').all(projectId) as Row[];
    const project = new ProjectsRepo(this.db).get(projectId);
    const frame = project ?? { budget: 0, startDate: null, endDate: null };
    return rows.map((r) => {
      const plan = JSON.parse(r.plan) as { weeks: number; start?: string; spend: Record<string, number> };
      const total = plan.weeks * Object.values(plan.spend).reduce((a, b) => a + b, 0);
      const base = { id: r.id, name: r.name, weeks: plan.weeks, spend: plan.spend, start: plan.start ?? null };
      if (!fit) return { ...base, weekDates: [], flags: planFlags(frame, [], total), result: null, problem: { message: 'forecast.problem.noFit' } };
      const last = fit.series.periods.at(-1)!;
      const first = plan.start ?? new Date(Date.parse(`${last}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
      const weeks = planWeeks(first, plan.weeks);
      const flagged = { ...base, weekDates: weeks, flags: planFlags(frame, weeks, total) };
      try {
        return { ...flagged, result: runScenario(fit, { weeks, spend: Object.fromEntries(Object.entries(plan.spend).map(([c, v]) => [c, weeks.map(() => v)])) }), problem: null };
      } catch (e) {
        const issue = e instanceof DomainError ? e.issues?.[0] : undefined;
        return { ...flagged, result: null, problem: issue ? { message: issue.message, params: issue.params } : { message: 'forecast.problem.noFit' } };
      }
    });
  }

  save(projectId: number, input: ScenarioInput): SavedScenario[] {
    if (!this.db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) throw new DomainError('not_found', `No project with id ${projectId}.`);
    const s = parseOrRefuse(scenarioInputSchema, input);
    const at = this.now().toISOString();
    const plan = JSON.stringify({ weeks: s.weeks, ...(s.start ? { start: s.start } : {}), spend: s.spend });
    this.db.transaction(() => {
      if (s.id === undefined) {
        const count = this.db.prepare('SELECT COUNT(*) FROM forecast_scenarios WHERE project_id = ?').pluck().get(projectId) as number;
        if (count >= MAX_SCENARIOS) throw new DomainError('refused', `A project keeps at most ${MAX_SCENARIOS} scenarios to compare: delete one first.`, [{ path: 'scenario', message: 'forecast.problem.tooManyScenarios', params: { max: MAX_SCENARIOS } }]);
        this.db.prepare('INSERT INTO forecast_scenarios (project_id, name, plan, updated_at) VALUES (?, ?, ?, ?)').run(projectId, s.name, plan, at);
      } else if (!this.db.prepare('UPDATE forecast_scenarios SET name = ?, plan = ?, updated_at = ? WHERE id = ? AND project_id = ?').run(s.name, plan, at, s.id, projectId).changes) {
        throw new DomainError('not_found', `Project ${projectId} has no scenario ${s.id}.`);
      }
    })();
    return this.list(projectId);
  }

  remove(projectId: number, id: number): SavedScenario[] {
    if (!this.db.prepare('DELETE FROM forecast_scenarios WHERE id = ? AND project_id = ?').run(id, projectId).changes) throw new DomainError('not_found', `Project ${projectId} has no scenario ${id}.`);
    return this.list(projectId);
  }
}
