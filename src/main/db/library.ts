import fs from 'node:fs';
import path from 'node:path';
import { backupIfDue, latestBackup, takeBackup } from './backup';
import { configure, type ConnectionOptions, type Db, openRaw } from './connection';
import { migrate, MIGRATIONS, SchemaTooNewError, schemaVersion } from './migrate';

export const LIBRARY_FILE = 'library.sqlite';
export const BACKUP_DIR = 'backups';

export type LibraryErrorKind = 'corrupt' | 'too_new' | 'io';

/** Why the library cannot be used. The file is left exactly as it was found. */
export class LibraryError extends Error {
  constructor(
    readonly kind: LibraryErrorKind,
    message: string,
    readonly libraryPath: string,
    readonly backupDir: string,
    readonly latestBackup: string | null,
  ) {
    super(message);
    this.name = 'LibraryError';
  }
}

export interface Library {
  db: Db;
  path: string;
  backupDir: string;
  migrated: { from: number; to: number };
  close(): void;
}

export interface OpenLibraryOptions extends ConnectionOptions {
  now?: () => Date;
}

export function libraryPaths(dataDir: string): { file: string; backupDir: string } {
  return { file: path.join(dataDir, LIBRARY_FILE), backupDir: path.join(dataDir, BACKUP_DIR) };
}

/**
 * Opens (or creates) the project library in `dataDir`. Order matters: the file is checked
 * (readable SQLite, intact, not newer than the app) before any pragma or migration writes
 * to it, and a backup is taken before migrations change an existing library.
 */
export function openLibrary(dataDir: string, opts: OpenLibraryOptions = {}): Library {
  const now = opts.now ?? (() => new Date());
  const { file, backupDir } = libraryPaths(dataDir);
  const refuse = (kind: LibraryErrorKind, why: string): never => {
    const backup = latestBackup(backupDir);
    const where = backup ? ` The latest backup is ${backup}.` : ` No backup exists yet in ${backupDir}.`;
    throw new LibraryError(kind, `${why}${where}`, file, backupDir, backup);
  };

  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (e) {
    refuse('io', `The data folder ${dataDir} cannot be created: ${(e as Error).message}.`);
  }
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;

  let db: Db;
  try {
    db = openRaw(file, opts);
  } catch (e) {
    return refuse('io', `The library ${file} cannot be opened: ${(e as Error).message}.`);
  }
  try {
    if (existed) {
      let check: string;
      try {
        check = String(db.pragma('quick_check', { simple: true }));
      } catch (e) {
        check = (e as Error).message;
      }
      if (check !== 'ok') refuse('corrupt', `The library ${file} is damaged (${check}); Tandem has not changed it.`);
    }
    const found = schemaVersion(db);
    const supported = MIGRATIONS[MIGRATIONS.length - 1].version;
    if (found > supported) refuse('too_new', new SchemaTooNewError(found, supported).message);

    configure(db);
    if (existed && found < supported) takeBackup(db, backupDir, now(), `pre-v${supported}`);
    const migrated = migrate(db);
    if (existed) backupIfDue(db, backupDir, now());
    return { db, path: file, backupDir, migrated, close: () => db.close() };
  } catch (e) {
    db.close();
    throw e;
  }
}
