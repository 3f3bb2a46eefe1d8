import { openLibrary } from '../db/library';
import type { TaskContext } from '../jobs/protocol';
import { mmmStartSchema } from '../../shared/forecast';
import { fitMmm } from './mmm/mmm';
import { loadMmmData } from './periods';

/** The marketing-mix job: the project's campaign periods read on its own connection, the model fitted in the worker thread. */
export function runMmmTask(params: unknown, ctx: TaskContext) {
  const { projectId, ...options } = mmmStartSchema.omit({ kind: true }).parse(params);
  const library = openLibrary(ctx.dataDir, { nativeBinding: ctx.nativeBinding });
  let data;
  try {
    data = loadMmmData(library.db, projectId);
  } finally {
    library.close();
  }
  return fitMmm(data, { ...options, onProgress: (f, step) => ctx.progress(f, step) });
}
