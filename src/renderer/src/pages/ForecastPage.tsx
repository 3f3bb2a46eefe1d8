import { useEffect, useMemo, useState } from 'react';
import { VerdictBadge } from '../components/VerdictBadge';
import type { MmmResult } from '../../../shared/forecast';
import { call, CallError } from '../bridge';
import { Chart } from '../charts/Chart';
import { AllocatorCard } from '../components/forecast/AllocatorCard';
import { ScenariosCard } from '../components/forecast/ScenariosCard';
import { CampaignModelCard } from '../components/forecast/CampaignModelCard';
import { BassCard } from '../components/forecast/BassCard';
import { ActualsCard } from '../components/forecast/ActualsCard';
import { ExperimentsCard } from '../components/forecast/ExperimentsCard';
import { NextTestCard } from '../components/forecast/NextTestCard';
import { contributionOption, fitOption, responseOption, shareIntervalOption } from '../charts/forecastCharts';
import { chartPalette } from '../charts/palette';
import { waitForJob } from '../stores/jobWait';
import { useProject } from '../stores/project';
import { useFormat, useSettings, useT } from '../stores/settings';
import { useToasts } from '../stores/toasts';

/**
 * Forecast: the marketing-mix model on the project's campaign periods — its held-out
 * accuracy, the fit with its P10–P90 band, the outcome taken apart into baseline and
 * channels, each channel's response curve with today's spend, and ROI and marginal ROI.
 */
