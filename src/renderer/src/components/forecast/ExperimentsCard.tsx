import { useEffect, useState } from 'react';
import type { ExperimentsView, MmmResult } from '../../../../shared/forecast';
import { callResult, refusalText } from '../../bridge';
import { messagesByField } from '../../forms';
import { useFormat, useSettings, useT } from '../../stores/settings';
import { Field } from '../Field';
import { NumberInput } from '../plan/NumberInput';

const EMPTY = { name: '', channel: '', start: '', end: '', lift: null as number | null, standardError: null as number | null };

/**
 * Lift tests: the project's holdout and spend-change tests (imported as the `experiments`
 * kind or entered here), each beside the fit's figure for it once a fit has used it, and a
 * form to add one. A new or removed test counts from the next fit (the button refits).
 */
export function ExperimentsCard({ projectId, fit, busy, onRefit }: { projectId: number; fit: MmmResult | null; busy: boolean; onRefit: () => void }) {
  const t = useT();
  const f = useFormat();
  const { lang } = useSettings();
  const [view, setView] = useState<ExperimentsView | null>(null);
  const [draft, setDraft] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [changed, setChanged] = useState(false);
  useEffect(() => void callResult('forecast.experiments', { projectId }).then((r) => r.ok && setView(r.value)), [projectId]);
  useEffect(() => setDraft((d) => (d.channel || !view?.channels.length ? d : { ...d, channel: view.channels[0], start: view.from ?? '', end: view.from ?? '' })), [view]);
  const add = async () => {
    const missing: Record<string, string> = {};
    if (draft.lift === null) missing.lift = t('validation.required');
    if (draft.standardError === null) missing.standardError = t('validation.required');
    if (Object.keys(missing).length) return setErrors(missing);
    const r = await callResult('forecast.addExperiment', { projectId, experiment: { ...(draft.name.trim() ? { name: draft.name.trim() } : {}), channel: draft.channel, start: draft.start, end: draft.end, lift: draft.lift!, standardError: draft.standardError! } });
    if (!r.ok) return setErrors(messagesByField(r.error.issues ?? [{ path: '', message: refusalText(r.error, t) }], t, 'experiment.'));
    setView(r.value);
    setErrors({});
    setChanged(true);
    setDraft({ ...EMPTY, channel: draft.channel, start: draft.start, end: draft.end });
  };
  const remove = async (index: number) => {
    const r = await callResult('forecast.removeExperiment', { projectId, index });
    if (r.ok) (setView(r.value), setChanged(true));
  };
  const fitted = (name: string, channel: string) => fit?.calibration?.experiments.find((e) => e.name === name && e.channel === channel);
  const num = (v: number) => f.number(Math.round(v));
  // Only the tested channels: the others move by bootstrap noise alone.
  const tested = new Set(fit?.calibration?.experiments.map((e) => e.channel) ?? []);
  const narrowing = fit?.calibration ? Object.entries(fit.calibration.roiNarrowing).filter(([c]) => tested.has(c)) : [];
  return (
    <section className="card" data-testid="experiments">
      <header>
        <div><h2>{t('forecast.experiments')}</h2><p>{t('forecast.experimentsHint')}</p></div>
        {changed && fit && <button className="btn" onClick={() => (setChanged(false), onRefit())} disabled={busy} data-testid="experiments-refit">{t('forecast.refitWithTests')}</button>}
      </header>
      <div className="body">
        {view && view.experiments.length > 0 ? (
          <table className="data" data-testid="experiments-table">
            <thead>
              <tr>
                <th>{t('forecast.experimentName')}</th>
                <th>{t('forecast.channel')}</th>
                <th>{t('forecast.experimentWindow')}</th>
                <th className="num">{t('forecast.measured')}</th>
                <th className="num">{t('forecast.modelSays')}</th>
                <th className="num">{t('forecast.withoutTests')}</th>
                <th>{t('forecast.honoured')}</th>
                <th aria-label={t('common.delete')} />
              </tr>
            </thead>
            <tbody>
              {view.experiments.map((e, i) => {
                const m = fitted(e.name, e.channel);
                return (
                  <tr key={`${e.name}-${i}`}>
                    <td>{e.name}</td>
                    <td>{e.channel}</td>
                    <td>{f.day(e.start)} – {f.day(e.end)}</td>
                    <td className="num">{num(e.lift)} <span className="interval">± {num(e.standardError)}</span></td>
                    <td className="num">{m ? <>{num(m.model)} <span className="interval">({num(m.modelP10)}–{num(m.modelP90)})</span></> : <span className="muted">{t('forecast.notYetFitted')}</span>}</td>
                    <td className="num">{m ? num(m.uncalibrated) : '—'}</td>
                    <td>{m ? <span className={`chip soft ${Math.abs(m.z) <= 1 ? 'ok' : Math.abs(m.z) <= 2 ? 'warn' : 'bad'}`}>{t(Math.abs(m.z) <= 1 ? 'forecast.withinError' : 'forecast.errorsAway', { z: Math.abs(m.z).toFixed(1) })}</span> : '—'}</td>
                    <td><button className="btn ghost small" onClick={() => void remove(i)} aria-label={t('forecast.removeTest', { name: e.name })}>{t('common.delete')}</button></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <p className="muted" data-testid="experiments-empty">{t('forecast.noExperiments')}</p>
        )}
        {narrowing.length > 0 && (
          <p className="explain" data-testid="experiments-narrowing">
            {t('forecast.narrowed', { list: narrowing.map(([c, v]) => `${c} ${Math.round(100 * v)}%`).join(lang === 'zh-CN' ? '、' : ', ') })}
          </p>
        )}
        {view && view.channels.length > 0 ? (
          <div className="form-row experiment-form" data-testid="experiment-form">
            <Field id="exp-name" label={t('forecast.experimentName')} error={errors.name}>
              <input id="exp-name" className="input" value={draft.name} maxLength={200} placeholder={t('forecast.experimentNamePlaceholder')} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
            </Field>
            <Field id="exp-channel" label={t('forecast.channel')} error={errors.channel}>
              <select id="exp-channel" className="input" value={draft.channel} onChange={(e) => setDraft({ ...draft, channel: e.target.value })}>
                {view.channels.map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
            </Field>
            <Field id="exp-start" label={t('forecast.testStart')} error={errors.start}>
              <input id="exp-start" className="input" type="date" min={view.from ?? undefined} max={view.to ?? undefined} value={draft.start} onChange={(e) => setDraft({ ...draft, start: e.target.value })} aria-invalid={!!errors.start} />
            </Field>
            <Field id="exp-end" label={t('forecast.testEnd')} error={errors.end}>
              <input id="exp-end" className="input" type="date" min={view.from ?? undefined} max={view.to ?? undefined} value={draft.end} onChange={(e) => setDraft({ ...draft, end: e.target.value })} aria-invalid={!!errors.end} />
            </Field>
            <Field id="exp-lift" label={t('forecast.liftMeasured')} error={errors.lift}>
              <NumberInput value={draft.lift} onValue={(v) => setDraft({ ...draft, lift: v })} label={t('forecast.liftMeasured')} />
            </Field>
            <Field id="exp-se" label={t('forecast.standardError')} error={errors.standardError} hint={t('forecast.standardErrorHint')}>
              <NumberInput value={draft.standardError} onValue={(v) => setDraft({ ...draft, standardError: v })} label={t('forecast.standardError')} />
            </Field>
            <button className="btn primary" onClick={() => void add()} data-testid="experiment-add">{t('forecast.addTest')}</button>
            {errors._ && <p className="error" role="alert">{errors._}</p>}
          </div>
        ) : (
          view && <p className="muted">{t('forecast.problem.noCampaigns')}</p>
        )}
      </div>
    </section>
  );
}
