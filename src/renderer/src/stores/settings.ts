import { create } from 'zustand';
import { translate } from '../../../shared/i18n';
import { DEFAULT_SETTINGS, type Language, languageFromLocale, type Settings } from '../../../shared/settings';
import { call, onEvent } from '../bridge';

interface SettingsState {
  settings: Settings;
  osDark: boolean;
  /** The language and theme in effect, after "follow the OS" is resolved. */
  lang: Language;
  theme: 'light' | 'dark';
  load(): Promise<void>;
  update(patch: Partial<Settings>): Promise<void>;
}

const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');

function resolve(settings: Settings, osDark: boolean) {
  return {
    lang: settings.language === 'system' ? languageFromLocale(navigator.language) : settings.language,
    theme: settings.theme === 'system' ? (osDark ? 'dark' : 'light') : settings.theme,
  } as const;
}

export const useSettings = create<SettingsState>((set, get) => ({
  settings: DEFAULT_SETTINGS,
  osDark: darkQuery.matches,
  ...resolve(DEFAULT_SETTINGS, darkQuery.matches),
  async load() {
    const settings = await call('settings.get', {});
    set({ settings, ...resolve(settings, get().osDark) });
  },
  async update(patch) {
    const settings = await call('settings.update', patch);
    set({ settings, ...resolve(settings, get().osDark) });
  },
}));

darkQuery.addEventListener('change', (e) => {
  const { settings } = useSettings.getState();
  useSettings.setState({ osDark: e.matches, ...resolve(settings, e.matches) });
});
// The native menu changes settings in main: follow it.
onEvent('settings', (settings) => {
  useSettings.setState({ settings, ...resolve(settings, useSettings.getState().osDark) });
});

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** The translation function for the language in effect. */
export function useT(): Translate {
  const lang = useSettings((s) => s.lang);
  return (key, params) => translate(lang, key, params);
}

/** Numbers, money and dates in the UI language. */
export function useFormat() {
  const lang = useSettings((s) => s.lang);
  return {
    number: (n: number) => new Intl.NumberFormat(lang).format(n),
    money: (n: number, currency: string) => {
      try {
        return new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 0 }).format(n);
      } catch {
        return `${new Intl.NumberFormat(lang).format(n)} ${currency}`;
      }
    },
    date: (iso: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(iso)),
    /** A calendar day (YYYY-MM-DD), shown as that day wherever the machine is. */
    day: (ymd: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`)),
    dateTime: (iso: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    time: (iso: string) => new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).format(new Date(iso)),
  };
}
