import type { Db } from '../../db/connection';
import { DEFAULT_EVENT_WEIGHTS, eventWeightsSaveSchema, eventWeightsSchema, type EventWeightsView } from '../../../shared/targeting';
import { DomainError } from '../../../shared/result';
import { parseOrRefuse } from '../../../shared/validation';

/**
 * A project's event weights (targeting_settings): what the strategist saved over the
 * defaults. Every row of interactions counts its weight column times its event's weight.
 */
export class EventWeightsRepo {
  constructor(private readonly db: Db) {}

  /** The weights in force: the defaults, then the project's own. */
  weights(projectId: number): Record<string, number> {
    const raw = this.db.prepare('SELECT event_weights FROM targeting_settings WHERE project_id = ?').pluck().get(projectId) as string | undefined;
    const own = raw === undefined ? {} : eventWeightsSchema.parse(JSON.parse(raw));
    return { ...DEFAULT_EVENT_WEIGHTS, ...own };
  }

  /** The weights and the event types the interactions hold, most rows first. */
  view(projectId: number): EventWeightsView {
    this.requireProject(projectId);
    const weights = this.weights(projectId);
    const events = (this.db.prepare('SELECT event, count(*) AS rows FROM interactions WHERE project_id = ? GROUP BY event ORDER BY rows DESC, event').all(projectId) as { event: string; rows: number }[])
      .map((e) => ({ ...e, weight: weightOf(weights, e.event) }));
    return { weights, events };
  }

  save(input: unknown): EventWeightsView {
    const { projectId, weights } = parseOrRefuse(eventWeightsSaveSchema, input);
    this.requireProject(projectId);
    const merged = { ...this.weights(projectId), ...Object.fromEntries(Object.entries(weights).map(([k, v]) => [k.toLowerCase(), v])) };
    this.db
      .prepare('INSERT INTO targeting_settings (project_id, event_weights, updated_at) VALUES (?, ?, ?) ON CONFLICT(project_id) DO UPDATE SET event_weights = excluded.event_weights, updated_at = excluded.updated_at')
      .run(projectId, JSON.stringify(merged), new Date().toISOString());
    return this.view(projectId);
  }

  private requireProject(projectId: number) {
    if (!this.db.prepare('SELECT 1 FROM projects WHERE id = ? AND deleted_at IS NULL').get(projectId)) throw new DomainError('not_found', `No project with id ${projectId}.`);
  }
}

/** An event's weight: its own, else 1 (an event type nobody named counts as a plain interaction). */
export const weightOf = (weights: Record<string, number>, event: string) => weights[event.toLowerCase()] ?? 1;
