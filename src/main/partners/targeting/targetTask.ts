import { openLibrary } from '../../db/library';
import type { TaskContext } from '../../jobs/protocol';
import { targetStartSchema } from '../../../shared/targeting';
import { runTargeting } from './concept';

/** The targeting job: its own library connection in the worker thread. */
export async function runTargetTask(params: unknown, ctx: TaskContext) {
  const p = targetStartSchema.omit({ kind: true }).parse(params);
  const library = openLibrary(ctx.dataDir, { nativeBinding: ctx.nativeBinding });
  try {
    return await runTargeting(library.db, p, (f, step) => ctx.progress(f, step));
  } finally {
    library.close();
  }
}
