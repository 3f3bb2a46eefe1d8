import { serveTask } from './serveTask';
import { TASKS } from './tasks';

/** Entry point of a job's worker thread. */
await serveTask(TASKS);
