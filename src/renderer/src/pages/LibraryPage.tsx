import { useEffect, useState } from 'react';
import type { ProjectSummary } from '../../../shared/project';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { Icon } from '../components/icons';
import { CallError } from '../bridge';
import { messagesByField } from '../forms';
import { useJobs } from '../stores/jobs';
import { type SortKey, useLibrary } from '../stores/library';
import { useRouter } from '../stores/router';
import { useFormat, useT } from '../stores/settings';
import { useToasts } from '../stores/toasts';
import { useUi } from '../stores/ui';

const SORTS: SortKey[] = ['recent', 'updated', 'name', 'status', 'budget'];

/** The project library: search, sort, create, rename, duplicate, trash and restore. */
export default function LibraryPage() {
  const t = useT();
  const lib = useLibrary();
  const { trash: showTrash, showTrash: setShowTrash, navigate } = useRouter();
  const toast = useToasts((s) => s.show);
  const demoRunning = useJobs((s) => Object.values(s.jobs).some((j) => j.kind === 'demo' && j.state === 'running'));
  const [renaming, setRenaming] = useState<ProjectSummary | null>(null);
  const [confirmEmpty, setConfirmEmpty] = useState(false);

  useEffect(() => {
    void lib.refresh();
  }, []);

  const guard = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (e) {
      toast(t('common.error', { message: (e as Error).message }), { tone: 'error' });
    }
  };
  const remove = (p: ProjectSummary) =>
    guard(async () => {
      await lib.remove(p.id);
      toast(t('library.deleted', { name: p.name }), {
        action: { label: t('common.restore'), run: () => void guard(() => lib.restore(p.id)) },
      });
    });
  const restore = (p: ProjectSummary) =>
    guard(async () => {
      await lib.restore(p.id);
      toast(t('library.restored', { name: p.name }));
    });

  const list = showTrash ? lib.trash : lib.projects;
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{showTrash ? t('library.trash') : t('library.title')}</h1>
          {!showTrash && lib.loaded && <p>{t('library.subtitle', { count: lib.projects.length })}</p>}
        </div>
        <div className="toolbar">
          {showTrash ? (
            <>
              <button className="btn ghost" onClick={() => setShowTrash(false)}>
                <Icon name="back" className="icon" />
                {t('library.backToProjects')}
              </button>
              <button className="btn danger" disabled={lib.trash.length === 0} onClick={() => setConfirmEmpty(true)}>
                {t('library.emptyTrash')}
              </button>
            </>
          ) : (
            <>
              <input
                className="input search"
                type="search"
                placeholder={t('library.searchPlaceholder')}
                aria-label={t('common.search')}
                value={lib.search}
                onChange={(e) => lib.setSearch(e.target.value)}
              />
              <select className="input" style={{ width: 'auto' }} aria-label={t('library.sort')} value={lib.sort} onChange={(e) => lib.setSort(e.target.value as SortKey)}>
                {SORTS.map((s) => (
                  <option key={s} value={s}>
                    {t(`library.sort.${s}`)}
                  </option>
                ))}
              </select>
              <button className="btn" onClick={() => setShowTrash(true)}>
                <Icon name="trash" className="icon" />
                {t('library.trashCount', { count: lib.trash.length })}
              </button>
              <button className="btn primary" onClick={() => useUi.getState().set({ createOpen: true })}>
                <Icon name="plus" className="icon" />
                {t('library.new')}
              </button>
            </>
          )}
        </div>
      </div>

      {lib.loaded && list.length === 0 && (
        <div className="empty card">
          <div className="art">
            <Icon name={showTrash ? 'trash' : 'sparkle'} />
          </div>
          {showTrash ? (
            <p>{t('library.trashEmpty')}</p>
          ) : lib.search ? (
            <p>{t('library.noMatch', { query: lib.search })}</p>
          ) : (
            <>
              <p>{t('library.empty')}</p>
              <div className="toolbar">
                <button className="btn primary" onClick={() => useUi.getState().set({ createOpen: true })}>
                  {t('library.new')}
                </button>
                <button className="btn" disabled={demoRunning} onClick={() => void guard(() => useJobs.getState().startDemo())}>
                  {t('library.createDemo')}
                </button>
              </div>
            </>
          )}
        </div>
      )}

      <div className="projects">
        {list.map((p) => (
          <ProjectCard
            key={p.id}
            project={p}
            trashed={showTrash}
            onOpen={() => navigate('overview', p.id)}
            onRename={() => setRenaming(p)}
            onDuplicate={() => guard(() => lib.duplicate(p.id, t('library.copySuffix')))}
            onDelete={() => void remove(p)}
            onRestore={() => void restore(p)}
          />
        ))}
      </div>

      {renaming && <RenameDialog project={renaming} onClose={() => setRenaming(null)} />}
      {confirmEmpty && (
        <Dialog
          role="alertdialog"
          title={t('library.emptyTrashConfirmTitle')}
          onClose={() => setConfirmEmpty(false)}
          footer={
            <>
              <button className="btn" onClick={() => setConfirmEmpty(false)}>
                {t('common.cancel')}
              </button>
              <button
                className="btn danger solid"
                onClick={() =>
                  void guard(async () => {
                    const n = await lib.emptyTrash();
                    setConfirmEmpty(false);
                    toast(t('library.purged', { count: n }));
                  })
                }
              >
                {t('library.emptyTrash')}
              </button>
            </>
          }
        >
          <p>{t('library.emptyTrashConfirm', { count: lib.trash.length })}</p>
        </Dialog>
      )}
    </div>
  );
}

