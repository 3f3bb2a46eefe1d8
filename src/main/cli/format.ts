import type { Project, ProjectSummary } from '../../shared/project';

/** Human-readable CLI output (without --json). */
export function projectLine(p: ProjectSummary): string {
  const data = p.datasets.map((d) => `${d.kind} ${d.rows.toLocaleString('en')}`).join(', ') || 'no data';
  return `${String(p.id).padStart(4)}  ${p.status.padEnd(7)}  ${p.name}  [${p.kind}; budget ${p.budget.toLocaleString('en')} ${p.currency}; ${data}]`;
}

export function projectDetails(p: Project): string {
  const rows: [string, string][] = [
    ['id', String(p.id)],
    ['name', p.name],
    ['client', p.client || '-'],
    ['kind', p.kind],
    ['product', p.productTitle || '-'],
    ['tags', p.tags.join(', ') || '-'],
    ['price', p.price === null ? '-' : `${p.price} ${p.currency}`],
    ['budget', `${p.budget.toLocaleString('en')} ${p.currency}`],
    ['timeline', `${p.startDate ?? '?'} .. ${p.endDate ?? '?'}`],
    ['kpi weights', Object.entries(p.kpiWeights).map(([k, v]) => `${k} ${v}`).join(', ')],
    ['exclusions', p.exclusions.join(', ') || '-'],
    ['status', p.status + (p.deletedAt ? ` (in trash since ${p.deletedAt})` : '')],
    ['datasets', p.datasets.map((d) => `${d.kind}: ${d.rows.toLocaleString('en')} rows`).join('; ') || 'none'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
