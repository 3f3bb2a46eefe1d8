import { KPI_KEYS, type KpiKey, type Project, type ProjectFields, projectFieldsSchema } from '../../../shared/project';
import type { FieldIssue } from '../../../shared/result';
import { toFieldIssues } from '../../../shared/validation';
import { parseList, parseNumberInput } from '../forms';

/** What the overview's inputs hold: text, exactly as typed, until it is saved. */
export interface Draft {
  name: string;
  client: string;
  kind: ProjectFields['kind'];
  productTitle: string;
  description: string;
  tags: string;
  price: string;
  goals: string;
  kpi: Record<KpiKey, string>;
  budget: string;
  currency: string;
  startDate: string;
  endDate: string;
  exclusions: string;
  status: ProjectFields['status'];
}

/** The project as the inputs show it; `num` writes amounts (grouped in the UI's language). */
export function draftOf(p: Project, num: (n: number) => string = String): Draft {
  return {
    name: p.name,
    client: p.client,
    kind: p.kind,
    productTitle: p.productTitle,
    description: p.description,
    tags: p.tags.join(', '),
    price: p.price === null ? '' : num(p.price),
    goals: p.goals,
    kpi: Object.fromEntries(KPI_KEYS.map((k) => [k, String(p.kpiWeights[k])])) as Record<KpiKey, string>,
    budget: num(p.budget),
    currency: p.currency,
    startDate: p.startDate ?? '',
    endDate: p.endDate ?? '',
    exclusions: p.exclusions.join(', '),
    status: p.status,
  };
}

/** Whether the draft says something other than the project (text aside: `80万` is 800,000). */
export function differs(d: Draft, p: Project): boolean {
  const mine = fieldsOf(d).fields;
  return !mine || JSON.stringify(mine) !== JSON.stringify(fieldsOf(draftOf(p)).fields);
}

/**
 * Draft → project fields, with every problem located: text that is not a number, then
 * the shared schema's rules (the same ones main enforces).
 */
export function fieldsOf(d: Draft): { fields: ProjectFields | null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const num = (path: string, text: string, fallback: number | null): number | null => {
    const r = parseNumberInput(text);
    if ('invalid' in r) {
      issues.push({ path, message: 'validation.number' });
      return fallback;
    }
    return r.value ?? fallback;
  };
  const candidate = {
    name: d.name,
    client: d.client,
    kind: d.kind,
    productTitle: d.productTitle,
    description: d.description,
    tags: parseList(d.tags),
    price: num('price', d.price, null),
    goals: d.goals,
    kpiWeights: Object.fromEntries(KPI_KEYS.map((k) => [k, num(`kpiWeights.${k}`, d.kpi[k], 0)])),
    budget: d.budget.trim() === '' ? Number.NaN : num('budget', d.budget, 0),
    currency: d.currency.trim().toUpperCase(),
    startDate: d.startDate || null,
    endDate: d.endDate || null,
    exclusions: parseList(d.exclusions),
    status: d.status,
  };
  if (Number.isNaN(candidate.budget)) issues.push({ path: 'budget', message: 'validation.required' });
  const parsed = projectFieldsSchema.safeParse(candidate);
  if (!parsed.success) issues.push(...toFieldIssues(parsed.error).filter((i) => !issues.some((j) => j.path === i.path)));
  return { fields: issues.length === 0 && parsed.success ? parsed.data : null, issues };
}
