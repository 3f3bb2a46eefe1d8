import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ProjectFileSummary } from '../../shared/contract';
import type { Db } from '../db/connection';
import { ProjectsRepo } from '../db/projectsRepo';
import { MAX_PROJECT_FILE_BYTES } from './inspect';
import { MANIFEST_TABLE } from './manifest';
import { scratchCopy } from './scratch';

/**
 * A quick look at a `.tandem` file before the user chooses how to open it: the manifest,
 * read through a read-only connection (no schema code runs) to a scratch copy, and whether
 * the library has the project already. Never the file in place: SQLite would read a `-wal`
 * lying beside it (and leave sidecar files there), so the preview could show another
 * manifest than the copy the open job checks. The full check happens in that job.
 */
export function peekProjectFile(file: string, scratchDir: string, nativeBinding?: string): ProjectFileSummary & { projectUid: string | null } {
  const fileName = path.basename(file);
  let bytes = 0;
  try {
    bytes = fs.statSync(file).size;
  } catch (e) {
    return { path: file, fileName, bytes, manifest: null, problem: `${fileName} cannot be read (${(e as NodeJS.ErrnoException).code ?? ''}).`, existing: null, projectUid: null };
  }
  if (bytes > MAX_PROJECT_FILE_BYTES) return { path: file, fileName, bytes, manifest: null, problem: `${fileName} is larger than a project file may be.`, existing: null, projectUid: null };
  let peek: Database.Database | null = null;
  let copy: ReturnType<typeof scratchCopy> | null = null;
  try {
    copy = scratchCopy(file, scratchDir);
    peek = new Database(copy.path, { readonly: true, fileMustExist: true, nativeBinding });
    peek.pragma('trusted_schema = OFF');
    const rows = peek.prepare(`SELECT key, value FROM ${MANIFEST_TABLE}`).all() as { key: string; value: string }[];
    const m = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    return {
      path: file,
      fileName,
      bytes,
      manifest: {
        projectName: m.projectName ?? '',
        appVersion: m.appVersion ?? '',
        createdAt: m.createdAt ?? '',
        formatVersion: Number(m.formatVersion),
        schemaVersion: Number(m.schemaVersion),
      },
      problem: null,
      // Filled in by the main process, which holds the library (existingProject).
      existing: null,
      projectUid: m.projectUid || null,
    };
  } catch {
    return { path: file, fileName, bytes, manifest: null, problem: `${fileName} is not a readable Tandem project file.`, existing: null, projectUid: null };
  } finally {
    peek?.close();
    copy?.remove();
  }
}

/** The live project of the library that a peeked file would collide with, if any. */
export function existingProject(db: Db, projectUid: string | null): ProjectFileSummary['existing'] {
  const id = projectUid ? new ProjectsRepo(db).findLiveByUid(projectUid) : null;
  return id === null ? null : { id, name: new ProjectsRepo(db).get(id)!.name };
}