interface CardProps {
  project: ProjectSummary;
  trashed: boolean;
  onOpen(): void;
  onRename(): void;
  onDuplicate(): void;
  onDelete(): void;
  onRestore(): void;
}

function ProjectCard({ project: p, trashed, onOpen, onRename, onDuplicate, onDelete, onRestore }: CardProps) {
  const t = useT();
  const f = useFormat();
  const stop = (fn: () => void) => (e: React.MouseEvent) => {
    e.stopPropagation();
    fn();
  };
  return (
    <article
      className={`card pcard${trashed ? ' trashed' : ''}`}
      data-testid="project-card"
      data-project-id={p.id}
      onClick={trashed ? undefined : onOpen}
      tabIndex={trashed ? undefined : 0}
      onKeyDown={(e) => !trashed && e.key === 'Enter' && onOpen()}
      aria-label={p.name}
    >
      <div>
        <div className="chips" style={{ marginBottom: 6 }}>
          <span className={`badge status-${p.status}`}>{t(`status.${p.status}`)}</span>
          <span className="badge">{t(`kind.${p.kind}`)}</span>
        </div>
        <h3>{p.name}</h3>
        {p.client && <div className="client">{p.client}</div>}
      </div>
      <div className="meta">
        <span>
          {t('library.budget')} <b>{f.money(p.budget, p.currency)}</b>
        </span>
        {p.startDate && p.endDate && (
          <span>
            {p.startDate} → {p.endDate}
          </span>
        )}
      </div>
      <div className="chips">
        {p.datasets.length === 0 ? (
          <span className="muted" style={{ fontSize: 12 }}>{t('library.noData')}</span>
        ) : (
          p.datasets.map((d) => (
            <span className="chip" key={d.kind}>
              {t(`dataset.${d.kind}`)} {f.number(d.rows)}
            </span>
          ))
        )}
      </div>
      <footer>
        <span className="muted" style={{ fontSize: 12 }}>
          {trashed && p.deletedAt ? t('library.deletedOn', { date: f.date(p.deletedAt) }) : t('library.updated', { date: f.date(p.updatedAt) })}
        </span>
        <div className="actions">
          {trashed ? (
            <button className="btn small" onClick={stop(onRestore)}>
              <Icon name="restore" className="icon" />
              {t('common.restore')}
            </button>
          ) : (
            <>
              <button className="btn ghost small" title={t('common.rename')} aria-label={t('common.rename')} onClick={stop(onRename)}>
                <Icon name="edit" className="icon" />
              </button>
              <button className="btn ghost small" title={t('common.duplicate')} aria-label={t('common.duplicate')} onClick={stop(onDuplicate)}>
                <Icon name="copy" className="icon" />
              </button>
              <button className="btn ghost small" title={t('common.delete')} aria-label={t('common.delete')} onClick={stop(onDelete)}>
                <Icon name="trash" className="icon" />
              </button>
            </>
          )}
        </div>
      </footer>
    </article>
  );
}

function RenameDialog({ project, onClose }: { project: ProjectSummary; onClose(): void }) {
  const t = useT();
  const [name, setName] = useState(project.name);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    try {
      await useLibrary.getState().rename(project.id, name);
      onClose();
    } catch (e) {
      const issues = e instanceof CallError ? e.error.issues : undefined;
      setError((issues && messagesByField(issues, t, 'patch.').name) || (e as Error).message);
    }
  };
  return (
    <Dialog
      title={t('library.renameTitle')}
      onClose={onClose}
      footer={
        <>
          <button className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button className="btn primary" onClick={() => void save()}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field id="rename-name" label={t('field.name')} error={error}>
          <input id="rename-name" className="input" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!error} />
        </Field>
      </form>
    </Dialog>
  );
}
