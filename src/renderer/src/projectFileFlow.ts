import type { ProjectFileSummary } from '../../shared/contract';
import { translate } from '../../shared/i18n';
import { call, CallError } from './bridge';
import { useLibrary } from './stores/library';
import { waitForJob } from './stores/jobWait';
import { useProject } from './stores/project';
import { useRouter } from './stores/router';
import { useSettings } from './stores/settings';
import { useToasts } from './stores/toasts';
import { useUi } from './stores/ui';

/**
 * Opening and exporting `.tandem` files, from the File menu, its shortcuts, a double-clicked
 * file or a dropped one: pick the file, look at it, ask when the project is already in the
 * library, then let the job check it in a scratch copy and add it.
 */
const say = (key: string, params?: Record<string, string | number>) => translate(useSettings.getState().lang, key, params);
const toast = (text: string, tone: 'info' | 'error' = 'info') => useToasts.getState().show(text, { tone });

export async function openProjectFile(path?: string): Promise<void> {
  try {
    const file = path ?? (await call('dialogs.open', { purpose: 'projectFile' })).path;
    if (!file) return;
    const summary = await call('projectFiles.inspect', { path: file });
    if (summary.problem) return toast(say('projectFile.refused', { message: summary.problem }), 'error');
    if (summary.existing) {
      useUi.getState().set({ openConflict: summary });
      return;
    }
    await runOpen(summary, 'new');
  } catch (e) {
    toast(e instanceof CallError ? e.message : String(e), 'error');
  }
}

export async function runOpen(summary: ProjectFileSummary, as: 'new' | 'copy' | 'replace'): Promise<void> {
  useUi.getState().set({ openConflict: null });
  const job = await call('jobs.start', { kind: 'projectOpen', path: summary.path, as, copySuffix: say('library.copySuffix') });
  const ended = await waitForJob(job.id);
  if (ended.state === 'failed') return toast(say('projectFile.refused', { message: ended.error ?? '' }), 'error');
  if (ended.state !== 'done') return;
  const { projectId } = ended.result as { projectId: number };
  await useLibrary.getState().refresh();
  useRouter.getState().navigate('overview', projectId);
  toast(say('projectFile.opened', { name: summary.manifest?.projectName ?? summary.fileName }));
}

export async function exportProjectFile(): Promise<void> {
  const project = useProject.getState().project;
  if (!project) return toast(say('projectFile.noProject'));
  try {
    const safe = project.name.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'project';
    const path = (await call('dialogs.save', { purpose: 'exportProject', defaultName: `${safe}.tandem` })).path;
    if (!path) return;
    const job = await call('jobs.start', { kind: 'projectExport', projectId: project.id, path });
    const ended = await waitForJob(job.id);
    if (ended.state === 'done') toast(say('projectFile.exported', { path }));
    else if (ended.state === 'failed') toast(ended.error ?? '', 'error');
  } catch (e) {
    toast(e instanceof CallError ? e.message : String(e), 'error');
  }
}
