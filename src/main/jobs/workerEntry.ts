import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * A worker script beside the calling module: `<name>.js` in the build (all main chunks sit
 * in one folder); from source (vitest, tsx) `<name>.ts`, loaded through tsx's ESM hooks that
 * a small bootstrap registers inside the new thread.
 */
export function workerEntry(callerUrl: string, name: string): { source: string; eval: boolean } {
  const here = path.dirname(fileURLToPath(callerUrl));
  const built = path.join(here, `${name}.js`);
  if (fs.existsSync(built)) return { source: built, eval: false };
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const url = pathToFileURL(path.join(here, `${name}.ts`)).href;
  return {
    source: `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(url)}); });`,
    eval: true,
  };
}
