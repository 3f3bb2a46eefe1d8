import type { Db } from '../db/connection';
import type { MmmResult } from '../../shared/forecast';
import { mmmVerdict } from '../../shared/verdict';

/** Typed access to each project's latest marketing-mix fit. */
export class FitsRepo {
  constructor(private readonly db: Db) {}

  save(projectId: number, options: object, result: MmmResult, at: Date): void {
    this.db
      .prepare('INSERT INTO mmm_fits (project_id, options, result, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(project_id) DO UPDATE SET options = excluded.options, result = excluded.result, created_at = excluded.created_at')
      .run(projectId, JSON.stringify(options), JSON.stringify(result), at.toISOString());
  }

  latest(projectId: number): { result: MmmResult; createdAt: string } | null {
    const row = this.db.prepare('SELECT result, created_at FROM mmm_fits WHERE project_id = ?').get(projectId) as { result: string; created_at: string } | undefined;
    if (!row) return null;
    const result = JSON.parse(row.result) as MmmResult;
    return { result: { ...result, verdict: mmmVerdict(result.metrics, result.weeks.holdout, result.channels) }, createdAt: row.created_at };
  }
}
