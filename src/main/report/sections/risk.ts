import { ChecklistService } from '../../risk/checklistService';
import { RevenueService } from '../../risk/revenueService';
import { RightsService } from '../../risk/rightsService';
import type { ReportBlock } from '../../../shared/report';
import { pieOption } from '../charts';
import type { ReportContext } from '../context';

/** Risk and rights: where the checklist stands, what still blocks the pitch, and the licences held. */
export function riskBlocks(c: ReportContext): { blocks: ReportBlock[]; empty: string | null } {
  const view = new ChecklistService(c.db).view(c.projectId);
  const register = new RightsService(c.db).register(c.projectId);
  if (!view.items.length && !register.licences.length) return { blocks: [], empty: c.t('report.empty.risk') };
  const s = view.summary;
  const open = view.items.filter((i) => i.status === 'todo' || i.status === 'in_progress').sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  const blocks: ReportBlock[] = [
    { kind: 'facts', items: [
      { label: c.t('report.itemsDone'), value: `${s.done} / ${s.total}` },
      { label: c.t('report.openBlocking'), value: String(s.openBlocking) },
      { label: c.t('report.overdue'), value: String(s.overdue) },
      { label: c.t('report.riskScore'), value: String(Math.round(s.riskScore)) },
      { label: c.t('report.licences'), value: String(register.licences.length) },
      { label: c.t('report.clashes'), value: String(register.clashes.length) },
    ] },
    { kind: 'text', text: s.openBlocking ? c.t('report.blockingNote', { n: s.openBlocking }) : c.t('report.clearNote') },
  ];
  if (open.length) {
    blocks.push({
      kind: 'table',
      columns: [c.t('report.item'), c.t('report.partner'), c.t('report.severity'), c.t('report.status'), c.t('report.owner'), c.t('report.due')],
      numeric: [false, false, false, false, false, false],
      rows: open.slice(0, 25).map((i) => [i.title[c.lang], i.partnerName ?? '—', c.t(`severity.${i.severity}`), c.t(`itemStatus.${i.status}`), i.owner || '—', i.due ?? '—']),
    });
  }
  if (register.licences.length) {
    blocks.push({
      kind: 'table',
      columns: [c.t('report.asset'), c.t('report.licensor'), c.t('report.territory'), c.t('report.dates'), c.t('report.fee')],
      numeric: [false, false, false, false, true],
      rows: register.licences.map((l) => [`${l.asset}${l.exclusive ? ` (${c.t('report.exclusive')})` : ''}`, l.licensor, l.territory.join(', '), `${l.start} – ${l.end}`, c.money(l.fee)]),
    });
  }
  return { blocks, empty: null };
}

const severityRank = (s: string) => ['blocking', 'high', 'medium', 'low'].indexOf(s);

/** The revenue share: each party's take at each revenue point of the first saved split. */
export function revenueBlocks(c: ReportContext): { blocks: ReportBlock[]; empty: string | null } {
  const scenarios = new RevenueService(c.db).list(c.projectId);
  if (!scenarios.length) return { blocks: [], empty: c.t('report.empty.revenue') };
  return {
    empty: null,
    blocks: scenarios.slice(0, 2).flatMap((sc): ReportBlock[] => {
      const middle = sc.results[Math.floor(sc.results.length / 2)];
      return [
        { kind: 'text', text: c.t('report.revenueIntro', { name: sc.name, label: middle.label, revenue: c.money(middle.revenue) }) },
        { kind: 'chart', title: `${sc.name} · ${middle.label}`, option: pieOption([...sc.parties.map((p, i) => ({ name: p.name, value: Math.max(0, middle.takes[i]) })), { name: c.t('report.platform'), value: Math.max(0, middle.platform) }]), height: 220 },
        {
          kind: 'table',
          columns: [c.t('report.revenuePoint'), c.t('report.revenue'), ...sc.parties.map((p) => p.name), c.t('report.platform')],
          numeric: [false, true, ...sc.parties.map(() => true), true],
          rows: sc.results.map((r) => [r.label, c.money(r.revenue), ...r.takes.map((x) => c.money(x)), c.money(r.platform)]),
        },
      ];
    }),
  };
}
