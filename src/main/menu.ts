import { app, dialog, Menu, type MenuItemConstructorOptions, shell } from 'electron';
import type { MenuCommand } from '../shared/events';
import { translate } from '../shared/i18n';
import type { Language, Settings } from '../shared/settings';

export interface MenuContext {
  language: Language;
  settings: Settings;
  recentFiles: string[];
  dataDir: string;
  send(command: MenuCommand): void;
  updateSettings(patch: Partial<Settings>): void;
  openProjectFile(file: string): void;
  clearRecent(): void;
}

/** The native menu, in the UI language; rebuilt when the language, theme or recent files change. */
export function buildMenu(ctx: MenuContext): Menu {
  const t = (key: string) => translate(ctx.language, key);
  const isMac = process.platform === 'darwin';
  const radio = <K extends keyof Settings>(key: K, value: Settings[K], label: string): MenuItemConstructorOptions => ({
    label,
    type: 'radio',
    checked: ctx.settings[key] === value,
    click: () => ctx.updateSettings({ [key]: value } as Partial<Settings>),
  });

  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: t('menu.file'),
      submenu: [
        { label: t('menu.newProject'), accelerator: 'CmdOrCtrl+N', click: () => ctx.send({ command: 'newProject' }) },
        {
          label: t('menu.openFile'),
          accelerator: 'CmdOrCtrl+O',
          click: async () => {
            const picked = await dialog.showOpenDialog({
              properties: ['openFile'],
              filters: [{ name: 'Tandem', extensions: ['tandem'] }],
            });
            if (!picked.canceled && picked.filePaths[0]) ctx.openProjectFile(picked.filePaths[0]);
          },
        },
        {
          label: t('menu.recent'),
          submenu: ctx.recentFiles.length
            ? [
                ...ctx.recentFiles.map((f) => ({ label: f, click: () => ctx.openProjectFile(f) })),
                { type: 'separator' as const },
                { label: t('menu.clearRecent'), click: () => ctx.clearRecent() },
              ]
            : [{ label: t('menu.recentEmpty'), enabled: false }],
        },
        { label: t('menu.export'), accelerator: 'CmdOrCtrl+E', click: () => ctx.send({ command: 'exportProject' }) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { label: t('menu.quit'), role: 'quit' },
      ],
    },
    {
      label: t('menu.edit'),
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: t('menu.view'),
      submenu: [
        {
          label: t('menu.language'),
          submenu: [
            radio('language', 'system', t('menu.languageSystem')),
            radio('language', 'en', 'English'),
            radio('language', 'zh-CN', '简体中文'),
          ],
        },
        {
          label: t('menu.theme'),
          submenu: [
            radio('theme', 'system', t('menu.themeSystem')),
            radio('theme', 'light', t('menu.themeLight')),
            radio('theme', 'dark', t('menu.themeDark')),
          ],
        },
        { type: 'separator' },
        { label: t('menu.zoomIn'), role: 'zoomIn' },
        { label: t('menu.zoomOut'), role: 'zoomOut' },
        { label: t('menu.zoomReset'), role: 'resetZoom' },
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    {
      label: t('menu.help'),
      submenu: [
        { label: t('menu.about'), click: () => ctx.send({ command: 'about' }) },
        { label: t('menu.dataFolder'), click: () => void shell.openPath(ctx.dataDir) },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
