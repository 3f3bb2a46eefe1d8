import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../db/connection';
import { type Migration, MIGRATIONS, migrate, SCHEMA_VERSION } from '../db/migrate';
import { checkContent } from './contentCheck';
import { scratchCopy } from './scratch';
import { contentHash, presentTables } from './contentHash';
import { ProjectFileError } from './fileError';
import { MANIFEST_DDL, MANIFEST_TABLE, type Manifest, PROJECT_FILE_FORMAT, PROJECT_FILE_VERSION } from './manifest';

export { ProjectFileError, type ProjectFileProblem } from './fileError';

export const MAX_PROJECT_FILE_BYTES = 8 * 1024 ** 3;
const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** A checked copy of a project file, ready to be copied into the library, then removed. */
export interface CheckedProjectFile {
  scratch: string;
  /** The name of the file it was checked from (evidence inside is marked as arriving in it). */
  fileName: string;
  manifest: Manifest;
  /** The project's id inside the file (always 1 for files Tandem wrote). */
  projectId: number;
  dispose(): void;
}

/**
 * Checks a `.tandem` file in a scratch copy (never the file itself, never the library):
 * size, SQLite header, `integrity_check`, no triggers or views, the manifest, its format
 * and schema versions, the exact schema Tandem writes, one project, and the content hash.
 * An older schema is migrated in the scratch copy. Anything wrong throws ProjectFileError.
 */
