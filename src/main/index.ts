import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu, nativeTheme, net, protocol } from 'electron';
import { APP_ENTRY, APP_SCHEME, appAssetPath, isSameAppUrl } from './appUrl';
import type { MenuCommand } from '../shared/events';
import { translate } from '../shared/i18n';
import { languageFromLocale, type Settings } from '../shared/settings';
import { tandemFileFromArgv } from './core/externalUrl';
import { seedDemoOnFirstLaunch } from './core/firstLaunch';
import { createServices, type Services } from './core/services';
import { electronDialogs } from './dialogs';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { electronNativeBinding } from './nativeBinding';
import { hardenApp, hardenSession } from './security';
import { loadWindowState, trackWindowState } from './windowState';

/**
 * The Electron shell: thin glue around the plain-node services in src/main/<area>.
 * One window, one instance, a native menu, secure defaults.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
// The built renderer is served from app://tandem (see appUrl.ts), never file://.
const appUrl = devUrl ?? APP_ENTRY;
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);

let win: BrowserWindow | null = null;
let services: Services | null = null;
let pendingFile: string | null = tandemFileFromArgv(process.argv);

const isAppUrl = (url: string) => isSameAppUrl(url, appUrl);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    const file = tandemFileFromArgv(argv);
    if (file) openProjectFile(file);
  });
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (services) openProjectFile(file);
    else pendingFile = file;
  });
  hardenApp(isAppUrl);
  app.whenReady().then(start, (e) => {
    dialog.showErrorBox('Tandem', String(e));
    app.quit();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void services?.close());
}

function send(command: MenuCommand): void {
  services?.bus.send('menu', command);
}

function openProjectFile(file: string): void {
  // Handed over by the OS (double-click, the command line): the user chose it.
  services?.grants.grant(file, 'read');
  services?.settings.addRecentFile(file);
  refreshMenu();
  send({ command: 'openProjectFile', path: file });
}

function language(settings: Settings) {
  return settings.language === 'system' ? languageFromLocale(app.getLocale()) : settings.language;
}

function refreshMenu(): void {
  if (!services) return;
  const s = services;
  const settings = s.settings.get();
  nativeTheme.themeSource = settings.theme;
  Menu.setApplicationMenu(
    buildMenu({
      language: language(settings),
      settings,
      recentFiles: s.settings.recentFiles(),
      dataDir: s.dataDir,
      send,
      updateSettings: (patch) => void s.bus.send('settings', s.settings.update(patch)),
      openProjectFile,
      clearRecent: () => {
        s.settings.clearRecentFiles();
        refreshMenu();
      },
    }),
  );
}

/** Serves the built renderer's files on app://tandem: only files under its folder, nothing else. */
function serveRenderer(): void {
  protocol.handle(APP_SCHEME, (request) => {
    const file = appAssetPath(rendererDir, request.url, path.sep);
    if (!file) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).href);
  });
}

function start(): void {
  serveRenderer();
  const dataDir = app.getPath('userData');
  services = createServices({ dataDir, nativeBinding: electronNativeBinding(), locale: app.getLocale(), dialogs: electronDialogs(() => win) });
  hardenSession();
  registerIpc(
    services,
    (sender, frameUrl) => !!win && sender === win.webContents && !!frameUrl && isAppUrl(frameUrl),
    () => win?.webContents ?? null,
  );
  services.bus.on('settings', refreshMenu);
  // A library left open for days still gets its daily backup.
  setInterval(() => services?.backupIfDue(), 60 * 60 * 1000).unref();
  refreshMenu();
  if (!services.health.ok) {
    const lang = language(services.settings.get());
    dialog.showErrorBox(translate(lang, 'library.error.title'), services.health.error ?? '');
  }

  const state = loadWindowState(dataDir);
  win = new BrowserWindow({
    ...(state.centre ? { width: state.bounds.width, height: state.bounds.height } : state.bounds),
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Tandem',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#14161a' : '#f6f7f9',
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (state.maximized) win.maximize();
  trackWindowState(win, dataDir);
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => (win = null));
  win.webContents.once('did-finish-load', () => {
    seedDemoOnFirstLaunch(services!);
    if (pendingFile) openProjectFile(pendingFile);
    pendingFile = null;
  });
  void win.loadURL(appUrl);
}
