import type { RightsRegister } from '../../shared/rights';

/** The rights register as a table (for CSV/XLSX and, later, the pitch report), in one language. */
export function registerTable(register: RightsRegister, lang: 'en' | 'zh-CN'): { header: string[]; rows: (string | number | null)[][] } {
  const zh = lang === 'zh-CN';
  const header = zh
    ? ['编号', '合作方', '授权方', '授权内容', '地域', '渠道', '开始', '结束', '独占', '费用', '提醒', '排他冲突', '备注']
    : ['id', 'partner', 'licensor', 'asset', 'territory', 'channels', 'start', 'end', 'exclusive', 'fee', 'alert', 'exclusivity clash with', 'notes'];
  const alert = (a: string | null, days: number) => (a === 'expired' ? (zh ? `已过期 ${-days} 天` : `expired ${-days} days ago`) : a === 'expiring' ? (zh ? `${days} 天后到期` : `ends in ${days} days`) : '');
  const rows = register.licences.map((l) => [
    l.id,
    l.partnerName ?? l.partnerId,
    l.licensor,
    l.asset,
    l.territory.join(', '),
    l.channels.join(', '),
    l.start,
    l.end,
    l.exclusive ? (zh ? '是' : 'yes') : '',
    l.fee,
    alert(l.alert, l.daysLeft),
    register.clashes.filter((c) => c.a === l.id || c.b === l.id).map((c) => (c.a === l.id ? c.b : c.a)).join(', '),
    l.notes,
  ]);
  return { header, rows };
}
