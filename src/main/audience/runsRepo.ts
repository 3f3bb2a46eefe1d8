import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connection';
import { readLabels, writeLabels } from '../db/labelChunks';
import type { SegmentRun, SegmentRunSummary } from '../../shared/segments';

type Row = Record<string, unknown>;

/** Typed SQL access to segmentation runs. */
export class RunsRepo {
  constructor(private readonly db: Db) {}

  insert(run: Omit<SegmentRun, 'id' | 'chosen'>, assignments: Int32Array): { id: number; chosen: boolean } {
    return this.db.transaction(() => {
      // The first run of a project is the one later steps use until the strategist picks another.
      const chosen = !this.db.prepare('SELECT 1 FROM segment_runs WHERE project_id = ? AND chosen = 1').get(run.projectId);
      const { projectId, createdAt, name, engine, users, settings, ...rest } = run;
      const key = randomUUID();
      const metrics = {
        k: rest.k, silhouette: rest.silhouette, inertia: rest.inertia, iterations: rest.iterations, algorithm: rest.algorithm, ms: rest.ms,
        silhouetteByK: rest.silhouetteByK, kRule: rest.kRule, features: rest.features, dropped: rest.dropped, backend: rest.backend, map: rest.map,
      };
      const info = this.db
        .prepare(
          `INSERT INTO segment_runs (project_id, created_at, name, settings, engine, metrics, segments, users, labels_key, chosen)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(projectId, createdAt, name, JSON.stringify(settings), engine, JSON.stringify(metrics), JSON.stringify(rest.segments), users, key, chosen ? 1 : 0);
      writeLabels(this.db, projectId, key, assignments);
      return { id: Number(info.lastInsertRowid), chosen };
    })();
  }

  list(projectId: number): SegmentRunSummary[] {
    const rows = this.db
      // The summary needs a few figures, not the map of 20,000 points kept beside them.
      .prepare(
        "SELECT id, project_id, created_at, name, chosen, engine, users, json_remove(metrics, '$.map', '$.features', '$.silhouetteByK') AS metrics FROM segment_runs WHERE project_id = ? ORDER BY id DESC",
      )
      .all(projectId) as Row[];
    return rows.map(summary);
  }

  get(id: number): SegmentRun | null {
    const r = this.db.prepare('SELECT * FROM segment_runs WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    const metrics = JSON.parse(r.metrics as string) as Record<string, unknown>;
    return {
      ...summary(r),
      settings: JSON.parse(r.settings as string) as SegmentRun['settings'],
      features: metrics.features as SegmentRun['features'],
      dropped: metrics.dropped as SegmentRun['dropped'],
      silhouetteByK: metrics.silhouetteByK as SegmentRun['silhouetteByK'],
      ...(metrics.kRule ? { kRule: metrics.kRule as SegmentRun['kRule'] } : {}),
      backend: metrics.backend as string,
      map: metrics.map as SegmentRun['map'],
      segments: JSON.parse(r.segments as string) as SegmentRun['segments'],
    };
  }

  chosen(projectId: number): SegmentRun | null {
    const id = this.db.prepare('SELECT id FROM segment_runs WHERE project_id = ? AND chosen = 1').pluck().get(projectId) as number | undefined;
    return id === undefined ? null : this.get(id);
  }

  choose(projectId: number, id: number): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE segment_runs SET chosen = 0 WHERE project_id = ? AND chosen = 1').run(projectId);
      this.db.prepare('UPDATE segment_runs SET chosen = 1 WHERE id = ? AND project_id = ?').run(id, projectId);
    })();
  }

  /** Names a segment of a run (the strategist's name replaces the proposed one). */
  renameSegment(id: number, segmentId: number, name: string): void {
    const run = this.get(id);
    if (!run) return;
    const segments = run.segments.map((s) => (s.id === segmentId ? { ...s, name } : s));
    this.db.prepare('UPDATE segment_runs SET segments = ? WHERE id = ?').run(JSON.stringify(segments), id);
  }

  /** Each user's segment, in the audience's row order. */
  assignments(id: number): Int32Array {
    const run = this.db.prepare('SELECT project_id, labels_key FROM segment_runs WHERE id = ?').raw().get(id) as [number, string] | undefined;
    return run ? readLabels(this.db, run[0], run[1]) : new Int32Array(0);
  }
}

function summary(r: Row): SegmentRunSummary {
  const m = JSON.parse(r.metrics as string) as Record<string, number> & { algorithm?: 'lloyd' | 'minibatch' };
  return {
    id: r.id as number,
    projectId: r.project_id as number,
    createdAt: r.created_at as string,
    name: r.name as string,
    chosen: r.chosen === 1,
    engine: r.engine as string,
    users: r.users as number,
    k: m.k,
    silhouette: m.silhouette,
    inertia: m.inertia,
    iterations: m.iterations,
    // Runs stored before mini-batch existed were all Lloyd.
    algorithm: m.algorithm ?? 'lloyd',
    ms: m.ms,
  };
}
