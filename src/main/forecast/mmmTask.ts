import { openLibrary } from '../db/library';
import type { TaskContext } from '../jobs/protocol';
import { mmmStartSchema } from '../../shared/forecast';
import { fitMmm } from './mmm/mmm';
import { FitsRepo } from './fitsRepo';
import { loadExperiments, loadMmmData } from './periods';
import { withActuals } from './withActuals';

/**
 * The marketing-mix job: the project's campaign periods read on its own connection (and,
 * when asked, the launched campaign's weeks of actuals after them), the model fitted in the
 * worker thread (calibrated by the project's lift tests) and kept as the project's latest fit.
 */
export function runMmmTask(params: unknown, ctx: TaskContext) {
  const { projectId, actuals, ...options } = mmmStartSchema.omit({ kind: true }).parse(params);
  const library = openLibrary(ctx.dataDir, { nativeBinding: ctx.nativeBinding });
  try {
    const history = loadMmmData(library.db, projectId);
    const extended = actuals ? withActuals(library.db, projectId, history, actuals) : null;
    const result = fitMmm(extended?.data ?? history, { ...options, experiments: loadExperiments(library.db, projectId), onProgress: (f, step) => ctx.progress(f, step) });
    if (extended) result.actuals = extended.info;
    new FitsRepo(library.db).save(projectId, { ...options, ...(actuals ? { actuals } : {}) }, result, new Date());
    return result;
  } finally {
    library.close();
  }
}
