import { useEffect, useState } from 'react';
import { parseNumberInput } from '../../forms';
import { useFormat, useT } from '../../stores/settings';

/**
 * A number typed as text, shown grouped (5,000,000) once left: separators are allowed, '' is "no value"; anything else
 * is shown as wrong and never passed on, so a half-typed entry cannot reach the plan.
 */
export function NumberInput({ value, onValue, label, max, error }: { value: number | null; onValue: (v: number | null) => void; label: string; max?: number; error?: string }) {
  const t = useT();
  const f = useFormat();
  const shown = (v: number | null) => (v === null ? '' : f.number(v));
  const [text, setText] = useState(shown(value));
  const [wrong, setWrong] = useState<string | null>(null);
  useEffect(() => {
    const parsed = parseNumberInput(text);
    if (!('invalid' in parsed) && parsed.value !== value) setText(shown(value));
  }, [value]);
  const edit = (next: string) => {
    setText(next);
    const parsed = parseNumberInput(next);
    if ('invalid' in parsed) return setWrong(t('validation.number'));
    if (parsed.value !== null && parsed.value < 0) return setWrong(t('validation.nonNegative'));
    if (parsed.value !== null && max !== undefined && parsed.value > max) return setWrong(t('validation.weightRange'));
    setWrong(null);
    onValue(parsed.value);
  };
  const message = wrong ?? error;
  return (
    <span className="num-field">
      <input className="input num" inputMode="decimal" value={text} aria-label={label} aria-invalid={!!message} onChange={(e) => edit(e.target.value)} onBlur={() => !wrong && setText(shown(value))} />
      {message && <span className="error" role="alert">{message}</span>}
    </span>
  );
}
