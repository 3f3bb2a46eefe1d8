import { openLibrary } from '../db/library';
import type { TaskContext } from '../jobs/protocol';
import { reportStartSchema } from '../../shared/report';
import { writeReportPdf } from './reportPdf';

/** The report job: the document built on the worker's own connection and printed to PDF off the main thread. */
export async function runReportTask(params: unknown, ctx: TaskContext) {
  const { projectId, path, lang } = reportStartSchema.omit({ kind: true }).parse(params);
  const library = openLibrary(ctx.dataDir, { nativeBinding: ctx.nativeBinding });
  try {
    return await writeReportPdf(library.db, projectId, path, lang, (f, step) => ctx.progress(f, step));
  } finally {
    library.close();
  }
}
