import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ProjectFileSummary } from '../../shared/contract';
import type { Db } from '../db/connection';
import { ProjectsRepo } from '../db/projectsRepo';
import { MANIFEST_TABLE } from './manifest';

/**
 * A quick look at a `.tandem` file before the user chooses how to open it: the manifest
 * read through a read-only connection (no schema code runs) and whether the library has
 * the project already. The full check happens in the open job, on a scratch copy.
 */
export function peekProjectFile(db: Db, file: string, nativeBinding?: string): ProjectFileSummary {
  const fileName = path.basename(file);
  let bytes = 0;
  try {
    bytes = fs.statSync(file).size;
  } catch (e) {
    return { path: file, fileName, bytes, manifest: null, problem: `${fileName} cannot be read (${(e as NodeJS.ErrnoException).code ?? ''}).`, existing: null };
  }
  let peek: Database.Database | null = null;
  try {
    peek = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
    peek.pragma('trusted_schema = OFF');
    const rows = peek.prepare(`SELECT key, value FROM ${MANIFEST_TABLE}`).all() as { key: string; value: string }[];
    const m = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    const existingId = m.projectUid ? new ProjectsRepo(db).findLiveByUid(m.projectUid) : null;
    const existing = existingId === null ? null : { id: existingId, name: new ProjectsRepo(db).get(existingId)!.name };
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
      existing,
    };
  } catch {
    return { path: file, fileName, bytes, manifest: null, problem: `${fileName} is not a readable Tandem project file.`, existing: null };
  } finally {
    peek?.close();
  }
}
