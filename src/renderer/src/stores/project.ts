import { create } from 'zustand';
import type { Project, ProjectPatch } from '../../../shared/project';
import type { FieldIssue } from '../../../shared/result';
import { call, callResult, onEvent } from '../bridge';

interface ProjectState {
  project: Project | null;
  error: string | null;
  load(id: number): Promise<void>;
  /** Saves a patch; on refusal returns the located issues and changes nothing. */
  save(patch: ProjectPatch): Promise<FieldIssue[] | null>;
  clear(): void;
}

/** The open project. */
export const useProject = create<ProjectState>((set, get) => ({
  project: null,
  error: null,
  async load(id) {
    try {
      const project = await call('projects.open', { id });
      set({ project, error: null });
    } catch (e) {
      set({ project: null, error: (e as Error).message });
    }
  },
  async save(patch) {
    const current = get().project;
    if (!current) return null;
    const result = await callResult('projects.update', { id: current.id, patch });
    if (!result.ok) return result.error.issues ?? [{ path: '', message: result.error.message }];
    set({ project: result.value });
    return null;
  },
  clear() {
    set({ project: null, error: null });
  },
}));

onEvent('library', (e) => {
  const p = useProject.getState().project;
  if (p && (e.projectId === undefined || e.projectId === p.id)) void call('projects.get', { id: p.id }).then((project) => useProject.setState({ project }), () => {});
});
