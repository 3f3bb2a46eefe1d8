import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChecklistItem, ChecklistView } from '../../../../shared/checklist';
import { call, CallError } from '../../bridge';
import { useFocus } from '../../stores/focus';
import { AddItemDialog } from './AddItemDialog';
import { ChecklistGroup } from './ChecklistGroup';
import { exportTable } from './exportTable';
import { ItemDialog } from './ItemDialog';
import { useProject } from '../../stores/project';
import { useSettings, useT } from '../../stores/settings';
import { useToasts } from '../../stores/toasts';

type Filter = 'all' | 'open' | 'blocking' | 'overdue';

/**
 * The checklist tab of Risk & Rights: project-wide items, then each shortlisted partner's,
 * the gate it sets on "ready to pitch", the risk score, overdue items standing out, and each
 * item's editor with its evidence and history.
 */
export function ChecklistPanel() {
  const t = useT();
  const { lang } = useSettings();
  const project = useProject((s) => s.project)!;
  const toast = useToasts((s) => s.show);
  const [view, setView] = useState<ChecklistView | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const fail = (e: unknown) => toast(e instanceof CallError ? e.message : String(e), { tone: 'error' });
  const load = useCallback(async () => setView(await call('checklist.get', { projectId: project.id })), [project.id]);
  useEffect(() => void load().catch(fail), [load]);
  // Another page linked to an item (the overview's "ready to pitch" refusal): open it.
  const focused = useFocus((s) => s.item);
  useEffect(() => {
    if (!view || !focused) return;
    if (view.items.some((i) => i.id === focused)) setEditing(focused);
    useFocus.getState().focusItem(null);
  }, [view, focused]);

  const groups = useMemo(() => {
    if (!view) return [];
    const keep = (i: ChecklistItem) =>
      filter === 'all' || (filter === 'overdue' ? i.overdue : (i.status === 'todo' || i.status === 'in_progress') && (filter === 'open' || i.severity === 'blocking'));
    const out: { key: string; title: string; subtitle: string; items: ChecklistItem[] }[] = [];
    const general = view.items.filter((i) => !i.partnerId && keep(i));
    out.push({ key: 'project', title: t('risk.group.project'), subtitle: t('risk.group.projectHint'), items: general });
    for (const p of view.shortlist) {
      const own = view.items.filter((i) => i.partnerId === p.partnerId);
      const kind = own[0]?.kind;
      out.push({ key: p.partnerId, title: p.name, subtitle: kind ? t(`risk.kind.${kind}`) : p.type, items: own.filter(keep) });
    }
    const orphans = view.items.filter((i) => i.partnerId && !view.shortlist.some((p) => p.partnerId === i.partnerId) && keep(i));
    if (orphans.length) out.push({ key: 'former', title: t('risk.group.former'), subtitle: t('risk.group.formerHint'), items: orphans });
    return out;
  }, [view, filter, lang]);

  const exportList = () =>
    exportTable(`${project.name} - ${t('risk.checklist')}.xlsx`, (path) => call('checklist.export', { projectId: project.id, path, lang }), (rows, path) => t('risk.exported', { rows, path }));

  if (!view) return <div className="muted">{t('common.loading')}</div>;
  const s = view.summary;
  const item = editing ? view.items.find((i) => i.id === editing) ?? null : null;
  return (
    <div>
      <div className="panel-actions">
        <button className="btn" onClick={() => void exportList()}>{t('risk.export')}</button>
        <button className="btn primary" onClick={() => setAdding(true)}>{t('risk.add')}</button>
      </div>

      <div className={`gate ${s.openBlocking ? 'closed' : 'open'}`} data-testid="gate">
        <strong>{s.openBlocking ? t('risk.gate.closed', { n: s.openBlocking, count: s.openBlocking }) : t('risk.gate.open')}</strong>
        <span>{s.openBlocking ? t('risk.gate.closedHint') : t('risk.gate.openHint')}</span>
      </div>

      <div className="risk-kpis" data-testid="risk-summary">
        <Kpi label={t('risk.score')} value={`${s.riskScore}`} unit="/100" tone={s.riskScore >= 60 ? 'danger' : s.riskScore >= 30 ? 'warn' : 'ok'} hint={t('risk.scoreHint')} />
        <Kpi label={t('risk.openBlocking')} value={String(s.openBlocking)} tone={s.openBlocking ? 'danger' : 'ok'} />
        <Kpi label={t('risk.overdue')} value={String(s.overdue)} tone={s.overdue ? 'danger' : 'ok'} />
        <Kpi label={t('risk.open')} value={String(s.open)} />
        <Kpi label={t('risk.done')} value={`${s.done}`} unit={` / ${s.total}`} />
        {s.tampered > 0 && <Kpi label={t('risk.tampered')} value={String(s.tampered)} tone="danger" />}
      </div>

      <div className="seg filter" role="group" aria-label={t('risk.filter')}>
        {(['all', 'open', 'blocking', 'overdue'] as const).map((f) => (
          <button key={f} aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {t(`risk.filter.${f}`)}
          </button>
        ))}
      </div>

      <div className="stack">
        {groups.map((g) => (
          <ChecklistGroup key={g.key} title={g.title} subtitle={g.subtitle} items={g.items} today={view.today} onEdit={setEditing} />
        ))}
      </div>

      {item && (
        <ItemDialog
          projectId={project.id}
          item={item}
          onClose={() => setEditing(null)}
          onChanged={(next) => setView(next)}
        />
      )}
      {adding && (
        <AddItemDialog
          projectId={project.id}
          shortlist={view.shortlist}
          onClose={() => setAdding(false)}
          onAdded={(next) => {
            setView(next);
            setAdding(false);
          }}
        />
      )}
    </div>
  );
}

function Kpi({ label, value, unit, tone, hint }: { label: string; value: string; unit?: string; tone?: 'ok' | 'warn' | 'danger'; hint?: string }) {
  return (
    <div className={`kpi ${tone ?? ''}`} title={hint}>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value">
        {value}
        {unit && <small>{unit}</small>}
      </span>
    </div>
  );
}
