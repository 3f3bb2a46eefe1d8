import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface ConnectionOptions {
  /**
   * Path of a better-sqlite3 binary built for the running ABI. Electron passes its own
   * build (scripts/native-electron.mjs) so that the node build in node_modules stays
   * usable by the tests and the CLI.
   */
  nativeBinding?: string;
  readonly?: boolean;
  fileMustExist?: boolean;
}

/** Opens a file without touching it: no pragma that writes runs here. */
export function openRaw(file: string, opts: ConnectionOptions = {}): Db {
  return new Database(file, {
    nativeBinding: opts.nativeBinding,
    readonly: opts.readonly ?? false,
    fileMustExist: opts.fileMustExist ?? false,
  });
}

/** The pragmas every library connection runs with. */
export function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  // Reads of the first 256 MB straight from the OS's page cache, with no copy into SQLite's own:
  // a million users' feature chunks read in half the time. Capped so that ten million users'
  // columns do not all count in the process's memory at once.
  db.pragma(`mmap_size = ${MMAP_BYTES}`);
}

const MMAP_BYTES = 256 * 1024 * 1024;
