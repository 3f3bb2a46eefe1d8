/**
 * Whether `url` is the app's own page (`appUrl`, where the renderer was loaded from): the
 * navigation guard and the IPC sender check both ask. Protocol, host and path are compared,
 * not the origin: every file: URL's origin is "null", so comparing origins let
 * `file://attacker.example/<the same path>/index.html` pass as the app. Query and hash may
 * differ (the renderer routes by hash).
 */
export function isSameAppUrl(url: string, appUrl: string): boolean {
  try {
    const u = new URL(url);
    const base = new URL(appUrl);
    return u.protocol === base.protocol && u.host === base.host && u.pathname === base.pathname && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}
