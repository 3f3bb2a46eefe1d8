import path from 'node:path';
import { z } from 'zod';
import { openLibrary } from '../db/library';
import type { TaskContext } from '../jobs/protocol';
import { projectExportSchema, projectOpenSchema } from '../../shared/jobs';
import { DomainError } from '../../shared/result';
import { exportProject } from './exportProject';
import { checkProjectFile, ProjectFileError } from './inspect';
import { copyIntoLibrary } from './openProject';
import { peekProjectFile } from './peek';

export function runProjectExportTask(params: unknown, ctx: TaskContext) {
  const p = projectExportSchema.omit({ kind: true }).parse(params);
  const library = openLibrary(ctx.dataDir, { nativeBinding: ctx.nativeBinding });
  try {
    const started = performance.now();
    const out = exportProject(library.db, p.projectId, path.resolve(p.path), { nativeBinding: ctx.nativeBinding, onProgress: (f, s) => ctx.progress(f, s) });
    return { path: out.path, bytes: out.bytes, manifest: out.manifest, ms: Math.round(performance.now() - started) };
  } finally {
    library.close();
  }
}

export function runProjectOpenTask(params: unknown, ctx: TaskContext) {
  const p = projectOpenSchema.omit({ kind: true }).parse(params);
  const started = performance.now();
  ctx.progress(0.05, 'job.projectOpen.checking');
  let checked;
  try {
    checked = checkProjectFile(path.resolve(p.path), path.join(ctx.dataDir, 'tmp'), { nativeBinding: ctx.nativeBinding });
  } catch (e) {
    if (e instanceof ProjectFileError) throw new DomainError('invalid_input', e.message);
    throw e;
  }
  try {
    ctx.progress(0.6, 'job.projectOpen.copying');
    const library = openLibrary(ctx.dataDir, { nativeBinding: ctx.nativeBinding });
    try {
      const out = copyIntoLibrary(library.db, checked, p.as, { copySuffix: p.copySuffix });
      return { ...out, manifest: checked.manifest, ms: Math.round(performance.now() - started) };
    } finally {
      library.close();
    }
  } finally {
    checked.dispose();
  }
}

/** The open dialog's look at a file, in a worker (the copy and the SQLite read stay off the main process). */
export function runProjectPeekTask(params: unknown, ctx: TaskContext) {
  const p = z.object({ path: z.string().min(1).max(4096) }).strict().parse(params);
  return peekProjectFile(path.resolve(p.path), path.join(ctx.dataDir, 'tmp'), ctx.nativeBinding);
}
