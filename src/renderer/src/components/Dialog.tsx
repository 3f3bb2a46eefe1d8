import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useT } from '../stores/settings';

interface DialogProps {
  title: string;
  children: ReactNode;
  footer: ReactNode;
  onClose(): void;
  /** `alertdialog` for confirmations of something that cannot be undone. */
  role?: 'dialog' | 'alertdialog';
  /** A wide dialog (the mapping table). */
  wide?: boolean;
  /** Shown above the footer: the discard question of `useDiscardGuard`. */
  notice?: ReactNode;
}

/** A modal dialog: Escape closes it, focus moves into it, the backdrop closes it. */
export function Dialog({ title, children, footer, onClose, role = 'dialog', wide = false, notice }: DialogProps) {
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
        {notice}
        <footer>{footer}</footer>
      </div>
    </div>
  );
}

/**
 * Leaving a dialog with changes asks first (Escape, the backdrop and Cancel alike), in the
 * app's own words: keep editing, or discard. `close` is what those three call.
 */
export function useDiscardGuard(dirty: boolean, onClose: () => void): { close: () => void; notice: ReactNode } {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const close = () => (dirty && !asking ? setAsking(true) : onClose());
  const notice = asking ? (
    <div className="discard-ask" role="alert" data-testid="discard-ask">
      <span>{t('dialog.discardAsk')}</span>
      <button className="btn small" onClick={() => setAsking(false)} data-testid="keep-editing">
        {t('dialog.keepEditing')}
      </button>
      <button className="btn small danger" onClick={onClose} data-testid="discard-changes">
        {t('common.discard')}
      </button>
    </div>
  ) : null;
  return { close, notice };
}
