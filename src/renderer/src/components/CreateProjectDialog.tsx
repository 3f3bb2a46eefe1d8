import { useState } from 'react';
import { PRODUCT_KINDS, type ProductKind } from '../../../shared/project';
import { callResult } from '../bridge';
import { messagesByField, parseNumberInput } from '../forms';
import { useLibrary } from '../stores/library';
import { useT } from '../stores/settings';
import { Dialog, useDiscardGuard } from './Dialog';
import { Field } from './Field';

/** New project: the few fields needed to start; the overview holds the rest. */
export function CreateProjectDialog({ onClose, onCreated }: { onClose(): void; onCreated(id: number): void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ProductKind>('course');
  const [productTitle, setProductTitle] = useState('');
  const [budget, setBudget] = useState('');
  const [currency, setCurrency] = useState('CNY');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // Closing with changes asks first (Escape, the backdrop, Cancel).
  const guard = useDiscardGuard(name.trim() !== '' || productTitle.trim() !== '' || budget.trim() !== '', onClose);

  const submit = async () => {
    const parsedBudget = parseNumberInput(budget);
    if ('invalid' in parsedBudget) return setErrors({ budget: t('validation.number') });
    setBusy(true);
    const result = await callResult('projects.create', {
      name,
      kind,
      productTitle,
      currency: currency.trim().toUpperCase(),
      ...(parsedBudget.value === null ? {} : { budget: parsedBudget.value }),
    });
    setBusy(false);
    if (!result.ok) return setErrors(messagesByField(result.error.issues ?? [{ path: '', message: result.error.message }], t));
    await useLibrary.getState().refresh();
    onCreated(result.value.id);
  };

  return (
    <Dialog
      title={t('library.createTitle')}
      onClose={guard.close}
      notice={guard.notice}
      footer={
        <>
          <button className="btn" onClick={guard.close}>
            {t('common.cancel')}
          </button>
          <button className="btn primary" disabled={busy} onClick={() => void submit()}>
            {t('common.create')}
          </button>
        </>
      }
    >
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field id="new-name" label={t('field.name')} error={errors.name} wide>
          <input id="new-name" className="input" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!errors.name} autoFocus />
        </Field>
        <Field id="new-kind" label={t('field.kind')} error={errors.kind}>
          <select id="new-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value as ProductKind)}>
            {PRODUCT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="new-title" label={t('field.productTitle')} error={errors.productTitle}>
          <input id="new-title" className="input" value={productTitle} onChange={(e) => setProductTitle(e.target.value)} />
        </Field>
        <Field id="new-budget" label={t('field.budget')} error={errors.budget}>
          <input id="new-budget" className="input" inputMode="decimal" value={budget} onChange={(e) => setBudget(e.target.value)} aria-invalid={!!errors.budget} />
        </Field>
        <Field id="new-currency" label={t('field.currency')} error={errors.currency}>
          <input id="new-currency" className="input" value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value)} aria-invalid={!!errors.currency} />
        </Field>
        {errors._ && <p className="error wide">{errors._}</p>}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
