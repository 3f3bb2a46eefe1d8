import artistIp from '../../../resources/checklists/artist-ip.json';
import artSchool from '../../../resources/checklists/art-school.json';
import automotive from '../../../resources/checklists/automotive.json';
import consumerBrand from '../../../resources/checklists/consumer-brand.json';
import kolLivestream from '../../../resources/checklists/kol-livestream.json';
import museumHeritage from '../../../resources/checklists/museum-heritage.json';
import projectWide from '../../../resources/checklists/project.json';
import type { Severity } from '../../shared/checklist';

/**
 * The checklist templates of resources/checklists, one per cooperation kind plus the
 * project-wide items every campaign needs. Data, not code: a strategist's legal team can
 * extend them without touching TypeScript (a test checks both languages are complete).
 */
export interface Bilingual {
  en: string;
  'zh-CN': string;
}

export interface TemplateItem {
  key: string;
  severity: Severity;
  /** Due this many days before the project's start date. */
  leadDays: number;
  title: Bilingual;
  detail: Bilingual;
}

export interface ChecklistTemplate {
  kind: string;
  title: Bilingual;
  /** The partner types (partners dataset `type`) whose shortlisting adds these items. */
  partnerTypes: string[];
  items: TemplateItem[];
}

export const PROJECT_KIND = 'project';

export const TEMPLATES: readonly ChecklistTemplate[] = [projectWide, artistIp, museumHeritage, consumerBrand, automotive, artSchool, kolLivestream] as ChecklistTemplate[];

export function templateOf(kind: string): ChecklistTemplate | undefined {
  return TEMPLATES.find((t) => t.kind === kind);
}

/** The template a partner type brings (lower-cased; KOL, Kol and kol are one type). */
export function templateForPartnerType(type: string): ChecklistTemplate | undefined {
  const t = type.trim().toLowerCase();
  return TEMPLATES.find((x) => x.partnerTypes.includes(t));
}
