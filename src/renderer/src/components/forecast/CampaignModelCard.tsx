import { useMemo } from 'react';
import { VerdictBadge } from '../VerdictBadge';
import type { CampaignCoefficient, CampaignModel } from '../../../../shared/campaignModel';
import { Chart } from '../../charts/Chart';
import { campaignScatterOption, effectsOption } from '../../charts/campaignCharts';
import { chartPalette } from '../../charts/palette';
import { useFormat, useSettings, useT } from '../../stores/settings';
import { useCampaignModel } from './useCampaignModel';

/**
 * The campaign-level model on the Forecast page: how well it predicts past campaigns left
 * out one at a time (beside the seeds' least-squares line), each driver's effect with its
 * interval, and what each shortlisted partner would bring under the plan.
 */
export function CampaignModelCard({ projectId, currency, shortlistKey }: { projectId: number; currency: string; shortlistKey: string }) {
  const t = useT();
  const f = useFormat();
  const { lang, theme } = useSettings();
  const { model, error } = useCampaignModel(projectId, shortlistKey);
  const driverName = useDriverName();
  const coefLabel = (c: CampaignCoefficient) => (c.level === null ? driverName(c.driver) : t('campaign.level', { driver: driverName(c.driver), level: c.level }));
  const charts = useMemo(() => {
    if (!model) return null;
    const p = chartPalette(theme);
    return {
      effects: effectsOption(model, coefLabel, p, lang),
      scatter: campaignScatterOption(model, { actual: t('campaign.actual'), predicted: t('campaign.predicted'), line: t('campaign.line'), x: driverName(model.baseline.driver) }, p, lang),
    };
  }, [model, lang, theme]);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const round = (x: number) => f.number(Math.round(x));
  const reference = model?.drivers.find((d) => d.kind === 'categorical')?.levels?.[0] ?? '—';
  return (
    <section className="card" data-testid="campaign-model">
      <header><div><h2>{t('campaign.title')}</h2><p>{t('campaign.hint')}</p></div></header>
      <div className="body">
        {error && <p className="chart-empty" role="alert">{error}</p>}
        {model && charts && (
          <>
            <VerdictBadge verdict={model.verdict} testId="campaign-verdict" />
            <div className="metrics-row" data-testid="campaign-metrics">
              {[
                [t('campaign.campaigns'), f.number(model.campaigns.length)],
                [t('campaign.looMape'), pct(model.score.mape)],
                [t('campaign.looR2'), model.score.r2.toFixed(3)],
                [t('campaign.baselineMape'), pct(model.baseline.score.mape)],
              ].map(([k, v]) => (
                <div key={k} className="metric"><span>{k}</span><b>{v}</b></div>
              ))}
              <p className="muted small">{t('campaign.baselineNote', { driver: driverName(model.baseline.driver), a: round(model.baseline.intercept), b: model.baseline.slope.toPrecision(3), mape: pct(model.baseline.score.mape), r2: model.baseline.score.r2.toFixed(3) })}</p>
            </div>
            <div className="grid-2" style={{ marginTop: 14 }}>
              <div>
                <h3>{t('campaign.effects')}</h3>
                <p className="muted small">{t('campaign.effectsHint', { reference })}</p>
                <div className="chart-box"><Chart option={charts.effects} label={t('campaign.effects')} testId="campaign-effects-chart" /></div>
              </div>
              <div>
                <h3>{t('campaign.scatter', { driver: driverName(model.baseline.driver) })}</h3>
                <p className="muted small">{t('campaign.scatterHint')}</p>
                <div className="chart-box"><Chart option={charts.scatter} label={t('campaign.scatter', { driver: driverName(model.baseline.driver) })} testId="campaign-scatter-chart" /></div>
              </div>
            </div>
            <table className="data" data-testid="campaign-coefficients" style={{ marginTop: 14 }}>
              <thead>
                <tr><th>{t('campaign.driver')}</th><th className="num">{t('campaign.perUnit')}</th><th className="num">{t('campaign.interval')}</th><th className="num">{t('campaign.perSd')}</th></tr>
              </thead>
              <tbody>
                {model.coefficients.map((c) => (
                  <tr key={`${c.driver}-${c.level}`}>
                    <td>{coefLabel(c)}</td>
                    <td className="num">{precise(c.estimate, lang)}</td>
                    <td className="num">{precise(c.p10, lang)} – {precise(c.p90, lang)}</td>
                    <td className="num">{round(c.perSd)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3 style={{ marginTop: 18 }}>{t('campaign.predictions')}</h3>
            <p className="muted small">{t('campaign.predictionsHint', { weeks: model.plan.durationWeeks ?? '—', budget: model.plan.budget === null ? '—' : f.money(model.plan.budget, currency), coverage: pct(model.coverage) })}</p>
            {model.predictions.length ? <PredictionsTable model={model} driverName={driverName} /> : <p className="muted" data-testid="campaign-no-shortlist">{t('campaign.noShortlist')}</p>}
          </>
        )}
      </div>
    </section>
  );
}

function PredictionsTable({ model, driverName }: { model: CampaignModel; driverName: (d: string) => string }) {
  const t = useT();
  const f = useFormat();
  const round = (x: number) => f.number(Math.round(x));
  return (
    <table className="data" data-testid="campaign-predictions">
      <thead>
        <tr><th>{t('campaign.partner')}</th><th className="num">{t('campaign.outcome')}</th><th className="num">{t('campaign.versusAverage')}</th><th className="num">{t('campaign.lineShort')}</th><th>{t('campaign.driver')}</th></tr>
      </thead>
      <tbody>
        {model.predictions.map((p) => (
          <tr key={p.partnerId} data-partner={p.partnerId}>
            <td>{p.name} <span className="muted small">{p.type}</span></td>
            <td className="num nowrap"><b>{round(p.p50)}</b> <span className="muted">({round(p.p10)}–{round(p.p90)})</span></td>
            <td className="num">{p.versusAverage >= 0 ? '+' : '−'}{round(Math.abs(p.versusAverage))}</td>
            <td className="num">{p.baseline === null ? '—' : round(p.baseline)}</td>
            <td className="small">{p.outside.length ? <span className="warn-text">{t('campaign.outside', { drivers: p.outside.map(driverName).join(', ') })}</span> : <span className="muted">{Object.keys(p.drivers).filter((k) => p.sources[k] === 'partner').map(driverName).join(', ')}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A driver's label in the UI's language; an unknown control keeps its own name. */
export function useDriverName(): (driver: string) => string {
  const t = useT();
  return (d) => {
    const key = `campaign.driver.${d}`;
    const label = t(key);
    return label === key ? d.replace(/_/g, ' ') : label;
  };
}

/** Per-unit effects span 0.006 a person to 4,000 a week: three significant digits. */
function precise(x: number, lang: string): string {
  return new Intl.NumberFormat(lang, { maximumSignificantDigits: 3 }).format(x);
}
