import type { ReportBlock } from '../../../shared/report';
import type { ReportContext } from '../context';

export interface ProjectRow {
  name: string;
  client: string;
  kind: string;
  product_title: string;
  description: string;
  tags: string;
  price: number | null;
  goals: string;
  budget: number;
  currency: string;
  start_date: string | null;
  end_date: string | null;
  status: string;
}

/** The cover's facts under the title (the title, client, date and logo are laid out by each output). */
export function coverBlocks(c: ReportContext, p: ProjectRow): ReportBlock[] {
  return [
    {
      kind: 'facts',
      items: [
        { label: c.t('report.product'), value: p.product_title || p.name },
        { label: c.t('report.budget'), value: c.money(p.budget) },
        { label: c.t('report.window'), value: p.start_date && p.end_date ? `${p.start_date} – ${p.end_date}` : '—' },
      ],
    },
  ];
}

/** Product and goals: what is being sold, to whom, for how much, and what the campaign must achieve. */
export function productBlocks(c: ReportContext, p: ProjectRow): { blocks: ReportBlock[]; empty: string | null } {
  if (!p.product_title && !p.description && !p.goals) return { blocks: [], empty: c.t('report.empty.product') };
  const tags = safeList(p.tags);
  return {
    empty: null,
    blocks: [
      { kind: 'facts', items: [
        { label: c.t('report.product'), value: p.product_title || '—' },
        { label: c.t('report.kind'), value: c.t(`kind.${p.kind}`) },
        { label: c.t('report.price'), value: p.price === null ? '—' : c.money(p.price) },
        { label: c.t('report.budget'), value: c.money(p.budget) },
        { label: c.t('report.window'), value: p.start_date && p.end_date ? `${p.start_date} – ${p.end_date}` : '—' },
        { label: c.t('report.tags'), value: tags.join(c.lang === 'zh-CN' ? '、' : ', ') || '—' },
      ] },
      ...(p.description ? [{ kind: 'text' as const, text: p.description }] : []),
      ...(p.goals ? [{ kind: 'text' as const, text: `${c.t('report.goals')}: ${p.goals}` }] : []),
    ],
  };
}

export function safeList(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}
