import type { Language } from '../settings';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type { MessageKey } from './en';

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** Looks a key up and fills `{name}` placeholders; unknown keys come back as they are. */
export function translate(lang: Language, key: string, params?: Record<string, string | number>): string {
  const text = isMessageKey(key) ? DICTIONARIES[lang][key] : key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
