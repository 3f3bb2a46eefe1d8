import { useState } from 'react';
import { type ChecklistView, SEVERITIES, type Severity } from '../../../../shared/checklist';
import { callResult } from '../../bridge';
import { messagesByField } from '../../forms';
import { useT } from '../../stores/settings';
import { Dialog, useDiscardGuard } from '../Dialog';
import { Field } from '../Field';

/** A checklist item of the strategist's own, for the project or one shortlisted partner. */
export function AddItemDialog({ projectId, shortlist, onClose, onAdded }: { projectId: number; shortlist: ChecklistView['shortlist']; onClose(): void; onAdded(view: ChecklistView): void }) {
  const t = useT();
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('high');
  const [partnerId, setPartnerId] = useState('');
  const [due, setDue] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Closing with changes asks first (Escape, the backdrop, Cancel).
  const guard = useDiscardGuard(title.trim() !== '' || due !== '' || partnerId !== '', onClose);
  const submit = async () => {
    const result = await callResult('checklist.add', { projectId, title, severity, partnerId: partnerId || null, due: due || null });
    if (!result.ok) return setErrors(messagesByField(result.error.issues ?? [{ path: '', message: result.error.message }], t));
    onAdded(result.value);
  };
  return (
    <Dialog
      title={t('risk.add')}
      onClose={guard.close}
      notice={guard.notice}
      footer={
        <>
          <button className="btn" onClick={guard.close}>{t('common.cancel')}</button>
          <button className="btn primary" onClick={() => void submit()}>{t('common.create')}</button>
        </>
      }
    >
      {errors._ && <p className="error" role="alert">{errors._}</p>}
      <div className="form-grid">
        <Field id="add-title" label={t('risk.col.item')} error={errors.title} wide>
          <input id="add-title" className="input" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} aria-invalid={!!errors.title} />
        </Field>
        <Field id="add-severity" label={t('risk.col.severity')}>
          <select id="add-severity" className="input" value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
            {SEVERITIES.map((s) => <option key={s} value={s}>{t(`severity.${s}`)}</option>)}
          </select>
        </Field>
        <Field id="add-due" label={t('risk.col.due')} error={errors.due}>
          <input id="add-due" className="input" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        </Field>
        <Field id="add-partner" label={t('risk.appliesTo')} wide>
          <select id="add-partner" className="input" value={partnerId} onChange={(e) => setPartnerId(e.target.value)}>
            <option value="">{t('risk.group.project')}</option>
            {shortlist.map((p) => <option key={p.partnerId} value={p.partnerId}>{p.name}</option>)}
          </select>
        </Field>
      </div>
    </Dialog>
  );
}
