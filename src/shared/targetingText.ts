import { translate } from './i18n';
import type { Language } from './settings';
import type { ModelSettings } from './targeting';

/**
 * A fitted model's name and settings in words ("EASE (λ 449; each item once)"), in either
 * language: the Partners card, the CLI's summary line and the bench say it the same way.
 */
export function describeSettings(s: ModelSettings, lang: Language = 'en'): string {
  const [open, close] = lang === 'zh-CN' ? ['（', '）'] : [' (', ')'];
  return `${translate(lang, `targeting.model.${s.model}`)}${open}${settingsText(s, lang)}${close}`;
}

export function settingsText(s: ModelSettings, lang: Language = 'en'): string {
  const input = 'input' in s ? translate(lang, `targeting.input.${s.input}`) : '';
  switch (s.model) {
    case 'popular':
      return translate(lang, 'targeting.settings.popular');
    case 'itemknn':
      return translate(lang, 'targeting.settings.itemknn', { neighbours: s.neighbours, shrink: s.shrink, input });
    case 'rp3beta':
      return translate(lang, 'targeting.settings.rp3beta', { neighbours: s.neighbours, alpha: s.alpha, beta: s.beta, input });
    case 'ease':
      return translate(lang, 'targeting.settings.ease', { lambda: s.lambda, input });
    case 'als':
      return translate(lang, 'targeting.settings.als', { factors: s.factors, reg: s.reg, alpha: s.alpha, confidence: translate(lang, `targeting.confidence.${s.confidence}`), iterations: s.iterations });
  }
}

/**
 * Whether two settings name the same candidate: EASE's λ is left out, since the search names
 * it at the validation split's size and the fit on everything rescales it (same multiple).
 */
export function sameCandidate(a: ModelSettings, b: ModelSettings): boolean {
  const key = (s: ModelSettings) => JSON.stringify(s.model === 'ease' ? { ...s, lambda: 0 } : s);
  return key(a) === key(b);
}
