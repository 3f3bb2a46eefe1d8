import { openLibrary } from '../db/library';
import type { TaskContext } from '../jobs/protocol';
import { mmmStartSchema } from '../../shared/forecast';
import { fitMmm } from './mmm/mmm';
import { FitsRepo } from './fitsRepo';
import { loadMmmData } from './periods';

/** The marketing-mix job: the project's campaign periods read on its own connection, the model fitted in the worker thread and kept as the project's latest fit. */
export function runMmmTask(params: unknown, ctx: TaskContext) {
  const { projectId, ...options } = mmmStartSchema.omit({ kind: true }).parse(params);
  const library = openLibrary(ctx.dataDir, { nativeBinding: ctx.nativeBinding });
  try {
    const data = loadMmmData(library.db, projectId);
    const result = fitMmm(data, { ...options, onProgress: (f, step) => ctx.progress(f, step) });
    new FitsRepo(library.db).save(projectId, options, result, new Date());
    return result;
  } finally {
    library.close();
  }
}
