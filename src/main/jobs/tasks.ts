import type { JobKind } from '../../shared/jobs';
import { runDemoTask } from '../demo/task';
import type { TaskContext } from './protocol';

/** The work each job kind does inside a worker thread. */
export const TASKS: Record<JobKind, (params: unknown, ctx: TaskContext) => unknown> = {
  demo: runDemoTask,
};
