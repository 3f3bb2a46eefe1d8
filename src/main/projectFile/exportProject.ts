import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../db/connection';
import { migrate, SCHEMA_VERSION } from '../db/migrate';
import { APP_VERSION } from '../core/version';
import { DomainError } from '../../shared/result';
import { contentHash, presentTables } from './contentHash';
import { MANIFEST_DDL, MANIFEST_TABLE, type Manifest, PROJECT_FILE_FORMAT, PROJECT_FILE_VERSION } from './manifest';

/**
 * Writes one project to a `.tandem` file: its rows are copied into a fresh database with
 * the library's schema (project id 1), that database is compacted with `VACUUM INTO`, the
 * content hash is taken from the result and the manifest added. Everything happens in
 * temporary files beside the target, renamed into place only when complete.
 */
export function exportProject(
  db: Db,
  projectId: number,
  file: string,
  opts: { nativeBinding?: string; now?: Date; onProgress?: (fraction: number, step: string) => void } = {},
): { path: string; bytes: number; manifest: Manifest } {
  const project = db.prepare('SELECT name, uid, deleted_at FROM projects WHERE id = ?').get(projectId) as
    | { name: string; uid: string; deleted_at: string | null }
    | undefined;
  if (!project) throw new DomainError('not_found', `There is no project ${projectId}.`);
  const progress = opts.onProgress ?? (() => {});
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) throw new DomainError('invalid_input', `The folder ${dir} does not exist.`);
  const stem = path.join(dir, `.${path.basename(file)}.${process.pid}`);
  const scratch = `${stem}.scratch`;
  const compact = `${stem}.part`;
  const cleanup = () => [scratch, `${scratch}-journal`, compact].forEach((f) => fs.rmSync(f, { force: true }));
  cleanup();
  try {
    progress(0.02, 'job.projectExport.copying');
    const out = new Database(scratch, { nativeBinding: opts.nativeBinding });
    try {
      out.pragma('journal_mode = OFF'); // a scratch file: nothing to recover if this fails
      migrate(out);
    } finally {
      out.close();
    }
    db.prepare('ATTACH DATABASE ? AS export_target').run(scratch);
    try {
      db.transaction(() => {
        const tables = presentTables(db);
        for (const table of tables) {
          const columns = (db.prepare(`PRAGMA main.table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
          const key = table === 'projects' ? 'id' : 'project_id';
          const select = columns.map((c) => (c === key ? '1' : c)).join(', ');
          db.prepare(`INSERT INTO export_target.${table} (${columns.join(', ')}) SELECT ${select} FROM main.${table} WHERE ${key} = ?`).run(projectId);
          progress(0.05 + (0.45 * (tables.indexOf(table) + 1)) / tables.length, 'job.projectExport.copying');
        }
        // A project in the trash travels as a live one.
        db.prepare('UPDATE export_target.projects SET deleted_at = NULL, opened_at = NULL').run();
      })();
    } finally {
      db.prepare('DETACH DATABASE export_target').run();
    }

    progress(0.55, 'job.projectExport.compacting');
    const staged = new Database(scratch, { nativeBinding: opts.nativeBinding });
    try {
      staged.prepare('VACUUM INTO ?').run(compact);
    } finally {
      staged.close();
    }
    fs.rmSync(scratch, { force: true });

    progress(0.75, 'job.projectExport.hashing');
    const final = new Database(compact, { nativeBinding: opts.nativeBinding });
    let manifest: Manifest;
    try {
      manifest = {
        format: PROJECT_FILE_FORMAT,
        formatVersion: PROJECT_FILE_VERSION,
        schemaVersion: SCHEMA_VERSION,
        appVersion: APP_VERSION,
        createdAt: (opts.now ?? new Date()).toISOString(),
        projectUid: project.uid,
        projectName: project.name,
        contentSha256: contentHash(final),
      };
      final.exec(MANIFEST_DDL);
      const insert = final.prepare(`INSERT INTO ${MANIFEST_TABLE} (key, value) VALUES (?, ?)`);
      final.transaction(() => {
        for (const [key, value] of Object.entries(manifest)) insert.run(key, String(value));
      })();
    } finally {
      final.close();
    }
    fs.renameSync(compact, file);
    progress(1, 'job.projectExport.done');
    return { path: file, bytes: fs.statSync(file).size, manifest };
  } catch (e) {
    cleanup();
    throw e;
  }
}
