import { useState } from 'react';
import { ShortlistReviewNote } from '../partners/ShortlistReviewNote';
import { callResult } from '../../bridge';
import { chartPalette } from '../../charts/palette';
import type { StepProps } from '../../pages/PlanPage';
import { useFormat, useSettings, useT } from '../../stores/settings';
import { ComparisonCard } from '../partners/ComparisonCard';
import { RankingTable } from '../partners/RankingTable';
import { useCampaignModel } from '../forecast/useCampaignModel';
import { forecastsById } from '../forecast/forecastsById';
import { useRanking } from './useRanking';

/** Step 3: star partners from the ranking onto the shortlist (the checklist follows), and compare up to four side by side. */
export function StepShortlist({ projectId, plan, campaign, currency, view, change, reload }: StepProps) {
  const t = useT();
  const f = useFormat();
  const { theme } = useSettings();
  const palette = chartPalette(theme);
  const [error, setError] = useState<string | null>(null);
  const shortlist = view.shortlist.map((s) => s.id);
  const { ranking } = useRanking(projectId, plan, shortlist.join());
  // The campaign-level model's forecast for the partners shown and the shortlisted ones.
  const shown = [...new Set([...(ranking?.partners.slice(0, 12).map((p) => p.id) ?? []), ...shortlist])];
  const { model: campaignModel } = useCampaignModel(projectId, shown.join(), shown);
  const forecasts = forecastsById(campaignModel);
  const { ranking: everyKind } = useRanking(projectId, plan, shortlist.join(), true);
  const typeLabel = (x: string) => (t(`partnerType.${x}`) === `partnerType.${x}` ? x : t(`partnerType.${x}`));
  const fee = view.shortlist.reduce((s, p) => s + (p.fee ?? 0), 0);
  const over = campaign.budget > 0 && fee > campaign.budget;

  const toggle = async (id: string) => {
    const next = shortlist.includes(id) ? shortlist.filter((x) => x !== id) : [...shortlist, id];
    const r = await callResult('checklist.setShortlist', { projectId, partnerIds: next });
    if (!r.ok) return setError(r.error.message);
    setError(null);
    // A partner leaving the shortlist leaves the comparison; a new one joins it while there is room.
    const compare = plan.compare.filter((c) => next.includes(c));
    if (!shortlist.includes(id) && compare.length < 4) compare.push(id);
    change({ ...plan, compare });
    await reload();
  };
  const toggleCompare = (id: string) => change({ ...plan, compare: plan.compare.includes(id) ? plan.compare.filter((c) => c !== id) : [...plan.compare, id].slice(-4) });
  const compared = plan.compare.map((id) => everyKind?.partners.find((p) => p.id === id)).filter((p): p is NonNullable<typeof p> => !!p);

  return (
    <div className="grid-2">
      <section className="card">
        <header><div><h2>{t('plan.short.ranking')}</h2><p>{t('plan.short.rankingHint')}</p></div></header>
        <div className="body">
          {error && <p className="error" role="alert">{error}</p>}
          <ShortlistReviewNote review={ranking?.review} testId="plan-shortlist-review" />
          <RankingTable partners={ranking?.partners.slice(0, 12) ?? []} shortlist={shortlist} onToggle={(id) => void toggle(id)} currency={currency} palette={palette} typeLabel={typeLabel} compact forecasts={forecasts} />
        </div>
      </section>
      <div className="stack">
        <section className="card" data-testid="plan-shortlist">
          <header><div><h2>{t('plan.short.shortlist')}</h2><p>{t('plan.short.compareHint')}</p></div></header>
          <div className="body">
            {view.shortlist.length === 0 ? (
              <div className="chart-empty">{t('plan.gap.noShortlist')}</div>
            ) : (
              <ul className="shortlist-picks">
                {view.shortlist.map((p) => (
                  <li key={p.id}>
                    <label>
                      <input type="checkbox" checked={plan.compare.includes(p.id)} onChange={() => toggleCompare(p.id)} aria-label={t('plan.short.compareOne', { name: p.name })} />
                      <span className="pname">{p.name} <span className="muted small">{typeLabel(p.type)}</span></span>
                      <span className="num">{p.fee === null ? '—' : f.money(p.fee, currency)}</span>
                      {forecasts?.[p.id] && (
                        <span className="num muted small" title={t('campaign.forecastTitle')} data-testid="shortlist-forecast">
                          ≈ {f.number(Math.round(forecasts[p.id].p50))}
                        </span>
                      )}
                    </label>
                    <button className="icon-btn" aria-label={t('partners.unshortlist', { name: p.name })} onClick={() => void toggle(p.id)}>×</button>
                  </li>
                ))}
              </ul>
            )}
            <div className={`budget-line${over ? ' over' : ''}`} data-testid="plan-fees">
              <span>{t('plan.short.fees')}</span>
              <span className="num">{f.money(fee, currency)}{campaign.budget > 0 ? ` / ${f.money(campaign.budget, currency)}` : ''}</span>
              {campaign.budget > 0 && <span className="bar"><i style={{ width: `${Math.min(100, (100 * fee) / campaign.budget)}%` }} /></span>}
            </div>
          </div>
        </section>
        <ComparisonCard partners={compared} palette={palette} currency={currency} />
      </div>
    </div>
  );
}
