import { useState } from 'react';
import type { ChecklistView } from '../../../../shared/checklist';
import type { Licence, RightsRegister } from '../../../../shared/rights';
import { callResult } from '../../bridge';
import { messagesByField, parseNumberInput } from '../../forms';
import { useT } from '../../stores/settings';
import { Dialog, useDiscardGuard } from '../Dialog';
import { Field } from '../Field';

const list = (s: string) => s.split(/[,，、;；]/).map((x) => x.trim()).filter(Boolean);

/** A licence of the register: partner, licensor, asset, places, uses, window, exclusivity, fee. */
export function LicenceDialog({ projectId, licence, shortlist, onClose, onSaved }: { projectId: number; licence: Licence | null; shortlist: ChecklistView['shortlist']; onClose(): void; onSaved(r: RightsRegister): void }) {
  const t = useT();
  const [d, setD] = useState({
    partnerId: licence?.partnerId ?? shortlist[0]?.partnerId ?? '',
    licensor: licence?.licensor ?? '',
    asset: licence?.asset ?? '',
    territory: licence?.territory.join(', ') ?? '',
    channels: licence?.channels.join(', ') ?? '',
    start: licence?.start ?? '',
    end: licence?.end ?? '',
    exclusive: licence?.exclusive ?? false,
    fee: licence ? String(licence.fee) : '0',
    notes: licence?.notes ?? '',
  });
  const [initial] = useState(() => JSON.stringify(d));
  // Closing with changes asks first (Escape, the backdrop, Cancel).
  const guard = useDiscardGuard(JSON.stringify(d) !== initial, onClose);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof typeof d>(k: K, v: (typeof d)[K]) => setD((x) => ({ ...x, [k]: v }));
  const save = async () => {
    const fee = parseNumberInput(d.fee);
    if ('invalid' in fee || fee.value === null) return setErrors({ fee: t('validation.number') });
    const result = await callResult('rights.save', {
      projectId,
      licence: { ...(licence ? { id: licence.id } : {}), partnerId: d.partnerId, licensor: d.licensor, asset: d.asset, territory: list(d.territory), channels: list(d.channels), start: d.start, end: d.end, exclusive: d.exclusive, fee: fee.value, notes: d.notes },
    });
    if (!result.ok) return setErrors(messagesByField(result.error.issues ?? [{ path: '', message: result.error.message }], t, 'licence.'));
    onSaved(result.value);
  };
  const input = (k: 'licensor' | 'asset' | 'territory' | 'channels' | 'notes', id: string, hint?: string) => (
    <Field id={id} label={t(`rights.field.${k}`)} error={errors[k]} hint={hint} wide={k === 'asset' || k === 'notes'}>
      <input id={id} className="input" value={d[k]} onChange={(e) => set(k, e.target.value)} aria-invalid={!!errors[k]} />
    </Field>
  );
  return (
    <Dialog
      title={licence ? t('rights.edit', { id: licence.id }) : t('rights.add')}
      onClose={guard.close}
      notice={guard.notice}
      wide
      footer={
        <>
          <button className="btn" onClick={guard.close}>{t('common.cancel')}</button>
          <button className="btn primary" onClick={() => void save()}>{t('common.save')}</button>
        </>
      }
    >
      {errors._ && <p className="error" role="alert">{errors._}</p>}
      <div className="form-grid">
        <Field id="lic-partner" label={t('rights.col.partner')} error={errors.partnerId}>
          <select id="lic-partner" className="input" value={d.partnerId} onChange={(e) => set('partnerId', e.target.value)}>
            {shortlist.map((p) => <option key={p.partnerId} value={p.partnerId}>{p.name}</option>)}
          </select>
        </Field>
        {input('licensor', 'lic-licensor')}
        {input('asset', 'lic-asset')}
        {input('territory', 'lic-territory', t('rights.listHint'))}
        {input('channels', 'lic-channels', t('rights.listHint'))}
        <Field id="lic-start" label={t('rights.field.start')} error={errors.start}>
          <input id="lic-start" className="input" type="date" value={d.start} onChange={(e) => set('start', e.target.value)} aria-invalid={!!errors.start} />
        </Field>
        <Field id="lic-end" label={t('rights.field.end')} error={errors.end}>
          <input id="lic-end" className="input" type="date" value={d.end} onChange={(e) => set('end', e.target.value)} aria-invalid={!!errors.end} />
        </Field>
        <Field id="lic-fee" label={t('rights.col.fee')} error={errors.fee}>
          <input id="lic-fee" className="input" inputMode="decimal" value={d.fee} onChange={(e) => set('fee', e.target.value)} aria-invalid={!!errors.fee} />
        </Field>
        <Field id="lic-exclusive" label={t('rights.exclusive')}>
          <label className="check">
            <input id="lic-exclusive" type="checkbox" checked={d.exclusive} onChange={(e) => set('exclusive', e.target.checked)} /> {t('rights.exclusiveHint')}
          </label>
        </Field>
        {input('notes', 'lic-notes')}
      </div>
    </Dialog>
  );
}
