import { lazy, Suspense, useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/appInfo';
import type { MenuCommand } from '../../shared/events';
import { translate as translateNow } from '../../shared/i18n';
import { call, hostKind, onEvent } from './bridge';
import { AboutDialog } from './components/AboutDialog';
import { OpenConflictDialog } from './components/OpenConflictDialog';
import { exportProjectFile, openProjectFile } from './projectFileFlow';
import { CreateProjectDialog } from './components/CreateProjectDialog';
import { LibraryErrorScreen } from './components/LibraryErrorScreen';
import { Sidebar } from './components/Sidebar';
import { StatusBar } from './components/StatusBar';
import { Toasts } from './components/Toasts';
import { useJobs } from './stores/jobs';
import { useLibrary } from './stores/library';
import { useProject } from './stores/project';
import { useRouter } from './stores/router';
import { useSettings, useT } from './stores/settings';
import { useToasts } from './stores/toasts';
import { useUi } from './stores/ui';
import { TableExportHost } from './components/TableExport';

// Pages load on demand, so the first screen stays small (echarts comes with the overview).
const LibraryPage = lazy(() => import('./pages/LibraryPage'));
const OverviewPage = lazy(() => import('./pages/OverviewPage'));
const DataPage = lazy(() => import('./pages/DataPage'));
const AudiencePage = lazy(() => import('./pages/AudiencePage'));
const RiskPage = lazy(() => import('./pages/RiskPage'));
const PartnersPage = lazy(() => import('./pages/PartnersPage'));
const PlanPage = lazy(() => import('./pages/PlanPage'));
const ForecastPage = lazy(() => import('./pages/ForecastPage'));
const ReportPage = lazy(() => import('./pages/ReportPage'));

export function App() {
  const t = useT();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const { lang, theme } = useSettings();
  const { page, projectId, navigate } = useRouter();
  const project = useProject((s) => s.project);
  const projectError = useProject((s) => s.error);
  const ui = useUi();

  useEffect(() => {
    void call('app.info', {}).then(setInfo);
    void useSettings.getState().load();
    void useJobs.getState().load();
  }, []);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.lang = lang;
    document.title = project && page !== 'projects' ? `${project.name} — Tandem` : 'Tandem';
  }, [theme, lang, project, page]);

  useEffect(() => {
    if (projectId !== null && project?.id !== projectId) void useProject.getState().load(projectId);
  }, [projectId, project?.id]);

  useEffect(() => listenMenuCommands(), []);
  useEffect(() => listenJobNotices(), []);

  if (info && !info.library.ok) return <LibraryErrorScreen info={info} />;

  let content;
  if (page === 'projects' || projectId === null) content = <LibraryPage />;
  else if (projectError && !project) content = <div className="page"><p className="muted">{projectError}</p></div>;
  else if (!project || project.id !== projectId) content = <div className="page muted">{t('common.loading')}</div>;
  else if (page === 'overview') content = <OverviewPage key={project.id} />;
  else if (page === 'data') content = <DataPage />;
  else if (page === 'audience') content = <AudiencePage key={project.id} />;
  else if (page === 'risk') content = <RiskPage key={project.id} />;
  else if (page === 'partners') content = <PartnersPage key={project.id} />;
  else if (page === 'plan') content = <PlanPage key={project.id} />;
  else if (page === 'forecast') content = <ForecastPage key={project.id} />;
  else content = <ReportPage key={project.id} />;

  return (
    <div className="frame">
      <Sidebar />
      <main className="main">
        <Suspense fallback={<div className="page muted">{t('common.loading')}</div>}>{content}</Suspense>
      </main>
      <StatusBar info={info} />
      <Toasts />
      <TableExportHost />
      {ui.createOpen && (
        <CreateProjectDialog
          onClose={() => ui.set({ createOpen: false })}
          onCreated={(id) => {
            ui.set({ createOpen: false });
            navigate('overview', id);
          }}
        />
      )}
      {ui.aboutOpen && info && <AboutDialog info={info} onClose={() => ui.set({ aboutOpen: false })} />}
      {ui.openConflict && <OpenConflictDialog summary={ui.openConflict} />}
    </div>
  );
}

/** Menu commands from main, and the same shortcuts in the browser host (no native menu there). */
function listenMenuCommands(): () => void {
  const run = (c: MenuCommand) => {
    switch (c.command) {
      case 'newProject':
        useUi.getState().set({ createOpen: true });
        break;
      case 'about':
        useUi.getState().set({ aboutOpen: true });
        break;
      case 'openProjectFile':
        void openProjectFile(c.path);
        break;
      case 'exportProject':
        void exportProjectFile();
        break;
    }
  };
  const off = onEvent('menu', run);
  // A .tandem file dropped anywhere on the window opens like File ▸ Open.
  const onDragOver = (e: DragEvent) => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  };
  const onDrop = (e: DragEvent) => {
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    e.preventDefault();
    const path = window.tandem.pathForFile(file);
    if (path && /\.tandem$/i.test(path)) void openProjectFile(path);
  };
  window.addEventListener('dragover', onDragOver);
  window.addEventListener('drop', onDrop);
  const onKey = (e: KeyboardEvent) => {
    if (hostKind() !== 'browser' || !(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    const command = key === 'n' ? 'newProject' : key === 'o' ? 'openProjectFile' : key === 'e' ? 'exportProject' : null;
    if (command) {
      e.preventDefault();
      run({ command } as MenuCommand);
    }
  };
  window.addEventListener('keydown', onKey);
  return () => {
    off();
    window.removeEventListener('keydown', onKey);
    window.removeEventListener('dragover', onDragOver);
    window.removeEventListener('drop', onDrop);
  };
}

/** Tells the user how a job ended; a finished demo opens on its overview. */
function listenJobNotices(): () => void {
  return onEvent('job', (job) => {
    const { lang } = useSettings.getState();
    const toast = useToasts.getState().show;
    if (job.state === 'cancelled') toast(translateNow(lang, 'job.cancelled'));
    if (job.state === 'failed') toast(translateNow(lang, 'job.failed', { error: job.error ?? '' }), { tone: 'error' });
    if (job.state === 'done' && job.kind === 'demo') {
      void useLibrary.getState().refresh();
      const id = (job.result as { projectId?: number } | null)?.projectId;
      if (id && useRouter.getState().page === 'projects') useRouter.getState().navigate('overview', id);
    }
  });
}
