import { useEffect, useState } from 'react';
import { ITEM_STATUSES, type ChecklistChange, type ChecklistItem, type ChecklistView, type EvidenceInfo, type ItemPatch, SEVERITIES } from '../../../../shared/checklist';
import { call, callResult } from '../../bridge';
import { messagesByField } from '../../forms';
import { useFormat, useSettings, useT } from '../../stores/settings';
import { useToasts } from '../../stores/toasts';
import { Dialog, useDiscardGuard } from '../Dialog';
import { Field } from '../Field';
import { Icon } from '../icons';

/** One checklist item: its status, severity, owner, due date and notes; its evidence files; its history. */
export function ItemDialog({ projectId, item, onClose, onChanged }: { projectId: number; item: ChecklistItem; onClose(): void; onChanged(view: ChecklistView): void }) {
  const t = useT();
  const f = useFormat();
  const { lang } = useSettings();
  const toast = useToasts((s) => s.show);
  const [initial] = useState(() => JSON.stringify({ status: item.status, severity: item.severity, owner: item.owner, due: item.due ?? '', notes: item.notes, naReason: item.naReason }));
  const [draft, setDraft] = useState({ status: item.status, severity: item.severity, owner: item.owner, due: item.due ?? '', notes: item.notes, naReason: item.naReason });
  // Closing with changes asks first (Escape, the backdrop, Cancel).
  const guard = useDiscardGuard(JSON.stringify(draft) !== initial, onClose);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [history, setHistory] = useState<ChecklistChange[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => void call('checklist.history', { projectId, itemId: item.id }).then(setHistory), [projectId, item.id, item.updatedAt, item.evidence.length]);

  const save = async () => {
    const patch: ItemPatch = { ...draft, due: draft.due.trim() ? draft.due.trim() : null };
    setBusy(true);
    const result = await callResult('checklist.set', { projectId, itemId: item.id, patch });
    setBusy(false);
    if (!result.ok) {
      return setErrors(messagesByField(result.error.issues ?? [{ path: '', message: result.error.message }], t, 'patch.'));
    }
    onChanged(result.value);
    onClose();
  };

  const addEvidence = async () => {
    const picked = await call('dialogs.open', { purpose: 'evidence' });
    if (!picked.path) return;
    const result = await callResult('checklist.addEvidence', { projectId, itemId: item.id, path: picked.path });
    if (!result.ok) return toast(result.error.message, { tone: 'error' });
    onChanged(result.value);
  };
  const openEvidence = async (sha256: string, receivedFrom: EvidenceInfo['receivedFrom']) => {
    const result = await callResult('checklist.openEvidence', { projectId, itemId: item.id, sha256 });
    if (!result.ok) toast(result.error.message, { tone: 'error' });
    else if (receivedFrom) toast(t('risk.evidenceOpenedReceived', { file: receivedFrom.file }));
  };
  const origin = (r: NonNullable<EvidenceInfo['receivedFrom']>) => t('risk.evidenceReceivedHint', { file: r.file, date: r.exportedAt ? f.dateTime(r.exportedAt) : '—' });

  const set = <K extends keyof typeof draft>(key: K, value: (typeof draft)[K]) => setDraft((d) => ({ ...d, [key]: value }));
  return (
    <Dialog
      title={item.title[lang]}
      wide
      onClose={guard.close}
      notice={guard.notice}
      footer={
        <>
          <button className="btn" onClick={guard.close}>{t('common.cancel')}</button>
          <button className="btn primary" disabled={busy} onClick={() => void save()}>{t('common.save')}</button>
        </>
      }
    >
      <p className="item-detail">{item.detail[lang]}</p>
      {item.partnerName && <p className="muted small">{t('risk.forPartner', { name: item.partnerName })}</p>}
      {errors._ && <p className="error" role="alert">{errors._}</p>}
      <div className="form-grid">
        <Field id="item-status" label={t('risk.col.status')} error={errors.status}>
          <select id="item-status" className="input" value={draft.status} onChange={(e) => set('status', e.target.value as typeof draft.status)}>
            {ITEM_STATUSES.map((s) => <option key={s} value={s}>{t(`itemStatus.${s}`)}</option>)}
          </select>
        </Field>
        <Field id="item-severity" label={t('risk.col.severity')} error={errors.severity}>
          <select id="item-severity" className="input" value={draft.severity} onChange={(e) => set('severity', e.target.value as typeof draft.severity)}>
            {SEVERITIES.map((s) => <option key={s} value={s}>{t(`severity.${s}`)}</option>)}
          </select>
        </Field>
        <Field id="item-owner" label={t('risk.col.owner')} error={errors.owner}>
          <input id="item-owner" className="input" value={draft.owner} maxLength={80} onChange={(e) => set('owner', e.target.value)} />
        </Field>
        <Field id="item-due" label={t('risk.col.due')} error={errors.due}>
          <input id="item-due" className="input" type="date" value={draft.due} onChange={(e) => set('due', e.target.value)} aria-invalid={!!errors.due} />
        </Field>
        {draft.status === 'na' && (
          <Field id="item-na" label={t('risk.naReason')} error={errors.naReason} wide>
            <input id="item-na" className="input" value={draft.naReason} maxLength={400} onChange={(e) => set('naReason', e.target.value)} aria-invalid={!!errors.naReason} />
          </Field>
        )}
        <Field id="item-notes" label={t('risk.notes')} error={errors.notes} wide>
          <textarea id="item-notes" className="input" value={draft.notes} maxLength={4000} onChange={(e) => set('notes', e.target.value)} />
        </Field>
      </div>

      <h3 className="sub">{t('risk.evidence')}</h3>
      <ul className="evidence">
        {item.evidence.map((e) => (
          <li key={e.sha256} className={e.intact ? '' : 'tampered'}>
            <button className="link" onClick={() => void openEvidence(e.sha256, e.receivedFrom)} disabled={!e.intact}><Icon name="clip" className="inline-icon" /> {e.name}</button>
            <span className="muted small">{e.size < 1024 ? `${e.size} B` : `${(e.size / 1024).toFixed(1)} KB`} · SHA-256 {e.sha256.slice(0, 12)}… · {f.dateTime(e.addedAt)}</span>
            {!e.intact && <span className="badge sev-blocking">{t('risk.evidenceChanged')}</span>}
            {e.receivedFrom && (
              <span className="badge evidence-received" data-testid="evidence-received" title={origin(e.receivedFrom)}>
                {t('risk.evidenceReceived')}
              </span>
            )}
            {e.receivedFrom && <p className="evidence-origin small">{origin(e.receivedFrom)}</p>}
          </li>
        ))}
        {item.evidence.length === 0 && <li className="muted small">{t('risk.noEvidence')}</li>}
      </ul>
      <div>
        <button className="btn small" onClick={() => void addEvidence()}>{t('risk.addEvidence')}</button>
      </div>

      <h3 className="sub">{t('risk.history')}</h3>
      <ol className="history" data-testid="history">
        {history.length === 0 && <li className="muted small">{t('risk.noHistory')}</li>}
        {history.slice().reverse().map((h, n) => (
          <li key={n}>
            <span className="muted small">{f.dateTime(h.at)} · {h.who}</span> {t('risk.changed', { field: t(`risk.field.${h.field}`), from: shown(h.field, h.from, t), to: shown(h.field, h.to, t) })}
          </li>
        ))}
      </ol>
    </Dialog>
  );
}

function shown(field: string, value: string, t: (k: string) => string): string {
  if (!value) return '—';
  if (field === 'status') return t(`itemStatus.${value}`);
  if (field === 'severity') return t(`severity.${value}`);
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}
