import fs from 'node:fs';
import path from 'node:path';
import { type BrowserWindow, type Rectangle, screen } from 'electron';

interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT: WindowState = { bounds: { x: 0, y: 0, width: 1360, height: 860 }, maximized: false };

/** Size and position of the main window, restored at launch if still on a screen. */
export function loadWindowState(dataDir: string): WindowState & { centre: boolean } {
  try {
    const saved = JSON.parse(fs.readFileSync(path.join(dataDir, 'window-state.json'), 'utf8')) as WindowState;
    const b = saved.bounds;
    const visible = screen.getAllDisplays().some((d) => {
      const a = d.workArea;
      return b.x < a.x + a.width && b.x + b.width > a.x && b.y < a.y + a.height && b.y + b.height > a.y;
    });
    if (visible && b.width >= 800 && b.height >= 560) return { ...saved, centre: false };
  } catch {
    // First launch or an unreadable file: use the default size, centred.
  }
  return { ...DEFAULT, centre: true };
}

export function trackWindowState(win: BrowserWindow, dataDir: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    if (win.isDestroyed()) return;
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    fs.writeFileSync(path.join(dataDir, 'window-state.json'), JSON.stringify(state));
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('close', () => {
    clearTimeout(timer);
    save();
  });
}
