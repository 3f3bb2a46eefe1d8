import { create } from 'zustand';

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
  action?: { label: string; run: () => void };
}

interface ToastState {
  toasts: Toast[];
  show(text: string, opts?: { tone?: Toast['tone']; action?: Toast['action'] }): void;
  dismiss(id: number): void;
}

let next = 1;

/** Short notices at the bottom of the window; errors stay longer. */
export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  show(text, opts = {}) {
    const toast: Toast = { id: next++, text, tone: opts.tone ?? 'info', action: opts.action };
    set({ toasts: [...get().toasts.slice(-3), toast] });
    setTimeout(() => get().dismiss(toast.id), toast.tone === 'error' ? 9000 : 6000);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));
