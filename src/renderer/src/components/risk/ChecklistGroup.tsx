import type { ChecklistItem } from '../../../../shared/checklist';
import { useFormat, useSettings, useT } from '../../stores/settings';
import { Icon } from '../icons';

/** One section of the checklist (the project-wide items, or one partner's) as a table. */
export function ChecklistGroup({ title, subtitle, items, today, onEdit }: { title: string; subtitle: string; items: ChecklistItem[]; today: string; onEdit(id: string): void }) {
  const t = useT();
  const f = useFormat();
  const { lang } = useSettings();
  const done = items.filter((i) => i.status === 'done' || i.status === 'na').length;
  return (
    <section className="card" data-testid="checklist-group">
      <header>
        <div>
          <h2>{title}</h2>
          <p>{subtitle}</p>
        </div>
        <span className="muted small">{t('risk.groupProgress', { done, total: items.length })}</span>
      </header>
      <div className="body">
        {items.length === 0 ? (
          <p className="muted">{t('risk.noneHere')}</p>
        ) : (
          <table className="data checklist">
            <thead>
              <tr>
                <th style={{ width: 92 }}>{t('risk.col.severity')}</th>
                <th>{t('risk.col.item')}</th>
                <th style={{ width: 118 }}>{t('risk.col.status')}</th>
                <th style={{ width: 130 }}>{t('risk.col.owner')}</th>
                <th style={{ width: 136 }}>{t('risk.col.due')}</th>
                <th style={{ width: 74 }} className="num">{t('risk.col.evidence')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id} className={`${i.overdue ? 'overdue' : ''} ${i.status === 'done' || i.status === 'na' ? 'closed' : ''}`} data-item={i.id} onClick={() => onEdit(i.id)}>
                  <td><span className={`badge sev-${i.severity}`}>{t(`severity.${i.severity}`)}</span></td>
                  <td>
                    <button className="link" onClick={(e) => { e.stopPropagation(); onEdit(i.id); }}>{i.title[lang]}</button>
                    {i.status === 'na' && i.naReason && <div className="muted small">{t('risk.naBecause', { reason: i.naReason })}</div>}
                  </td>
                  <td><span className={`badge st-${i.status}`}>{t(`itemStatus.${i.status}`)}</span></td>
                  <td className="owner">{i.owner || <span className="faint">—</span>}</td>
                  <td className="due">
                    {i.due ? <span className="nowrap">{f.day(i.due)}</span> : <span className="faint">—</span>}
                    {i.overdue && <div className="overdue-note">{t('risk.overdueBy', { days: daysBetween(i.due!, today), count: daysBetween(i.due!, today) })}</div>}
                  </td>
                  <td className="num">
                    {i.evidence.length ? (
                      <span className={`clip${i.evidence.some((e) => !e.intact) ? ' tampered' : ''}`}><Icon name="clip" /> {i.evidence.length}</span>
                    ) : (
                      <span className="faint">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
