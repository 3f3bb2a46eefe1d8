import { runSegmentTask } from '../audience/task';
import { runRecommendTask } from '../partners/targeting/recommendTask';
import { runTargetTask } from '../partners/targeting/targetTask';
import { runMmmTask } from '../forecast/mmmTask';
import { runReportTask } from '../report/reportTask';
import { runOverlapTask } from '../overlap/overlapTask';
import { runDatasetExportTask, runImportTask } from '../data/tasks';
import { runDemoTask } from '../demo/task';
import { runProjectExportTask, runProjectOpenTask } from '../projectFile/tasks';
import type { JobKind } from '../../shared/jobs';
import type { TaskContext } from './protocol';

/** The work each job kind does inside a worker thread. */
export const TASKS: Record<JobKind, (params: unknown, ctx: TaskContext) => unknown> = {
  demo: runDemoTask,
  import: runImportTask,
  datasetExport: runDatasetExportTask,
  projectExport: runProjectExportTask,
  projectOpen: runProjectOpenTask,
  segment: runSegmentTask,
  recommend: runRecommendTask,
  target: runTargetTask,
  mmm: runMmmTask,
  report: runReportTask,
  overlap: runOverlapTask,
};
