import { create } from 'zustand';

/** An item another page asked to open (a link from the overview's refusal to a checklist item). */
export const useFocus = create<{ item: string | null; focusItem(id: string | null): void }>((set) => ({
  item: null,
  focusItem: (item) => set({ item }),
}));
