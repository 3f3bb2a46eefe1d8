import type { ShortlistReview } from './partners';
import { z } from 'zod';
import { isoDateSchema, projectIdSchema } from './project';

/**
 * The pitch report (DESIGN §1 step 7) as it crosses the contract: the strategist's choice
 * of sections, their order and notes, the cover, and the report's own language — and the
 * document built from the project, which the report page previews, the slides show and
 * the PDF prints (one model, one set of chart options, every output).
 */
export const REPORT_SECTIONS = ['cover', 'product', 'audience', 'partners', 'content', 'risk', 'forecast', 'allocation', 'revenue'] as const;
export type SectionId = (typeof REPORT_SECTIONS)[number];
export const REPORT_LANGS = ['en', 'zh-CN'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

/** A logo is refused above this size: it sits on the cover, not in a print shop. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;

/** What a logo file starts with: only PNG and JPEG are placed on the cover. */
const LOGO_SIGNATURES: [string, number[]][] = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];

/** The logo's type from its first bytes (null: neither PNG nor JPEG). */
export function logoMimeOf(bytes: Uint8Array): string | null {
  return LOGO_SIGNATURES.find(([, sig]) => sig.every((b, i) => bytes[i] === b))?.[0] ?? null;
}

export const reportSettingsSchema = z
  .object({
    title: z.string().max(200, 'validation.tooLong'),
    client: z.string().max(200, 'validation.tooLong'),
    date: isoDateSchema.nullable(),
    lang: z.enum(REPORT_LANGS),
    sections: z
      .array(z.object({ id: z.enum(REPORT_SECTIONS), on: z.boolean(), note: z.string().max(4000, 'validation.tooLong') }).strict())
      .length(REPORT_SECTIONS.length, 'validation.invalid')
      .refine((s) => new Set(s.map((x) => x.id)).size === s.length, 'validation.duplicate'),
  })
  .strict();
export type ReportSettings = z.infer<typeof reportSettingsSchema>;

export function defaultReportSettings(lang: ReportLang = 'zh-CN'): ReportSettings {
  return { title: '', client: '', date: null, lang, sections: REPORT_SECTIONS.map((id) => ({ id, on: true, note: '' })) };
}

export const reportSaveSchema = z.object({ projectId: projectIdSchema, settings: reportSettingsSchema }).strict();
export const reportLogoSchema = z.object({ projectId: projectIdSchema, path: z.string().min(1).max(4096).optional() }).strict();
export const reportDocumentSchema = z.object({ projectId: projectIdSchema, lang: z.enum(REPORT_LANGS).optional() }).strict();
/** The PDF export runs as a job (`report`): building and rendering take a second or more. */
export const reportStartSchema = z.object({ kind: z.literal('report'), projectId: projectIdSchema, path: z.string().min(1).max(4096), lang: z.enum(REPORT_LANGS).optional() }).strict();
export interface ReportPdfResult {
  path: string;
  pages: number;
  bytes: number;
  sections: number;
  ms: number;
}

export interface ReportSettingsView {
  settings: ReportSettings;
  /** The cover's logo as a data URL, or null. */
  logo: string | null;
}

/** A chart: echarts options as plain data (no functions), drawn by echarts in the app and as SVG in the PDF. */
export interface ChartBlock {
  kind: 'chart';
  title: string;
  option: Record<string, unknown>;
  /** Height in points at the PDF's full text width (the app scales it). */
  height: number;
}
export type ReportBlock =
  | { kind: 'text'; text: string }
  | { kind: 'facts'; items: { label: string; value: string }[] }
  | { kind: 'table'; columns: string[]; rows: string[][]; numeric: boolean[] }
  | ChartBlock;

export interface ReportSection {
  id: SectionId;
  title: string;
  note: string;
  /** Set when the project has nothing for this section yet: the page says so instead of an empty chart. */
  empty: string | null;
  blocks: ReportBlock[];
}

export interface ReportDocument {
  lang: ReportLang;
  title: string;
  client: string;
  date: string;
  logo: string | null;
  product: string;
  sections: ReportSection[];
  /** Not printed: what speaks against the shortlisted partners the report carries (the page warns before export). */
  review: ShortlistReview[];
}
