export interface LibraryHealth {
  ok: boolean;
  /** Why the library could not be opened (corrupt, newer than the app…), in English. */
  error: string | null;
  errorKind: 'corrupt' | 'too_new' | 'io' | null;
  libraryPath: string;
  backupDir: string;
  /** The newest backup, if any: where a user can recover from. */
  latestBackup: string | null;
}

export interface AppInfo {
  name: string;
  version: string;
  dataDir: string;
  platform: string;
  /** The OS locale as the host reports it. */
  locale: string;
  library: LibraryHealth;
  schemaVersion: number;
}
