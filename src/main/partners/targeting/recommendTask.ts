import { openLibrary } from '../../db/library';
import type { TaskContext } from '../../jobs/protocol';
import { recommendStartSchema } from '../../../shared/targeting';
import { runRecommend } from './recommend';

/** The recommendation job: its own library connection in the worker thread. */
export async function runRecommendTask(params: unknown, ctx: TaskContext) {
  const p = recommendStartSchema.omit({ kind: true }).parse(params);
  const library = openLibrary(ctx.dataDir, { nativeBinding: ctx.nativeBinding });
  try {
    return await runRecommend(library.db, p, (f, step) => ctx.progress(f, step));
  } finally {
    library.close();
  }
}