export default function ForecastPage() {
  const t = useT();
  const f = useFormat();
  const toast = useToasts((s) => s.show);
  const { lang, theme } = useSettings();
  const project = useProject((s) => s.project)!;
  const palette = chartPalette(theme);
  const [adstock, setAdstock] = useState<'auto' | 'geometric' | 'weibull'>('auto');
  const [saturation, setSaturation] = useState<'auto' | 'logistic' | 'hill'>('auto');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<MmmResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [scenarioVersion, setScenarioVersion] = useState(0);

  // The market the Bass curve starts from: the plan's sign-up or sales target, else what the budget buys at the price.
  const [market, setMarket] = useState<number | null>(null);
  useEffect(() => void call('plan.get', { projectId: project.id }).then((v) => {
    const target = v.plan.metrics.find((m) => (m.metric === 'signups' || m.metric === 'sales') && m.target)?.target;
    setMarket(Math.round(target ?? Math.max(1000, project.budget / Math.max(1, project.price ?? 100))));
  }), [project.id]);
  // The latest fit is kept on the project: the page opens on it.
  useEffect(() => void call('forecast.latest', { projectId: project.id }).then((r) => r.fit && setResult(r.fit.result)), [project.id]);
  const fit = async (actuals?: { scenarioId: number; kpi: string }) => {
    setBusy(true);
    setError(null);
    try {
      const job = await call('jobs.start', { kind: 'mmm', projectId: project.id, adstock, saturation, ...(actuals ? { actuals } : {}) });
      const ended = await waitForJob(job.id);
      if (ended.state === 'done') setResult(ended.result as MmmResult);
      else if (ended.state === 'failed') setError(ended.error ?? t('job.failed', { error: '' }));
    } catch (e) {
      toast(e instanceof CallError ? e.message : String(e), { tone: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const charts = useMemo(
    () =>
      result && {
        fit: fitOption(result, { actual: t('forecast.actual'), fitted: t('forecast.fitted'), band: t('forecast.band'), holdout: t('forecast.holdout') }, palette),
        contributions: contributionOption(result, t('forecast.baseline'), palette),
        response: responseOption(result, { spend: t('forecast.weeklySpend'), today: t('forecast.today') }, palette),
        shares: shareIntervalOption(result, { share: t('forecast.effectShare'), interval: 'P10–P90', spend: t('forecast.spendShare') }, palette),
      },
    [result, lang, theme],
  );
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

  return (
    <div className="page forecast">
      <div className="page-head">
        <div>
          <h1>{t('nav.forecast')}</h1>
          <p>{t('forecast.subtitle')}</p>
        </div>
      </div>
      <section className="card">
        <header>
          <div><h2>{t('forecast.mmm')}</h2><p>{t('forecast.mmmHint')}</p></div>
          <div className="seg-row">
            <label className="inline">
              {t('forecast.adstock')}
              <select className="input" value={adstock} onChange={(e) => setAdstock(e.target.value as typeof adstock)}>
                <option value="auto">{t('forecast.adstock.auto')}</option>
                <option value="geometric">{t('forecast.adstock.geometric')}</option>
                <option value="weibull">{t('forecast.adstock.weibull')}</option>
              </select>
            </label>
            <label className="inline">
              {t('forecast.saturation')}
              <select className="input" value={saturation} onChange={(e) => setSaturation(e.target.value as typeof saturation)}>
                {(['auto', 'logistic', 'hill'] as const).map((s) => <option key={s} value={s}>{t(`forecast.saturation.${s}`)}</option>)}
              </select>
            </label>
            <button className="btn primary" onClick={() => void fit()} disabled={busy} data-testid="mmm-fit">{busy ? t('forecast.fitting') : t('forecast.fit')}</button>
          </div>
        </header>
        <div className="body">
          {error && <p className="error" role="alert">{error}</p>}
          {!result ? (
            <div className="chart-empty">{t('forecast.notFitted')}</div>
          ) : (
            <>
            <VerdictBadge verdict={result.verdict} testId="mmm-verdict" />
            <div className="metrics-row" data-testid="mmm-metrics">
              {[
                ['R²', result.metrics.r2.toFixed(3)],
                ['MAPE', pct(result.metrics.mape)],
                ['NRMSE', result.metrics.nrmse.toFixed(3)],
                ['DECOMP.RSSD', result.metrics.rssd.toFixed(3)],
                [t('forecast.coverage'), result.metrics.coverage === null ? '—' : pct(result.metrics.coverage)],
              ].map(([k, v]) => (
                <div key={k} className="metric"><span>{k}</span><b>{v}</b></div>
              ))}
              {result.actuals && <p className="small" data-testid="mmm-refitted">{t('forecast.refitted', result.actuals)}</p>}
              <p className="muted small">{t('forecast.summary', { train: result.weeks.train, holdout: result.weeks.holdout, saturation: t(`forecast.saturation.${result.search.saturation}`), ms: f.number(result.ms) })}</p>
            </div>
            </>
          )}
        </div>
      </section>
      {result && charts && (
        <>
          <div className="grid-2" style={{ marginTop: 18 }}>
            <section className="card">
              <header><div><h2>{t('forecast.fitTitle')}</h2><p>{t('forecast.fitHint')}</p></div></header>
              <div className="body chart-box"><Chart option={charts.fit} label={t('forecast.fitTitle')} testId="mmm-fit-chart" /></div>
            </section>
            <section className="card">
              <header><div><h2>{t('forecast.response')}</h2><p>{t('forecast.responseHint')}</p></div></header>
              <div className="body chart-box"><Chart option={charts.response} label={t('forecast.response')} testId="mmm-response-chart" /></div>
            </section>
          </div>
          <section className="card" style={{ marginTop: 18 }}>
            <header><div><h2>{t('forecast.contributions')}</h2><p>{t('forecast.contributionsHint')}</p></div></header>
            <div className="body chart-box"><Chart option={charts.contributions} label={t('forecast.contributions')} testId="mmm-contrib-chart" /></div>
          </section>
          <div style={{ marginTop: 18 }}>
            <AllocatorCard key={result.ms + result.channels.map((c) => c.beta).join()} projectId={project.id} fit={result} />
          </div>
          <div style={{ marginTop: 18 }}>
            <ScenariosCard projectId={project.id} fit={result} onChange={() => setScenarioVersion((v) => v + 1)} />
          </div>
          <div style={{ marginTop: 18 }}>
            <NextTestCard fit={result} />
          </div>
          <div style={{ marginTop: 18 }}>
            <ActualsCard projectId={project.id} version={`${result.ms}-${scenarioVersion}`} busy={busy} onRefit={(a) => void fit(a)} />
          </div>
          <section className="card" style={{ marginTop: 18 }}>
            <header><div><h2>{t('forecast.channels')}</h2><p>{[t('forecast.intervalHint'), ...result.dropped.map((d) => t('forecast.dropped', { name: d.name }))].join(' ')}</p></div></header>
            <div className="body">
              <div className="chart-box short" style={{ height: 70 + 38 * result.channels.length }}><Chart option={charts.shares} label={t('forecast.sharesChart')} testId="mmm-shares-chart" /></div>
              <table className="data" data-testid="mmm-channels">
                <thead>
                  <tr>
                    <th>{t('forecast.channel')}</th>
                    <th className="num">{t('forecast.effectShare')}</th>
                    <th className="num">{t('forecast.spendShare')}</th>
                    <th className="num">ROI</th>
                    <th className="num">{t('forecast.mroi')}</th>
                    <th>{t('forecast.adstock')}</th>
                    <th>{t('forecast.saturation')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.channels.map((c) => (
                    <tr key={c.name}>
                      <td>{c.name}</td>
                      <td className="num">{pct(c.contributionShare)}<Interval lo={c.contributionShareP10} hi={c.contributionShareP90} show={pct} /></td>
                      <td className="num">{pct(c.spendShare)}</td>
                      <td className="num">{c.roi.toFixed(3)}<Interval lo={c.roiP10} hi={c.roiP90} show={(v) => v.toFixed(3)} /></td>
                      <td className="num">{c.mroi.toFixed(3)}<Interval lo={c.mroiP10} hi={c.mroiP90} show={(v) => v.toFixed(3)} /></td>
                      <td>{c.adstock.kind === 'geometric' ? t('forecast.decay', { v: c.adstock.decay.toFixed(2) }) : `Weibull ${c.adstock.shape.toFixed(2)} / ${c.adstock.scale.toFixed(2)}`}</td>
                      <td>{c.saturation.kind === 'hill' ? `Hill ${c.saturation.shape.toFixed(2)} / ${c.saturation.halfSaturation.toFixed(2)}` : `${t('forecast.saturation.logistic')} λ ${c.saturation.lambda.toFixed(2)}`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
      <div style={{ marginTop: 18 }}>
        <ExperimentsCard projectId={project.id} fit={result} busy={busy} onRefit={() => void fit()} />
      </div>
      <div style={{ marginTop: 18 }}>
        <CampaignModelCard projectId={project.id} currency={project.currency} shortlistKey="" />
      </div>
      <div style={{ marginTop: 18 }}>
        {market !== null && <BassCard weeks={campaignWeeks(project.startDate, project.endDate)} market={market} />}
      </div>
    </div>
  );
}

/** A P10–P90 beside a figure, when the fit has one (fits stored before intervals existed do not). */
function Interval({ lo, hi, show }: { lo?: number; hi?: number; show: (v: number) => string }) {
  if (lo === undefined || hi === undefined) return null;
  return <span className="interval">({show(lo)}–{show(hi)})</span>;
}

/** Weeks between the campaign's dates (12 when they are not set). */
function campaignWeeks(start: string | null, end: string | null): number {
  if (!start || !end) return 12;
  return Math.max(1, Math.min(260, Math.ceil((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / (7 * 86_400_000))));
}
