import { create } from 'zustand';
import type { ProjectFileSummary } from '../../../shared/contract';

/** Dialogs that the menu and shortcuts open from anywhere. */
interface UiState {
  createOpen: boolean;
  aboutOpen: boolean;
  /** A `.tandem` file whose project the library already holds: copy or replace? */
  openConflict: ProjectFileSummary | null;
  set(patch: Partial<Pick<UiState, 'createOpen' | 'aboutOpen' | 'openConflict'>>): void;
}

export const useUi = create<UiState>((set) => ({
  createOpen: false,
  aboutOpen: false,
  openConflict: null,
  set: (patch) => set(patch),
}));
