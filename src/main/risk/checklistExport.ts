import type { ChecklistView } from '../../shared/checklist';

/** The checklist as a table (for CSV/XLSX and, later, the pitch report), in one language. */
export function checklistTable(view: ChecklistView, lang: 'en' | 'zh-CN'): { header: string[]; rows: (string | number | null)[][] } {
  const zh = lang === 'zh-CN';
  const header = zh
    ? ['编号', '事项', '类别', '合作方', '严重程度', '状态', '负责人', '截止日期', '已逾期', '备注', '不适用理由', '证据文件']
    : ['id', 'item', 'kind', 'partner', 'severity', 'status', 'owner', 'due', 'overdue', 'notes', 'not applicable because', 'evidence'];
  const rows = view.items.map((i) => [
    i.id,
    i.title[lang],
    i.kind,
    i.partnerName ?? '',
    i.severity,
    i.status,
    i.owner,
    i.due,
    i.overdue ? (zh ? '是' : 'yes') : '',
    i.notes,
    i.naReason,
    i.evidence.map((e) => `${e.name} (sha256 ${e.sha256})`).join('; '),
  ]);
  return { header, rows };
}