export function checkProjectFile(file: string, scratchDir: string, opts: { nativeBinding?: string; maxBytes?: number } = {}): CheckedProjectFile {
  const name = path.basename(file);
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new ProjectFileError('unreadable', `${name} is not a file.`);
    size = stat.size;
  } catch (e) {
    if (e instanceof ProjectFileError) throw e;
    throw new ProjectFileError('unreadable', `${name} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  const limit = opts.maxBytes ?? MAX_PROJECT_FILE_BYTES;
  if (size > limit) throw new ProjectFileError('too_large', `${name} is larger than a project file may be (${Math.round(limit / 1024 ** 2)} MB).`);
  const head = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (size < 512 || head.toString('latin1', 0, 16) !== SQLITE_MAGIC) throw new ProjectFileError('not_tandem', `${name} is not a Tandem project file.`);
  // The header states the database size in pages: a shorter file was cut off in transit.
  const pageSize = head.readUInt16BE(16) === 1 ? 65536 : head.readUInt16BE(16);
  const pages = head.readUInt32BE(28);
  if (pages > 0 && size < pageSize * pages) throw new ProjectFileError('damaged', `${name} is truncated: it is ${size.toLocaleString('en')} bytes of ${(pageSize * pages).toLocaleString('en')}.`);
  // Tandem writes files of whole pages; bytes after the last one were added by something else.
  if (pages > 0 && size > pageSize * pages) throw new ProjectFileError('damaged', `${name} has ${(size - pageSize * pages).toLocaleString('en')} bytes after its end that Tandem never writes.`);

  const copy = scratchCopy(file, scratchDir);
  const scratch = copy.path;
  const dispose = copy.remove;
  let db: Db | null = null;
  try {
    try {
      db = new Database(scratch, { nativeBinding: opts.nativeBinding, fileMustExist: true });
      // Nothing in the file may run code: no functions from its schema, no triggers.
      db.pragma('trusted_schema = OFF');
    } catch (e) {
      if (e instanceof ProjectFileError) throw e;
      throw new ProjectFileError('damaged', `${name} is damaged (${(e as Error).message}).`);
    }
    // The schema is compared before anything else runs over the file: the integrity check
    // evaluates the file's own CHECK constraints, and a crafted one can take minutes.
    let objects: SchemaRow[];
    try {
      objects = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex_%'").all() as SchemaRow[];
    } catch (e) {
      throw new ProjectFileError('damaged', `${name} is damaged (${(e as Error).message}).`);
    }
    const active = objects.filter((o) => o.type === 'trigger' || o.type === 'view');
    if (active.length) {
      throw new ProjectFileError('tampered', `${name} holds ${active.map((o) => `a ${o.type} "${o.name}"`).join(', ')}, which Tandem never writes; it was not opened.`);
    }
    if (!objects.some((o) => o.type === 'table' && o.name === MANIFEST_TABLE)) throw new ProjectFileError('not_tandem', `${name} is not a Tandem project file (it has no manifest).`);
    let manifest: Manifest;
    try {
      manifest = readManifest(db, name);
    } catch (e) {
      if (e instanceof ProjectFileError) throw e;
      throw new ProjectFileError('damaged', `${name} is damaged (${(e as Error).message}).`);
    }
    const fileSchema = db.pragma('user_version', { simple: true }) as number;
    if (manifest.formatVersion > PROJECT_FILE_VERSION || manifest.schemaVersion > SCHEMA_VERSION || fileSchema > SCHEMA_VERSION) {
      throw new ProjectFileError(
        'newer',
        `${name} was written by a newer Tandem (${manifest.appVersion}, file format ${manifest.formatVersion}, schema ${manifest.schemaVersion}); update Tandem to open it.`,
      );
    }
    if (fileSchema !== manifest.schemaVersion) throw new ProjectFileError('tampered', `${name} does not match its manifest (schema ${fileSchema}, manifest says ${manifest.schemaVersion}).`);
    const expected = expectedSchema(manifest.schemaVersion, opts.nativeBinding);
    const found = new Set(objects.map(schemaKey));
    const missing = expected.filter((k) => !found.has(k));
    const extra = [...found].filter((k) => !expected.includes(k));
    if (missing.length || extra.length) {
      throw new ProjectFileError('tampered', `${name} does not have the structure Tandem writes (${[...missing, ...extra].map((k) => k.split('|').slice(0, 2).join(' ')).join(', ')}).`);
    }
    // Now the schema is exactly Tandem's own: its constraints are ours, and the check is bounded.
    let check: unknown;
    try {
      check = db.pragma('integrity_check', { simple: true });
    } catch (e) {
      throw new ProjectFileError('damaged', `${name} is damaged (${(e as Error).message}).`);
    }
    if (check !== 'ok') throw new ProjectFileError('damaged', `${name} is damaged (${String(check)}).`);
    const projects = db.prepare('SELECT id, uid FROM projects').all() as { id: number; uid: string }[];
    if (projects.length !== 1) throw new ProjectFileError('tampered', `${name} holds ${projects.length} projects; a project file holds one.`);
    const projectId = projects[0].id;
    for (const table of presentTables(db).filter((t) => t !== 'projects')) {
      const stray = db.prepare(`SELECT count(*) FROM ${table} WHERE project_id <> ?`).pluck().get(projectId) as number;
      if (stray) throw new ProjectFileError('tampered', `${name} holds rows of another project in ${table}.`);
    }
    if (contentHash(db) !== manifest.contentSha256) {
      throw new ProjectFileError('tampered', `${name} has been changed since it was exported (its content does not match the SHA-256 in its manifest).`);
    }
    if (manifest.schemaVersion < SCHEMA_VERSION) {
      // Older files are migrated before their content check: a crafted value the migration
      // cannot read refuses the file, located, like the check would.
      try {
        migrate(db);
      } catch (e) {
        throw new ProjectFileError('tampered', `${name} holds data Tandem never writes (${(e as Error).message}); it was not opened.`);
      }
    }
    // The hash proves the file is unchanged since its export, not who exported it or how:
    // every value is held to the shape Tandem writes before any of it is copied in.
    checkContent(db, name);
    db.close();
    db = null;
    return { scratch, fileName: name, manifest, projectId, dispose };
  } catch (e) {
    db?.close();
    dispose();
    throw e;
  }
}

interface SchemaRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

const schemaKey = (o: SchemaRow) => `${o.type}|${o.name}|${o.tbl_name}|${(o.sql ?? '').replace(/\s+/g, ' ').trim()}`;

/** The schema a file of that version has: the library's migrations up to it, plus the manifest. */
function expectedSchema(version: number, nativeBinding?: string): string[] {
  const db = new Database(':memory:', { nativeBinding });
  try {
    migrate(db, MIGRATIONS.slice(0, version) as Migration[]);
    db.exec(MANIFEST_DDL);
    const rows = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex_%'").all() as SchemaRow[];
    return rows.map(schemaKey);
  } finally {
    db.close();
  }
}

function readManifest(db: Db, name: string): Manifest {
  const rows = db.prepare(`SELECT key, value FROM ${MANIFEST_TABLE}`).all() as { key: string; value: string }[];
  const m = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  const int = (k: string) => (/^\d+$/.test(m[k] ?? '') ? Number(m[k]) : NaN);
  const manifest: Manifest = {
    format: m.format ?? '',
    formatVersion: int('formatVersion'),
    schemaVersion: int('schemaVersion'),
    appVersion: m.appVersion ?? '',
    createdAt: m.createdAt ?? '',
    projectUid: m.projectUid ?? '',
    projectName: m.projectName ?? '',
    contentSha256: m.contentSha256 ?? '',
  };
  if (manifest.format !== PROJECT_FILE_FORMAT) throw new ProjectFileError('not_tandem', `${name} is not a Tandem project file (format "${manifest.format}").`);
  if (!Number.isInteger(manifest.formatVersion) || !Number.isInteger(manifest.schemaVersion) || !/^[0-9a-f]{64}$/.test(manifest.contentSha256) || !manifest.projectUid) {
    throw new ProjectFileError('tampered', `${name} has a damaged manifest.`);
  }
  return manifest;
}
