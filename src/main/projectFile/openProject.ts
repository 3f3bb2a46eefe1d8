import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connection';
import { ProjectsRepo } from '../db/projectsRepo';
import { DomainError } from '../../shared/result';
import type { CheckedProjectFile } from './inspect';
import { presentTables } from './contentHash';
import { OWN_ID_TABLES } from './manifest';

export type OpenMode = 'new' | 'copy' | 'replace';

/**
 * Copies a checked project file into the library as a new project, in one transaction.
 * `copy` gives it a new identity and a name marking it a copy; `replace` moves the library's
 * project of the same identity to the trash first. `new` refuses when that project exists
 * (the caller asks the user which of the other two they want).
 */
export function copyIntoLibrary(
  db: Db,
  checked: CheckedProjectFile,
  mode: OpenMode,
  opts: { copySuffix?: string; now?: Date } = {},
): { projectId: number; replaced: number | null } {
  const repo = new ProjectsRepo(db);
  const existing = repo.findLiveByUid(checked.manifest.projectUid);
  if (existing !== null && mode === 'new') {
    throw new DomainError('refused', `The library already holds this project (${checked.manifest.projectName}, id ${existing}): open it as a copy or replace it.`);
  }
  const stamp = (opts.now ?? new Date()).toISOString();
  db.prepare('ATTACH DATABASE ? AS incoming').run(checked.scratch);
  try {
    return db.transaction(() => {
      let replaced: number | null = null;
      if (existing !== null && mode === 'replace') {
        repo.setDeleted(existing, stamp);
        replaced = existing;
      }
      const columns = (db.prepare('PRAGMA main.table_info(projects)').all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'id');
      const values = columns.map((c) => {
        if (c === 'uid') return '?';
        if (c === 'name') return mode === 'copy' ? "name || ?" : 'name';
        if (c === 'opened_at') return '?';
        if (c === 'deleted_at') return 'NULL';
        return c;
      });
      const params: unknown[] = [];
      for (const c of columns) {
        if (c === 'uid') params.push(mode === 'copy' ? randomUUID() : checked.manifest.projectUid);
        if (c === 'name' && mode === 'copy') params.push(opts.copySuffix ?? ' (copy)');
        if (c === 'opened_at') params.push(stamp);
      }
      const info = db
        .prepare(`INSERT INTO main.projects (${columns.join(', ')}) SELECT ${values.join(', ')} FROM incoming.projects WHERE id = ?`)
        .run(...params, checked.projectId);
      const projectId = Number(info.lastInsertRowid);
      // The scratch copy is migrated to this schema: the library's tables are the file's.
      for (const table of presentTables(db).filter((t) => t !== 'projects')) {
        const cols = (db.prepare(`PRAGMA main.table_info(${table})`).all() as { name: string }[])
          .map((c) => c.name)
          .filter((c) => !(c === 'id' && OWN_ID_TABLES.includes(table)));
        const select = cols.map((c) => (c === 'project_id' ? '?' : c)).join(', ');
        db.prepare(`INSERT INTO main.${table} (${cols.join(', ')}) SELECT ${select} FROM incoming.${table}`).run(projectId);
      }
      // Evidence added in the sender's library is theirs: it opens with a warning here. Rows
      // already marked keep where they first arrived.
      db.prepare("UPDATE main.checklist_evidence SET received_from = ? WHERE project_id = ? AND received_from = ''").run(
        JSON.stringify({ file: checked.fileName, exportedAt: checked.manifest.createdAt }),
        projectId,
      );
      return { projectId, replaced };
    })();
  } finally {
    db.prepare('DETACH DATABASE incoming').run();
  }
}
