import os from 'node:os';

/** Who is changing the checklist, for its history: the operating system's user name. */
export function currentUser(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
