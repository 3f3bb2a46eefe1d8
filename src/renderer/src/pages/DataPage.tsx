import { useCallback, useEffect, useState } from 'react';
import type { AudienceFilter, DatasetInfo, ImportNote, ImportPreview, ImportResult, Rejection } from '../../../shared/data';
import { importNoteText } from '../components/data/importNote';
import { DATASET_KINDS, type DatasetKind } from '../../../shared/project';
import { call, CallError } from '../bridge';
import { ColumnProfiles } from '../components/data/ColumnProfiles';
import { AudienceFilterBar } from '../components/data/AudienceFilterBar';
import { DatasetTable } from '../components/data/DatasetTable';
import { ImportDialog } from '../components/data/ImportDialog';
import { waitForJob } from '../stores/jobWait';
import { useProject } from '../stores/project';
import { useFormat, useSettings, useT } from '../stores/settings';
import { useToasts } from '../stores/toasts';

/**
 * The Data page: every dataset kind with its rows, source and import time; import through
 * the mapping dialog; the chosen dataset's column profiles and its rows in a virtualised
 * table; the rejected rows of the last import, which can be saved as CSV or XLSX.
 */
export default function DataPage() {
  const t = useT();
  const f = useFormat();
  const lang = useSettings((s) => s.lang);
  const project = useProject((s) => s.project)!;
  const reloadProject = useProject((s) => s.load);
  const toast = useToasts((s) => s.show);
  const [datasets, setDatasets] = useState<DatasetInfo[]>([]);
  const [selected, setSelected] = useState<DatasetKind | null>(null);
  const [importing, setImporting] = useState<{ kind: DatasetKind; preview: ImportPreview } | null>(null);
  const [rejected, setRejected] = useState<{ kind: DatasetKind; rows: Rejection[]; total: number; written: boolean; columns: string[]; notes: ImportNote[] } | null>(null);

  const refresh = useCallback(async () => {
    const list = await call('datasets.list', { projectId: project.id });
    setDatasets(list);
    setSelected((s) => s ?? list[0]?.kind ?? null);
  }, [project.id]);
  useEffect(() => void refresh(), [refresh]);

  const fail = (e: unknown) => toast(e instanceof CallError ? e.message : String(e), { tone: 'error' });

  const startImport = async (kind: DatasetKind, path?: string, sheet?: string) => {
    try {
      const file = path ?? (await call('dialogs.open', { purpose: 'importTable' })).path;
      if (!file) return;
      const preview = await call('imports.preview', { projectId: project.id, kind, path: file, sheet });
      setImporting({ kind, preview });
    } catch (e) {
      fail(e);
    }
  };

  const finished = async (kind: DatasetKind, result: ImportResult) => {
    setImporting(null);
    setRejected({ kind, rows: result.rejected, total: result.rejectedTotal, written: result.written, columns: result.columns, notes: result.notes });
    toast(
      result.written
        ? t('import.done', { rows: result.rowsImported, read: result.rowsRead, rejected: result.rowsRejected })
        : t('import.strictRefused', { rejected: result.rowsRejected }),
      { tone: result.written ? 'info' : 'error' },
    );
    setSelected(kind);
    await refresh();
    await reloadProject(project.id);
  };

  const exportDataset = async (kind: DatasetKind) => {
    try {
      const path = (await call('dialogs.save', { purpose: 'exportTable', defaultName: `${project.name}-${kind}.csv` })).path;
      if (!path) return;
      const job = await call('jobs.start', { kind: 'datasetExport', projectId: project.id, dataset: kind, path });
      const ended = await waitForJob(job.id);
      if (ended.state === 'done') toast(t('data.exported', { path }));
      else if (ended.state === 'failed') toast(ended.error ?? '', { tone: 'error' });
    } catch (e) {
      fail(e);
    }
  };

  const showRejected = async (kind: DatasetKind) => {
    const info = datasets.find((d) => d.kind === kind);
    const rows = await call('datasets.rejected', { projectId: project.id, kind });
    setRejected({ kind, rows, total: info?.lastImport?.rejectedTotal ?? rows.length, written: true, columns: [], notes: [] });
  };

  const saveReport = async () => {
    if (!rejected) return;
    try {
      const path = (await call('dialogs.save', { purpose: 'exportTable', defaultName: `${project.name}-${rejected.kind}-rejected.csv` })).path;
      if (!path) return;
      await call('reports.saveRejected', { path, rejected: rejected.rows });
      toast(t('data.exported', { path }));
    } catch (e) {
      fail(e);
    }
  };

  const byKind = new Map(datasets.map((d) => [d.kind, d]));
  const current = selected ? byKind.get(selected) : undefined;
  // A filter belongs to one audience as imported: a new import or another kind clears it.
  const [filter, setFilter] = useState<AudienceFilter | null>(null);
  const [matched, setMatched] = useState<number | null>(null);
  useEffect(() => setFilter(null), [current?.kind, current?.importedAt]);
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('data.title')}</h1>
        <p>{t('data.lead')}</p>
      </div>
      <div className="datasets-grid" data-testid="datasets">
        {DATASET_KINDS.map((kind) => {
          const d = byKind.get(kind);
          return (
            <div
              key={kind}
              className={`dcard${d ? '' : ' emptyset'}`}
              role="button"
              tabIndex={0}
              aria-pressed={selected === kind}
              data-kind={kind}
              onClick={() => d && setSelected(kind)}
              onKeyDown={(e) => e.key === 'Enter' && d && setSelected(kind)}
            >
              <h3>{t(`dataset.${kind}`)}</h3>
              <span className="rows">{d ? f.number(d.rows) : '—'}</span>
              <span className="src" title={d?.source ?? ''}>
                {d ? `${d.source ?? ''} · ${d.importedAt ? f.dateTime(d.importedAt) : ''}` : t('data.notImported')}
              </span>
              {d?.lastImport && d.lastImport.rejectedTotal > 0 && (
                <button
                  className="btn ghost small"
                  onClick={(e) => {
                    e.stopPropagation();
                    void showRejected(kind);
                  }}
                >
                  {t('data.rejectedCount', { count: d.lastImport.rejectedTotal })}
                </button>
              )}
              <div className="actions">
                <button
                  className="btn small"
                  data-testid={`import-${kind}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    void startImport(kind);
                  }}
                >
                  {t('data.import')}
                </button>
                {d && (
                  <button
                    className="btn ghost small"
                    onClick={(e) => {
                      e.stopPropagation();
                      void exportDataset(kind);
                    }}
                  >
                    {t('data.export')}
                  </button>
                )}
              </div>
            </div>
          );
        })}
      </div>

      {rejected && (
        <section className="card" data-testid="rejected" style={{ marginBottom: 18 }}>
          <header>
            <h2>{t(rejected.written ? 'data.rejectedTitle' : 'data.rejectedStrict', { count: rejected.total, kind: t(`dataset.${rejected.kind}`) })}</h2>
            <div className="toolbar">
              {rejected.rows.length > 0 && (
                <button className="btn small" onClick={() => void saveReport()}>
                  {t('data.saveReport')}
                </button>
              )}
              <button className="btn ghost small" onClick={() => setRejected(null)}>
                {t('common.close')}
              </button>
            </div>
          </header>
          <div className="body rejected">
            {rejected.columns.length > 0 && (
              <p className="import-columns" data-testid="import-columns">
                {t('data.importedColumns', { columns: rejected.columns.join(' · ') })}
              </p>
            )}
            {rejected.notes.length > 0 && (
              <ul className="import-notes" data-testid="import-notes">
                {rejected.notes.map((n, i) => (
                  <li key={i}>{importNoteText(t, n)}</li>
                ))}
              </ul>
            )}
            {rejected.rows.length === 0 ? (
              <p className="muted">{t('data.noRejected')}</p>
            ) : (
              <table className="data">
                <thead>
                  <tr>
                    <th className="num">{t('data.line')}</th>
                    <th>{t('import.column')}</th>
                    <th>{t('data.value')}</th>
                    <th>{t('data.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rejected.rows.slice(0, 500).map((r, i) => (
                    <tr key={i}>
                      <td className="num">{r.row}</td>
                      <td>{r.column}</td>
                      <td>{r.value}</td>
                      {/* English keeps the importer's precise wording; other languages name the kind of problem. */}
                      <td>{lang === 'en' ? r.reason : t(`reject.${r.code}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </section>
      )}

      {current ? (
        <section className="card">
          <header>
            <h2>
              {t(`dataset.${current.kind}`)} · {t('data.rowsCount', { count: current.rows === 1 ? 1 : f.number(current.rows) })}
            </h2>
            {current.mapping && (
              <details className="mapping-summary">
                <summary className="muted">{t('data.mappingSummary', { count: Object.values(current.mapping).filter((v) => v !== 'ignore').length })}</summary>
                <ul>
                  {Object.entries(current.mapping).map(([column, field]) => (
                    <li key={column}>
                      <b>{column}</b> → {field === 'ignore' ? t('import.ignore') : field}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </header>
          <div className="body">
            {current.profile && <ColumnProfiles columns={current.profile.columns} />}
            {current.kind === 'audience' && current.profile && (
              <AudienceFilterBar key={`${current.importedAt}`} columns={current.profile.columns} filter={filter} matched={matched} total={current.rows} onChange={setFilter} />
            )}
            <DatasetTable
              projectId={project.id}
              kind={current.kind}
              total={current.rows}
              version={current.importedAt ?? ''}
              filter={current.kind === 'audience' ? filter : null}
              onMatched={setMatched}
            />
          </div>
        </section>
      ) : (
        <div className="empty">
          <p>{t('data.none')}</p>
        </div>
      )}

      {importing && (
        <ImportDialog
          projectId={project.id}
          kind={importing.kind}
          preview={importing.preview}
          onClose={() => setImporting(null)}
          onDone={(r) => void finished(importing.kind, r)}
          onSheet={(sheet) => void startImport(importing.kind, importing.preview.path, sheet)}
        />
      )}
    </div>
  );
}
