import { useMemo, useState } from 'react';
import type { ImportPreview, ImportResult } from '../../../../shared/data';
import { IGNORE, KIND_FIELDS, type Mapping, mappingProblems, OPEN_PREFIXES, openName, timeFieldsOf } from '../../../../shared/fields';
import type { DatasetKind } from '../../../../shared/project';
import { call, CallError } from '../../bridge';
import { waitForJob } from '../../stores/jobWait';
import { useT } from '../../stores/settings';
import { Dialog } from '../Dialog';
import { importNoteText } from './importNote';

interface Props {
  projectId: number;
  kind: DatasetKind;
  preview: ImportPreview;
  onClose(): void;
  /** The import ended: its result (written or refused in strict mode). */
  onDone(result: ImportResult): void;
  /** Another sheet of the same workbook was chosen: preview it. */
  onSheet(sheet: string): void;
}

/**
 * The mapping dialog: each column of the file with its inferred type, first values and the
 * field it goes to (suggested from its header, or remembered from the last import), the
 * import options, and what is wrong with the mapping before anything is written.
 */
export function ImportDialog({ projectId, kind, preview, onClose, onDone, onSheet }: Props) {
  const t = useT();
  const [mapping, setMapping] = useState<Mapping>(() => ({ ...preview.suggested }));
  const [mode, setMode] = useState<'replace' | 'append'>('append');
  const [strict, setStrict] = useState(false);
  // The fields a column's time reading matters for (how its bare numbers become dates).
  const timeFields = useMemo(() => timeFieldsOf(kind), [kind]);
  const [dateOrder, setDateOrder] = useState<'mdy' | 'dmy'>(preview.dateOrder ?? 'mdy');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problems = useMemo(() => mappingProblems(kind, mapping), [kind, mapping]);

  const options = (column: string) => {
    const known = KIND_FIELDS[kind].map((f) => ({ value: f.name, label: `${f.name}${f.required ? ' *' : ''}` }));
    const open = OPEN_PREFIXES[kind].map((p) => ({ value: `${p}.${openName(column)}`, label: `${t(`import.prefix.${p}`)}: ${openName(column)}` }));
    const current = mapping[column];
    const extra = current && !known.some((o) => o.value === current) && !open.some((o) => o.value === current) && current !== IGNORE ? [{ value: current, label: current }] : [];
    return [...known, ...open, ...extra, { value: IGNORE, label: t('import.ignore') }];
  };

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const job = await call('jobs.start', {
        kind: 'import',
        projectId,
        dataset: kind,
        path: preview.path,
        sheet: preview.sheet ?? undefined,
        mapping,
        mode: preview.existingRows > 0 ? mode : 'replace',
        strict,
        dateOrder,
      });
      const ended = await waitForJob(job.id);
      if (ended.state === 'done') onDone(ended.result as ImportResult);
      else if (ended.state === 'failed') setError(ended.error);
      else onClose();
    } catch (e) {
      setError(e instanceof CallError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const sampleOf = (i: number) =>
    preview.rows
      .slice(0, 4)
      .map((r) => r[i] ?? '')
      .filter((v) => v !== '')
      .join(' · ');

  return (
    <Dialog
      title={t('import.title', { kind: t(`dataset.${kind}`) })}
      onClose={busy ? () => {} : onClose}
      wide
      footer={
        <>
          <button className="btn" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button className="btn primary" onClick={() => void start()} disabled={busy || problems.length > 0} data-testid="import-start">
            {busy ? t('import.running') : t('import.start')}
          </button>
        </>
      }
    >
      <div className="fileinfo">
        <span>
          {t('import.file')} <b>{preview.fileName}</b>
        </span>
        <span>
          {t('import.format')} <b>{preview.format.toUpperCase()}</b>
        </span>
        {preview.encoding && (
          <span>
            {t('import.encoding')} <b>{preview.encoding.toUpperCase()}</b>
          </span>
        )}
        {preview.delimiter && (
          <span>
            {t('import.delimiter')} <b>{preview.delimiter === '\t' ? 'Tab' : preview.delimiter}</b>
          </span>
        )}
        {preview.sheets.length > 1 && (
          <label>
            {t('import.sheet')}{' '}
            <select className="input" value={preview.sheet ?? ''} onChange={(e) => onSheet(e.target.value)}>
              {preview.sheets.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        )}
        {preview.remembered && <span>{t('import.remembered')}</span>}
      </div>
      {preview.notes.length > 0 && (
        <ul className="import-notes" data-testid="preview-notes">
          {preview.notes.map((n, i) => (
            <li key={i}>{importNoteText(t, n)}</li>
          ))}
        </ul>
      )}
      <table className="mapping" data-testid="mapping">
        <thead>
          <tr>
            <th>{t('import.column')}</th>
            <th>{t('import.inferred')}</th>
            <th>{t('import.sample')}</th>
            <th>{t('import.field')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.headers.map((h, i) => (
            <tr key={h}>
              <td>
                <b>{h}</b>
              </td>
              <td>{t(`data.type.${preview.inferred[h]}`)}</td>
              <td className="sample" title={sampleOf(i)}>
                {sampleOf(i)}
              </td>
              <td>
                <select
                  className="input"
                  aria-label={t('import.fieldFor', { column: h })}
                  value={mapping[h]}
                  onChange={(e) => setMapping({ ...mapping, [h]: e.target.value })}
                >
                  {options(h).map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
                {preview.timeReadings[h] && timeFields.has(mapping[h] ?? '') && (
                  <span className="reading small" data-testid={`reading-${h}`}>
                    {t(`import.reading.${preview.timeReadings[h]}`)}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <details className="rows-preview" open>
        <summary>{t('import.preview', { count: Math.min(5, preview.rows.length) })}</summary>
        <div className="rows-preview-scroll">
          <table className="data" data-testid="rows-preview">
            <thead>
              <tr>
                {preview.headers.map((h) => (
                  <th key={h}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.slice(0, 5).map((r, i) => (
                <tr key={i}>
                  {preview.headers.map((h, j) => (
                    <td key={h}>{r[j] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      {problems.length > 0 && (
        <ul className="problems" data-testid="mapping-problems">
          {problems.map((p, i) => (
            <li key={i}>{t(p.key, p.params)}</li>
          ))}
        </ul>
      )}
      <div className="import-options">
        {preview.existingRows > 0 && (
          <fieldset className="seg" aria-label={t('import.mode')}>
            <span>{t('import.existing', { rows: new Intl.NumberFormat().format(preview.existingRows) })}</span>
            <button aria-pressed={mode === 'append'} onClick={() => setMode('append')}>
              {t('import.mode.append')}
            </button>
            <button aria-pressed={mode === 'replace'} onClick={() => setMode('replace')}>
              {t('import.mode.replace')}
            </button>
          </fieldset>
        )}
        <label>
          <input type="checkbox" checked={strict} onChange={(e) => setStrict(e.target.checked)} /> {t('import.strict')}
        </label>
        <label>
          {t('import.dateOrder')}{' '}
          <select className="input" value={dateOrder} onChange={(e) => setDateOrder(e.target.value as 'mdy' | 'dmy')}>
            <option value="mdy">{t('import.dateOrder.mdy')}</option>
            <option value="dmy">{t('import.dateOrder.dmy')}</option>
          </select>
        </label>
      </div>
      {error && <p className="problems">{error}</p>}
    </Dialog>
  );
}
