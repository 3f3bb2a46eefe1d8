import { useEffect, useMemo, useState } from 'react';
import type { ActualsComparison, SavedScenario } from '../../../../shared/forecast';
import { call, callResult } from '../../bridge';
import { Chart } from '../../charts/Chart';
import { actualsOption } from '../../charts/forecastCharts';
import { chartPalette } from '../../charts/palette';
import { useSettings, useT } from '../../stores/settings';

/** After launch: the imported actuals of a KPI against a saved scenario's weekly band, with the error figures. */
export function ActualsCard({ projectId, version, onRefit, busy }: { projectId: number; version: string; onRefit: (actuals: { scenarioId: number; kpi: string }) => void; busy: boolean }) {
  const t = useT();
  const { lang, theme } = useSettings();
  const [scenarios, setScenarios] = useState<SavedScenario[]>([]);
  const [scenarioId, setScenarioId] = useState<number | null>(null);
  const [kpi, setKpi] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<ActualsComparison | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => void call('scenarios.list', { projectId }).then((l) => {
    setScenarios(l);
    setScenarioId((id) => (id && l.some((s) => s.id === id) ? id : (l[0]?.id ?? null)));
  }), [projectId, version]);
  useEffect(() => {
    if (scenarioId === null) return setResult(null);
    void callResult('forecast.actuals', { projectId, scenarioId, ...(kpi ? { kpi } : {}) }).then((r) => {
      if (r.ok) (setResult(r.value), setNote(null));
      else (setResult(null), setNote(r.error.message));
    });
  }, [projectId, scenarioId, kpi, version]);
  const option = useMemo(() => result && actualsOption(result, { actual: t('forecast.actual'), forecast: t('forecast.fitted'), band: t('forecast.band') }, chartPalette(theme)), [result, lang, theme]);
  const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
  return (
    <section className="card" data-testid="actuals">
      <header>
        <div><h2>{t('forecast.actuals')}</h2><p>{t('forecast.actualsHint')}</p></div>
        <div className="seg-row">
          <select className="input" value={scenarioId ?? ''} onChange={(e) => setScenarioId(Number(e.target.value))} aria-label={t('forecast.scenarios')} disabled={!scenarios.length}>
            {scenarios.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
          {result && (
            <select className="input" value={result.kpi} onChange={(e) => setKpi(e.target.value)} aria-label={t('forecast.kpi')}>
              {result.kpis.map((k) => <option key={k} value={k}>{k}</option>)}
            </select>
          )}
        </div>
      </header>
      <div className="body">
        {!scenarios.length ? (
          <div className="chart-empty">{t('forecast.actualsNeedScenario')}</div>
        ) : !result ? (
          <div className="chart-empty" data-testid="actuals-note">{note ?? t('common.loading')}</div>
        ) : (
          <>
            <div className="metrics-row">
              {[[t('forecast.weeksWithActuals'), String(result.matched)], ['MAPE', pct(result.mape)], [t('forecast.bias'), result.bias === null ? '—' : Math.round(result.bias).toLocaleString()], [t('forecast.coverage'), pct(result.coverage)]].map(([k, v]) => (
                <div key={k} className="metric"><span>{k}</span><b>{v}</b></div>
              ))}
              {result.matched > 0 && scenarioId !== null && (
                <button className="btn" style={{ alignSelf: 'center' }} disabled={busy} onClick={() => onRefit({ scenarioId, kpi: result.kpi })} data-testid="actuals-refit">{t('forecast.refit')}</button>
              )}
            </div>
            {option && <div className="chart-box"><Chart option={option} label={t('forecast.actuals')} testId="actuals-chart" /></div>}
          </>
        )}
      </div>
    </section>
  );
}
