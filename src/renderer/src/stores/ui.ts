import { create } from 'zustand';

/** Dialogs that the menu and shortcuts open from anywhere. */
interface UiState {
  createOpen: boolean;
  aboutOpen: boolean;
  set(patch: Partial<Pick<UiState, 'createOpen' | 'aboutOpen'>>): void;
}

export const useUi = create<UiState>((set) => ({
  createOpen: false,
  aboutOpen: false,
  set: (patch) => set(patch),
}));
