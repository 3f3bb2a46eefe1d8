import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * A worker script beside the calling module: `<entry>.js` in the build (all main chunks sit
 * in one folder, named by electron.vite.config.ts's inputs); from source (vitest, tsx)
 * `<source>.ts`, loaded through tsx's ESM hooks that a small bootstrap registers inside the
 * new thread.
 */
export function workerEntry(callerUrl: string, entry: string, source: string = entry): { source: string; eval: boolean } {
  const here = path.dirname(fileURLToPath(callerUrl));
  const built = path.join(here, `${entry}.js`);
  if (fs.existsSync(built)) return { source: built, eval: false };
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const url = pathToFileURL(path.join(here, `${source}.ts`)).href;
  return {
    source: `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(url)}); });`,
    eval: true,
  };
}
