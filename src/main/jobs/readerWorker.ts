import { READ_TASKS } from './readTasks';
import { serveTask } from './serveTask';

/** Entry point of the worker that reads a user's file for a preview (JobRunner.call). */
await serveTask(READ_TASKS);
