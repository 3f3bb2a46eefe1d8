import path from 'node:path';
import { openLibrary } from '../db/library';
import type { TaskContext } from '../jobs/protocol';
import { segmentStartSchema } from '../../shared/segments';
import { runSegmentation } from './runSegmentation';

/** The segmentation job: its own library connection in the worker thread. */
export async function runSegmentTask(params: unknown, ctx: TaskContext) {
  const p = segmentStartSchema.omit({ kind: true }).parse(params);
  const library = openLibrary(ctx.dataDir, { nativeBinding: ctx.nativeBinding });
  try {
    return await runSegmentation(library.db, p.projectId, p.settings, {
      onProgress: (f, step) => ctx.progress(f, step),
      assignmentsPath: p.assignmentsPath ? path.resolve(p.assignmentsPath) : undefined,
    });
  } finally {
    library.close();
  }
}
