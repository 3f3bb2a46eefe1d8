import { app, session, shell, type WebContents } from 'electron';
import { isSafeExternalUrl } from './core/externalUrl';

/**
 * Secure defaults for every web contents: no navigation away from the app, no new
 * windows (http(s) links go to the OS browser), no webviews, no permissions.
 */
export function hardenApp(isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternal(url);
      return { action: 'deny' };
    });
  });
}

export function hardenSession(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** Opens a link in the OS browser only when it parses as http(s). */
export function openExternal(url: string): void {
  if (isSafeExternalUrl(url)) void shell.openExternal(url);
}
