import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where resources/models is: beside the built app, in the packaged app, or in the source tree. */
export function modelPath(name: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    process.env.TANDEM_MODELS_DIR,
    resources && path.join(resources, 'models'),
    path.resolve(here, '../../resources/models'), // out/main
    path.resolve(here, '../../../resources/models'), // src/main/ml
    path.resolve(here, '../../../../resources/models'), // src/main/ml/backends
  ].filter((d): d is string => !!d);
  const found = candidates.map((dir) => path.join(dir, name)).find((f) => fs.existsSync(f));
  if (!found) throw new Error(`the model ${name} is missing (looked in ${candidates.join(', ')})`);
  return found;
}
