import { runImportPreviewTask } from '../data/tasks';
import { runProjectPeekTask } from '../projectFile/tasks';
import { readSurvey } from '../personality/surveyRead';
import type { CallTask, TaskContext } from './protocol';

/**
 * The reads that contract calls hand off the main process. They run in a worker of their
 * own (readerWorker.ts) that loads only these, so a preview starts in a fraction of the time
 * the job worker, with its model runtimes, takes to load.
 */
export const READ_TASKS: Record<CallTask, (params: unknown, ctx: TaskContext) => unknown> = {
  importPreview: runImportPreviewTask,
  projectPeek: runProjectPeekTask,
  personalitySurvey: readSurvey,
};
