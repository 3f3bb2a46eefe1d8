import type { Db } from '../db/connection';
import { translate } from '../../shared/i18n';
import type { ReportLang } from '../../shared/report';

/** What every section builder reads: the library, the project, and the report's language with its formatting. */
export interface ReportContext {
  db: Db;
  projectId: number;
  lang: ReportLang;
  currency: string;
  t: (key: string, params?: Record<string, string | number>) => string;
  number: (n: number) => string;
  money: (n: number) => string;
  pct: (x: number) => string;
}

export function reportContext(db: Db, projectId: number, lang: ReportLang, currency: string): ReportContext {
  const num = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const cur = new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 0 });
  return {
    db,
    projectId,
    lang,
    currency,
    t: (key, params) => translate(lang, key, params),
    number: (n) => num.format(n),
    money: (n) => cur.format(n),
    pct: (x) => `${(100 * x).toFixed(1)}%`,
  };
}
