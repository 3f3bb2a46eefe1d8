import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';

/**
 * better-sqlite3 is not N-API: Electron needs a build for its own ABI. That build lives
 * apart from node_modules (scripts/native-electron.mjs writes it to .native/, and the
 * installer ships it under resources/native/), so the node build stays usable by the tests
 * and the CLI after one `npm install`.
 */
export function electronNativeBinding(): string | undefined {
  const candidates = app.isPackaged
    ? [path.join(process.resourcesPath, 'native', 'better_sqlite3.node')]
    : [path.join(app.getAppPath(), '.native', `electron-${process.versions.electron}`, 'better_sqlite3.node')];
  return candidates.find((p) => fs.existsSync(p));
}
