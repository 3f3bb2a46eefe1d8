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

/**
 * The packaged renderer is served from this scheme (protocol.handle), not from file://, so its
 * origin is its own (`app://tandem`), not the "null" every file: page shares.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tandem';
export const APP_ENTRY = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The file under `root` (the built renderer folder) that an app:// request names, or null:
 * another host, a path that decodes to something outside `root` (`..`, `%2e%2e`, a backslash,
 * NUL), or one that does not parse. `/` is the entry page.
 */
export function appAssetPath(root: string, requestUrl: string, sep = '/'): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  if (/[\u0000\\]/.test(pathname)) return null;
  const parts = pathname.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..' || /^[a-zA-Z]:$/.test(p))) return null;
  const base = root.endsWith(sep) ? root.slice(0, -1) : root;
  return [base, ...parts].join(sep);
}
