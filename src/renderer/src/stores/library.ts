import { create } from 'zustand';
import type { Project, ProjectCreate, ProjectSummary } from '../../../shared/project';
import { call, onEvent } from '../bridge';

export type SortKey = 'recent' | 'updated' | 'name' | 'status' | 'budget';

interface LibraryState {
  projects: ProjectSummary[];
  trash: ProjectSummary[];
  search: string;
  sort: SortKey;
  loaded: boolean;
  refresh(): Promise<void>;
  setSearch(search: string): void;
  setSort(sort: SortKey): void;
  create(input: ProjectCreate): Promise<Project>;
  rename(id: number, name: string): Promise<Project>;
  duplicate(id: number, suffix: string): Promise<Project>;
  remove(id: number): Promise<void>;
  restore(id: number): Promise<Project>;
  emptyTrash(): Promise<number>;
}

/** The project library as the Projects page shows it; every change reloads from main. */
export const useLibrary = create<LibraryState>((set, get) => ({
  projects: [],
  trash: [],
  search: '',
  sort: (localStorage.getItem('tandem.sort') as SortKey | null) ?? 'recent',
  loaded: false,
  async refresh() {
    const { search, sort } = get();
    const [projects, trash] = await Promise.all([
      call('projects.list', { search, sort }),
      call('projects.list', { trash: true, sort: 'updated' }),
    ]);
    set({ projects, trash, loaded: true });
  },
  setSearch(search) {
    set({ search });
    void get().refresh();
  },
  setSort(sort) {
    localStorage.setItem('tandem.sort', sort);
    set({ sort });
    void get().refresh();
  },
  async create(input) {
    const p = await call('projects.create', input);
    await get().refresh();
    return p;
  },
  async rename(id, name) {
    const p = await call('projects.update', { id, patch: { name } });
    await get().refresh();
    return p;
  },
  async duplicate(id, suffix) {
    const p = await call('projects.duplicate', { id, suffix });
    await get().refresh();
    return p;
  },
  async remove(id) {
    await call('projects.trash', { id });
    await get().refresh();
  },
  async restore(id) {
    const p = await call('projects.restore', { id });
    await get().refresh();
    return p;
  },
  async emptyTrash() {
    const { deleted } = await call('projects.emptyTrash', { confirm: true });
    await get().refresh();
    return deleted;
  },
}));

onEvent('library', () => void useLibrary.getState().refresh());
