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
  // English needs a singular: `key.one` is used when `count` is 1 and the key exists.
  const one = `${key}.one`;
  const chosen = params?.count === 1 && isMessageKey(one) ? one : key;
  const text = isMessageKey(chosen) ? DICTIONARIES[lang][chosen] : key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
