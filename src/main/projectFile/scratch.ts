import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A private copy of a received `.tandem` file to read and check: SQLite never opens the
 * user's file in place (it would read a `-wal` lying beside it and leave sidecars there).
 * `remove()` takes the copy and its sidecars away; copies an interrupted open left behind
 * (a crash, a kill) are swept after an hour whenever a new one is made.
 */
export function scratchCopy(file: string, dir: string): { path: string; remove(): void } {
  fs.mkdirSync(dir, { recursive: true });
  sweep(dir);
  const copy = path.join(dir, `open-${randomUUID()}.sqlite`);
  const remove = () => [copy, `${copy}-journal`, `${copy}-wal`, `${copy}-shm`].forEach((f) => fs.rmSync(f, { force: true }));
  try {
    fs.copyFileSync(file, copy);
  } catch (e) {
    remove();
    throw e;
  }
  return { path: copy, remove };
}

function sweep(dir: string): void {
  const cutoff = Date.now() - 3_600_000;
  for (const entry of fs.readdirSync(dir)) {
    if (!/^open-[0-9a-f-]{36}\.sqlite(-journal|-wal|-shm)?$/.test(entry)) continue;
    const file = path.join(dir, entry);
    try {
      if (fs.statSync(file).mtimeMs < cutoff) fs.rmSync(file, { force: true });
    } catch {
      // Another process may be removing it too.
    }
  }
}
