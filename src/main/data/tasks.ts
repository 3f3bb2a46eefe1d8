import path from 'node:path';
import { openLibrary } from '../db/library';
import type { TaskContext } from '../jobs/protocol';
import { z } from 'zod';
import { datasetExportSchema, importPreviewSchema, importStartSchema } from '../../shared/data';
import { readPreview } from './preview';
import { exportDataset } from './datasetExport';
import { importFile } from './importer';

/** Job tasks of the data area: each opens its own library connection in the worker thread. */
export function runImportTask(params: unknown, ctx: TaskContext) {
  const p = importStartSchema.omit({ kind: true }).parse(params);
  const library = openLibrary(ctx.dataDir, { nativeBinding: ctx.nativeBinding });
  try {
    return importFile(
      library.db,
      { projectId: p.projectId, kind: p.dataset, file: path.resolve(p.path), sheet: p.sheet, mapping: p.mapping, mode: p.mode, strict: p.strict, dateOrder: p.dateOrder },
      (fraction, step) => ctx.progress(fraction, step),
      { writerThread: true, nativeBinding: ctx.nativeBinding },
    );
  } finally {
    library.close();
  }
}

export function runDatasetExportTask(params: unknown, ctx: TaskContext) {
  const p = datasetExportSchema.omit({ kind: true }).parse(params);
  const library = openLibrary(ctx.dataDir, { nativeBinding: ctx.nativeBinding });
  try {
    ctx.progress(0, 'job.datasetExport.writing');
    return exportDataset(library.db, p.projectId, p.dataset, path.resolve(p.path), (f) => ctx.progress(f, 'job.datasetExport.writing'));
  } finally {
    library.close();
  }
}


/** What the main process hands the reader worker for a preview: the call's input and the library's part. */
export const previewTaskSchema = importPreviewSchema.extend({ remembered: z.record(z.string(), z.string()).nullable(), existingRows: z.number().int().min(0) });

/** The mapping dialog's preview, read in a worker: a hostile file costs that thread, not the app. */
export function runImportPreviewTask(params: unknown) {
  const p = previewTaskSchema.parse(params);
  return readPreview(p.path, p.kind, p.remembered, p.existingRows, p.sheet);
}
