import type { PartnerPrediction } from '../../../../shared/campaignModel';
import { FACTORS, type RankedPartner } from '../../../../shared/partners';
import type { ChartPalette } from '../../charts/palette';
import { useFormat, useSettings, useT } from '../../stores/settings';
import { ContributionBar } from './ContributionBar';

/**
 * Ranked partners: a star to shortlist, the stacked factor contributions, the reason, score
 * and fee — and, when the campaign-level model can be fitted, each shortlisted partner's
 * predicted outcome with its interval.
 */
export function RankingTable({ partners, shortlist, onToggle, currency, palette, typeLabel, compact = false, forecasts }: {
  partners: RankedPartner[];
  shortlist: string[];
  onToggle: (id: string) => void;
  currency: string;
  palette: ChartPalette;
  typeLabel: (type: string) => string;
  /** Without the reasons (the wizard's narrower column). */
  compact?: boolean;
  /** The campaign-level model's predictions, by partner id (the shortlisted ones). */
  forecasts?: Record<string, PartnerPrediction>;
}) {
  const t = useT();
  const f = useFormat();
  const { lang } = useSettings();
  const max = Math.max(0.0001, ...partners.map((p) => FACTORS.reduce((s, x) => s + p.contributions[x], 0)));
  return (
    <table className="data ranking" data-testid="ranking">
      <thead>
        <tr>
          <th style={{ width: 58 }}>#</th>
          <th className="nowrap" style={{ minWidth: 96 }}>{t('partners.partner')}</th>
          <th style={{ width: '38%' }}>{t('partners.contributions')}</th>
          <th className="num" style={{ width: 64 }}>{t('partners.score')}</th>
          <th className="num" style={{ width: 100 }}>{t('partners.fee')}</th>
          {forecasts && <th className="num nowrap" style={{ width: 118 }} title={t('campaign.forecastTitle')}>{t('campaign.forecastColumn')}</th>}
        </tr>
      </thead>
      <tbody>
        {partners.map((p, i) => {
          const on = shortlist.includes(p.id);
          return (
            <tr key={p.id} data-partner={p.id}>
              <td className="muted nowrap">
                {i + 1}
                <button className={`star${on ? ' on' : ''}`} aria-pressed={on} aria-label={t(on ? 'partners.unshortlist' : 'partners.shortlist', { name: p.name })} onClick={() => onToggle(p.id)}>
                  {on ? '★' : '☆'}
                </button>
              </td>
              <td colSpan={2}>
                <div className="prow">
                  <div className="pname">{p.name} <span className="muted small">{typeLabel(p.type)}</span></div>
                  <ContributionBar p={p} max={max} colors={palette.series} />
                </div>
                {!compact && <div className="muted small reason">{p.reason[lang]}</div>}
              </td>
              <td className="num">{p.score.toFixed(2)}</td>
              <td className="num">{p.fee === null ? '—' : f.money(p.fee, currency)}</td>
              {forecasts && <ForecastCell prediction={forecasts[p.id]} />}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ForecastCell({ prediction: p }: { prediction?: PartnerPrediction }) {
  const t = useT();
  const f = useFormat();
  if (!p) return <td className="num muted">—</td>;
  const n = (x: number) => f.number(Math.round(x));
  return (
    <td className="num forecast-cell" data-testid="ranking-forecast" title={t('campaign.with', { name: p.name, p50: n(p.p50), p10: n(p.p10), p90: n(p.p90) })}>
      <b>{n(p.p50)}</b>
      <div className="muted small">{n(p.p10)}–{n(p.p90)}</div>
    </td>
  );
}
