import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './connection';

export const BACKUPS_KEPT = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
const PREFIX = 'library-';

/** `library-20261123-041500[-reason].sqlite`, so names sort by time. */
function backupName(now: Date, reason: string): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${PREFIX}${stamp}${reason ? `-${reason}` : ''}.sqlite`;
}

export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(PREFIX) && f.endsWith('.sqlite'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function latestBackup(dir: string): string | null {
  const all = listBackups(dir);
  return all.length ? all[all.length - 1] : null;
}

/**
 * Writes a consistent copy of the open library with `VACUUM INTO` (safe while the library
 * is in use) and keeps the newest BACKUPS_KEPT copies.
 */
export function takeBackup(db: Db, dir: string, now: Date, reason = ''): string {
  fs.mkdirSync(dir, { recursive: true });
  let target = path.join(dir, backupName(now, reason));
  for (let n = 2; fs.existsSync(target); n++) target = path.join(dir, backupName(now, `${reason || 'copy'}${n}`));
  db.prepare('VACUUM INTO ?').run(target);
  rotate(dir);
  return target;
}

function rotate(dir: string): void {
  const all = listBackups(dir);
  for (const old of all.slice(0, Math.max(0, all.length - BACKUPS_KEPT))) fs.rmSync(old, { force: true });
}

/** A backup a day: taken when the newest one is older than 24 hours (by its file time). */
export function backupIfDue(db: Db, dir: string, now: Date): string | null {
  const last = latestBackup(dir);
  if (last && now.getTime() - fs.statSync(last).mtimeMs < DAY_MS) return null;
  return takeBackup(db, dir, now, 'daily');
}
