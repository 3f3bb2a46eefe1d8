import type { JobInfo } from './jobs';
import type { Settings } from './settings';

/** Commands the native menu sends to the renderer (the renderer owns dialogs and pages). */
export type MenuCommand =
  | { command: 'newProject' }
  | { command: 'openProjectFile'; path?: string }
  | { command: 'exportProject' }
  | { command: 'about' };

/** Push events from main to the renderer: one typed map, one channel per name. */
export interface PushEvents {
  job: JobInfo;
  menu: MenuCommand;
  /** Something changed the library behind the renderer's back (a job, the CLI, a menu). */
  library: { reason: string; projectId?: number };
  settings: Settings;
}
export type PushEventName = keyof PushEvents;
export const PUSH_EVENT_NAMES: readonly PushEventName[] = ['job', 'menu', 'library', 'settings'];
