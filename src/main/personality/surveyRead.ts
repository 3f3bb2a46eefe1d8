import { z } from 'zod';
import { normalizeHeader } from '../../shared/fields';
import { parseNumberInput } from '../../shared/numbers';
import { PERSONALITY_DIMENSIONS, PRODUCT_SUBJECT, type PersonalityDimension } from '../../shared/personality';
import { DomainError } from '../../shared/result';
import { openTableSource, SourceError } from '../data/tableSource';

/**
 * A brand-personality survey file, one row per respondent: a column naming what was rated (the
 * product, or a partner by id or name) and one 1–5 column per dimension, headed in Chinese or
 * English. Read in the reader worker; what comes back is each subject's sums, and the rows that
 * could not be used with their line and reason.
 */
const SUBJECT_HEADERS = ['subject', 'brand', 'partner', 'partnerid', 'rated', '评价对象', '对象', '品牌', '合作方', '合作方id', '被评品牌'];
const DIMENSION_HEADERS: Record<PersonalityDimension, string[]> = {
  sincerity: ['sincerity', 'sincere', '真诚', '纯真', '真挚'],
  excitement: ['excitement', 'exciting', '刺激', '兴奋', '活力'],
  competence: ['competence', 'competent', '能力', '称职', '可靠', '专业'],
  sophistication: ['sophistication', 'sophisticated', '教养', '精致', '高雅', '雅致'],
  ruggedness: ['ruggedness', 'rugged', '粗犷', '强韧', '坚韧'],
};
const PRODUCT_WORDS = ['product', 'ours', 'own', '本品', '产品', '我方', '本产品'];
const MAX_REJECTED = 1000;

export const surveyTaskSchema = z
  .object({
    path: z.string().min(1).max(4096),
    partners: z.array(z.object({ id: z.string(), name: z.string() })).max(100_000),
    productTitle: z.string().max(500),
  })
  .strict();

export interface SurveySums {
  rows: number;
  /** Per subject (`product` or a partner id): respondents, and per dimension the sum and sum of squares. */
  subjects: Record<string, { n: number; sum: number[]; sumSq: number[] }>;
  rejected: { row: number; column: string; value: string; reason: string }[];
  rejectedRows: number;
}

export function readSurvey(params: unknown): SurveySums {
  const p = surveyTaskSchema.parse(params);
  const bySubject = new Map<string, string>();
  for (const w of [...PRODUCT_WORDS, p.productTitle]) if (w.trim()) bySubject.set(w.trim().toLowerCase(), PRODUCT_SUBJECT);
  for (const partner of p.partners) {
    bySubject.set(partner.name.trim().toLowerCase(), partner.id);
    bySubject.set(partner.id.trim().toLowerCase(), partner.id);
  }
  let source;
  try {
    source = openTableSource(p.path);
  } catch (e) {
    if (e instanceof SourceError) throw new DomainError('invalid_input', e.message);
    throw e;
  }
  const out: SurveySums = { rows: 0, subjects: {}, rejected: [], rejectedRows: 0 };
  let header: string[] | null = null;
  let subjectAt = -1;
  const dimAt: number[] = [];
  const reject = (row: number, column: string, value: string, reason: string) => {
    out.rejectedRows++;
    if (out.rejected.length < MAX_REJECTED) out.rejected.push({ row, column, value: value.slice(0, 200), reason });
  };
  try {
    source.read((fields, line) => {
      if (!header) {
        header = fields;
        // A header matches whole or by one of its parts (`真诚/Sincerity`, `Sincerity（真诚）`).
        const parts = fields.map((h) => [h, ...h.split(/[/|()（）]+/)].map((x) => normalizeHeader(x.replace(/^\uFEFF/, ''))).filter(Boolean));
        const find = (names: string[]) => parts.findIndex((ps) => names.some((n) => ps.includes(normalizeHeader(n))));
        subjectAt = find(SUBJECT_HEADERS);
        for (const d of PERSONALITY_DIMENSIONS) dimAt.push(find(DIMENSION_HEADERS[d]));
        const missing = [...(subjectAt < 0 ? ['subject (评价对象)'] : []), ...PERSONALITY_DIMENSIONS.filter((_, i) => dimAt[i] < 0)];
        if (missing.length) {
          throw new DomainError('invalid_input', `${source.fileName}: no column for ${missing.join(', ')} (its columns: ${fields.map((f) => `"${f}"`).join(', ')}). A survey has one row per respondent: what was rated, then sincerity, excitement, competence, sophistication and ruggedness, each 1–5.`);
        }
        return;
      }
      out.rows++;
      const rawSubject = (fields[subjectAt] ?? '').trim();
      const subject = bySubject.get(rawSubject.toLowerCase());
      if (!subject) return reject(line, header[subjectAt], rawSubject, rawSubject ? 'names neither the product nor a partner of the project' : 'empty');
      const values: number[] = [];
      for (let i = 0; i < dimAt.length; i++) {
        const text = (fields[dimAt[i]] ?? '').trim();
        const parsed = parseNumberInput(text);
        const v = 'value' in parsed ? parsed.value : null;
        if (v === null || !(v >= 1 && v <= 5)) return reject(line, header[dimAt[i]], text, text ? 'not a rating from 1 to 5' : 'empty');
        values.push(v);
      }
      const s = (out.subjects[subject] ??= { n: 0, sum: [0, 0, 0, 0, 0], sumSq: [0, 0, 0, 0, 0] });
      s.n++;
      values.forEach((v, i) => {
        s.sum[i] += v;
        s.sumSq[i] += v * v;
      });
    });
  } catch (e) {
    if (e instanceof SourceError) throw new DomainError('invalid_input', `${source.fileName}${e.line ? `, line ${e.line}` : ''}: ${e.message}`);
    throw e;
  } finally {
    source.close();
  }
  if (!header) throw new DomainError('invalid_input', `${source.fileName} has no header row.`);
  return out;
}
