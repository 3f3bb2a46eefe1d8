import { type ReactNode, useEffect, useRef } from 'react';

interface DialogProps {
  title: string;
  children: ReactNode;
  footer: ReactNode;
  onClose(): void;
  /** `alertdialog` for confirmations of something that cannot be undone. */
  role?: 'dialog' | 'alertdialog';
  /** A wide dialog (the mapping table). */
  wide?: boolean;
}

/** A modal dialog: Escape closes it, focus moves into it, the backdrop closes it. */
export function Dialog({ title, children, footer, onClose, role = 'dialog', wide = false }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    ref.current?.querySelector<HTMLElement>('input, select, textarea, button.primary, button')?.focus();
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={wide ? 'dialog wide' : 'dialog'} role={role} aria-modal="true" aria-label={title} ref={ref}>
        <header>
          <h2>{title}</h2>
        </header>
        <div className="body">{children}</div>
        <footer>{footer}</footer>
      </div>
    </div>
  );
}
