import { useCallback, useEffect, useState } from 'react';
import type { ChecklistView } from '../../../../shared/checklist';
import type { Licence, RightsRegister } from '../../../../shared/rights';
import { call, CallError } from '../../bridge';
import { useProject } from '../../stores/project';
import { useFormat, useSettings, useT } from '../../stores/settings';
import { useToasts } from '../../stores/toasts';
import { exportTable } from './exportTable';
import { LicenceDialog } from './LicenceDialog';

/**
 * The rights register: every licence with its partner, places, uses, window and fee;
 * windows ending within 90 days and exclusivity clashes between partners stand out.
 */
export function RegisterPanel() {
  const t = useT();
  const f = useFormat();
  const { lang } = useSettings();
  const project = useProject((s) => s.project)!;
  const toast = useToasts((s) => s.show);
  const [register, setRegister] = useState<RightsRegister | null>(null);
  const [shortlist, setShortlist] = useState<ChecklistView['shortlist']>([]);
  const [editing, setEditing] = useState<Licence | 'new' | null>(null);
  const fail = (e: unknown) => toast(e instanceof CallError ? e.message : String(e), { tone: 'error' });
  const load = useCallback(async () => {
    setRegister(await call('rights.get', { projectId: project.id }));
    setShortlist((await call('checklist.get', { projectId: project.id })).shortlist);
  }, [project.id]);
  useEffect(() => void load().catch(fail), [load]);

  const exportList = () =>
    exportTable(`${project.name} - ${t('rights.title')}.xlsx`, (path) => call('rights.export', { projectId: project.id, path, lang }), (rows, path) => t('risk.exported', { rows, path }));
  const remove = async (l: Licence) => {
    if (!window.confirm(t('rights.confirmDelete', { asset: l.asset }))) return;
    try {
      setRegister(await call('rights.delete', { projectId: project.id, id: l.id }));
    } catch (e) {
      fail(e);
    }
  };

  if (!register) return <div className="muted">{t('common.loading')}</div>;
  const byId = new Map(register.licences.map((l) => [l.id, l]));
  const expiring = register.licences.filter((l) => l.alert);
  const label = (l: Licence | undefined) => (l ? `#${l.id} ${l.partnerName ?? l.partnerId}` : '?');
  return (
    <div>
      <div className="panel-actions">
        <button className="btn" onClick={() => void exportList()}>{t('risk.export')}</button>
        <button className="btn primary" onClick={() => setEditing('new')} disabled={!shortlist.length}>{t('rights.add')}</button>
      </div>
      {(expiring.length > 0 || register.clashes.length > 0) && (
        <div className="gate closed" data-testid="rights-alerts">
          {expiring.length > 0 && <strong>{t('rights.expiringCount', { n: expiring.length, count: expiring.length })}</strong>}
          {register.clashes.map((c, n) => (
            <span key={n} data-testid="clash">
              {t('rights.clash', { a: label(byId.get(c.a)), b: label(byId.get(c.b)), territory: c.territory.join('、'), channels: c.channels.join('、'), from: f.day(c.from), to: f.day(c.to) })}
            </span>
          ))}
        </div>
      )}
      <section className="card">
        <div className="body">
          {register.licences.length === 0 ? (
            <p className="muted">{t('rights.none')}</p>
          ) : (
            <table className="data register" data-testid="register">
              <thead>
                <tr>
                  <th style={{ width: 40 }}>#</th>
                  <th>{t('rights.col.partner')}</th>
                  <th>{t('rights.col.asset')}</th>
                  <th>{t('rights.col.scope')}</th>
                  <th style={{ width: 200 }}>{t('rights.col.window')}</th>
                  <th className="num">{t('rights.col.fee')}</th>
                  <th style={{ width: 120 }} />
                </tr>
              </thead>
              <tbody>
                {register.licences.map((l) => {
                  const clash = register.clashes.some((c) => c.a === l.id || c.b === l.id);
                  return (
                    <tr key={l.id} data-licence={l.id} className={clash ? 'clash' : ''}>
                      <td className="muted">{l.id}</td>
                      <td>
                        <div>{l.partnerName ?? l.partnerId}</div>
                        <div className="muted small">{t('rights.licensor', { name: l.licensor })}</div>
                      </td>
                      <td>
                        {l.asset}
                        {l.exclusive && <span className="badge sev-high" style={{ marginLeft: 6 }}>{t('rights.exclusive')}</span>}
                      </td>
                      <td>
                        <div className="chips">{l.territory.map((x) => <span className="chip" key={x}>{x}</span>)}</div>
                        <div className="chips" style={{ marginTop: 4 }}>{l.channels.map((x) => <span className="chip soft" key={x}>{x}</span>)}</div>
                      </td>
                      <td>
                        <span className="nowrap">{f.day(l.start)} – {f.day(l.end)}</span>
                        {l.alert && (
                          <div className={`overdue-note ${l.alert}`}>
                            {l.alert === 'expired' ? t('rights.expired', { days: -l.daysLeft, count: -l.daysLeft }) : t('rights.endsIn', { days: l.daysLeft, count: l.daysLeft })}
                          </div>
                        )}
                      </td>
                      <td className="num">{f.money(l.fee, project.currency)}</td>
                      <td className="num nowrap">
                        <button className="btn ghost small" onClick={() => setEditing(l)}>{t('common.edit')}</button>
                        <button className="btn ghost small" onClick={() => void remove(l)}>{t('common.delete')}</button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
      </section>
      {editing && (
        <LicenceDialog
          projectId={project.id}
          licence={editing === 'new' ? null : editing}
          shortlist={shortlist}
          onClose={() => setEditing(null)}
          onSaved={(next) => {
            setRegister(next);
            setEditing(null);
          }}
        />
      )}
    </div>
  );
}
