import type { Db } from '../db/connection';
import { SettingsRepo } from '../db/settingsRepo';
import { DEFAULT_SETTINGS, type Settings, settingsSchema } from '../../shared/settings';

const KEY = 'ui';

/** Language and theme, kept in the library so that they survive restarts. */
export class SettingsService {
  private readonly repo: SettingsRepo | null;
  private memory: Settings = DEFAULT_SETTINGS;

  constructor(db: Db | null) {
    this.repo = db ? new SettingsRepo(db) : null;
  }

  get(): Settings {
    const stored = this.repo?.get<unknown>(KEY);
    const parsed = settingsSchema.safeParse(stored);
    return parsed.success ? parsed.data : this.memory;
  }

  update(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.get(), ...patch });
    this.memory = next;
    this.repo?.set(KEY, next);
    return next;
  }

  /** App-wide flags (e.g. whether the demo was created on first launch). */
  flag(name: string): boolean {
    return this.repo?.get<boolean>(`flag:${name}`) ?? false;
  }

  setFlag(name: string, value: boolean): void {
    this.repo?.set(`flag:${name}`, value);
  }

  /** Project files opened or exported lately, newest first (the File › Open Recent menu). */
  recentFiles(): string[] {
    return this.repo?.get<string[]>('recentFiles') ?? [];
  }

  addRecentFile(file: string): string[] {
    const next = [file, ...this.recentFiles().filter((f) => f !== file)].slice(0, 10);
    this.repo?.set('recentFiles', next);
    return next;
  }

  clearRecentFiles(): void {
    this.repo?.set('recentFiles', []);
  }
}
