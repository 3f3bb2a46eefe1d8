import type { ReactNode } from 'react';

interface FieldProps {
  id: string;
  label: string;
  error?: string | null;
  hint?: string;
  wide?: boolean;
  children: ReactNode;
}

/** A labelled form field with its validation message right under it. */
export function Field({ id, label, error, hint, wide, children }: FieldProps) {
  return (
    <div className={`field${wide ? ' wide' : ''}`} data-field={id}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <span className="error" role="alert" id={`${id}-error`}>
          {error}
        </span>
      ) : hint ? (
        <span className="hint">{hint}</span>
      ) : null}
    </div>
  );
}
