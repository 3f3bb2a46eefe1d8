import { type BrowserWindow, dialog, shell } from 'electron';
import type { DialogPurpose } from '../shared/contract';
import type { DialogHost } from './core/services';

const FILTERS: Record<DialogPurpose, Electron.FileFilter[]> = {
  importTable: [{ name: 'CSV, TSV, XLSX', extensions: ['csv', 'tsv', 'txt', 'xlsx'] }],
  projectFile: [{ name: 'Tandem', extensions: ['tandem'] }],
  exportTable: [
    { name: 'CSV (UTF-8)', extensions: ['csv'] },
    { name: 'Excel', extensions: ['xlsx'] },
  ],
  exportProject: [{ name: 'Tandem', extensions: ['tandem'] }],
  evidence: [{ name: '*', extensions: ['*'] }],
  logo: [{ name: 'PNG, JPEG', extensions: ['png', 'jpg', 'jpeg'] }],
  exportReport: [{ name: 'PDF', extensions: ['pdf'] }],
  exportChart: [
    { name: 'SVG', extensions: ['svg'] },
    { name: 'PNG', extensions: ['png'] },
  ],
  overlapSketch: [{ name: 'Tandem sketch', extensions: ['tsketch'] }],
  partnerKit: [{ name: 'HTML', extensions: ['html'] }],
};

/** The operating system's open and save dialogs, attached to the window. */
export function electronDialogs(window: () => BrowserWindow | null): DialogHost {
  return {
    async open(purpose) {
      const w = window();
      const options = { properties: ['openFile' as const], filters: FILTERS[purpose] };
      const picked = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
    async save(purpose, defaultName) {
      const w = window();
      const options = { defaultPath: defaultName, filters: FILTERS[purpose] };
      const picked = w ? await dialog.showSaveDialog(w, options) : await dialog.showSaveDialog(options);
      return picked.canceled ? null : (picked.filePath ?? null);
    },
    async openFile(file) {
      // A path Tandem itself wrote under its data folder, never a URL: shell.openPath, not openExternal.
      const error = await shell.openPath(file);
      if (error) throw new Error(error);
    },
  };
}
