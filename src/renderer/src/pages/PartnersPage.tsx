import { useEffect, useMemo, useState } from 'react';
import { ShortlistReviewNote } from '../components/partners/ShortlistReviewNote';
import { PRESET_WEIGHTS, type PartnerNetwork, type Preset, type Ranking } from '../../../shared/partners';
import { call, callResult } from '../bridge';
import { Chart } from '../charts/Chart';
import { chartPalette } from '../charts/palette';
import { networkOption } from '../charts/networkChart';
import { RankingTable } from '../components/partners/RankingTable';
import { useCampaignModel } from '../components/forecast/useCampaignModel';
import { forecastsById } from '../components/forecast/forecastsById';
import { PresetButtons, WeightSliders, type Weights } from '../components/partners/WeightSliders';
import { ComparisonCard } from '../components/partners/ComparisonCard';
import { KeywordsCard } from '../components/partners/KeywordsCard';
import { TargetingCard } from '../components/partners/TargetingCard';
import { PortfolioCard } from '../components/partners/PortfolioCard';
import { OverlapCard } from '../components/partners/OverlapCard';
import { PersonalityCard } from '../components/partners/PersonalityCard';
import { useProject } from '../stores/project';
import { parseNumberInput } from '../forms';
import { useFormat, useSettings, useT } from '../stores/settings';

/**
 * Partners: every candidate scored on audience fit, content fit, network influence,
 * reputation and cost efficiency less risk, weighted by a preset or the strategist's
 * sliders, filtered, each with its stacked contributions and the reason for its place; the
 * collaboration network; and the best portfolio under a budget.
 */
export default function PartnersPage() {
  const t = useT();
  const f = useFormat();
  const { lang, theme } = useSettings();
  const project = useProject((s) => s.project)!;
  const [preset, setPreset] = useState<Preset>('engagement');
  const [weights, setWeights] = useState<Weights>(PRESET_WEIGHTS.engagement);
  const [types, setTypes] = useState<Set<string>>(new Set());
  const [feeCap, setFeeCap] = useState('');
  const [hideConflicts, setHideConflicts] = useState(false);
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [network, setNetwork] = useState<PartnerNetwork | null>(null);
  const [shortlist, setShortlist] = useState<string[]>([]);
  // Bumped when an overlap sketch, the overlap settings or a brand-personality rating change: their factors move.
  const [factorVersion, setFactorVersion] = useState(0);
  useEffect(() => void call('checklist.get', { projectId: project.id }).then((v) => setShortlist(v.shortlist.map((s) => s.partnerId))), [project.id]);
  // The wizard's goals and partner kinds, when the strategist has set them, are where this page starts.
  useEffect(() => void call('plan.get', { projectId: project.id }).then((v) => {
    if (!v.updatedAt) return;
    setPreset(v.plan.cooperation.preset);
    setWeights(v.plan.cooperation.weights);
    setTypes(new Set(v.plan.cooperation.types));
  }), [project.id]);
  // The shortlist feeds the checklist (issue 6) and the competitor conflicts: re-rank after a change.
  const toggle = async (id: string) => {
    const next = shortlist.includes(id) ? shortlist.filter((x) => x !== id) : [...shortlist, id];
    const r = await callResult('checklist.setShortlist', { projectId: project.id, partnerIds: next });
    if (r.ok) {
      setShortlist(r.value.shortlist.map((s) => s.partnerId));
      void callResult('partners.network', { projectId: project.id }).then((n) => n.ok && setNetwork(n.value));
    } else setError(r.error.message);
  };
  const palette = chartPalette(theme);

  useEffect(() => {
    const parsedCap = parseNumberInput(feeCap);
    // A cap that is not a number is shown as wrong, and the ranking waits for a real one.
    if ('invalid' in parsedCap) return;
    const cap = parsedCap.value;
    const timer = setTimeout(async () => {
      const r = await callResult('partners.rank', {
        projectId: project.id,
        weights,
        ...(types.size ? { types: [...types] } : {}),
        ...(cap !== null ? { feeCap: cap } : {}),
        hideConflicts,
      });
      if (r.ok) {
        setRanking(r.value);
        setError(null);
      } else setError(r.error.issues?.length ? t(r.error.issues[0].message) : r.error.message);
    }, 120);
    return () => clearTimeout(timer);
  }, [project.id, JSON.stringify(weights), [...types].join(), feeCap, hideConflicts, shortlist.join(), factorVersion]);
  useEffect(() => void callResult('partners.network', { projectId: project.id }).then((r) => r.ok && setNetwork(r.value)), [project.id]);

  const feeCapWrong = 'invalid' in parseNumberInput(feeCap);
  const allTypes = useMemo(() => [...new Set(network?.nodes.map((n) => n.type) ?? [])].sort(), [network]);
  const top = ranking?.partners.slice(0, 30) ?? [];
  // What each partner shown would bring (campaign-level model), beside its score.
  const shown = top.map((p) => p.id);
  const { model: campaignModel } = useCampaignModel(project.id, shown.join(), shown);
  const typeLabel = (x: string) => t(`partnerType.${x}`) === `partnerType.${x}` ? x : t(`partnerType.${x}`);
  const graph = useMemo(() => (network ? networkOption(network, typeLabel, palette) : null), [network, lang, theme]);
  const choosePreset = (p: Preset) => {
    setPreset(p);
    setWeights(PRESET_WEIGHTS[p]);
  };

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t('nav.partners')}</h1>
          <p>{t('partners.subtitle')}</p>
        </div>
      </div>

      <section className="card">
        <header>
          <h2>{t('partners.weights')}</h2>
          <PresetButtons preset={preset} weights={weights} onPreset={choosePreset} />
        </header>
        <div className="body weights">
          <WeightSliders weights={weights} onChange={setWeights} palette={palette} />
          <div className="filters">
            <div className="chips toggles">
              {allTypes.map((x) => (
                <label key={x} className={`chip${types.has(x) ? ' on' : ''}`}>
                  <input type="checkbox" checked={types.has(x)} onChange={(e) => setTypes((s) => { const n = new Set(s); if (e.target.checked) n.add(x); else n.delete(x); return n; })} /> {typeLabel(x)}
                </label>
              ))}
            </div>
            <label className="inline">
              {t('partners.feeCap')}
              <input
                className="input small-num"
                inputMode="decimal"
                value={feeCap}
                onChange={(e) => setFeeCap(e.target.value)}
                onBlur={() => {
                  const r = parseNumberInput(feeCap);
                  if (!('invalid' in r) && r.value !== null) setFeeCap(f.number(r.value));
                }}
                placeholder="—"
                aria-invalid={feeCapWrong}
                data-testid="fee-cap"
              />
              {feeCapWrong && (
                <span className="error" role="alert">
                  {t('validation.number')}
                </span>
              )}
            </label>
            <label className="inline">
              <input type="checkbox" checked={hideConflicts} onChange={(e) => setHideConflicts(e.target.checked)} /> {t('partners.hideConflicts')}
            </label>
          </div>
          {error && <p className="error" role="alert">{error}</p>}
        </div>
      </section>

      <div className="grid-2" style={{ marginTop: 18 }}>
        <section className="card">
          <header>
            <div>
              <h2>{t('partners.ranking')}</h2>
              <p>{ranking?.segments.targeted ? t('partners.fitTargeted', { n: ranking.segments.names.length }) : ranking?.segments.names.length ? t('partners.fitAgainst', { n: ranking.segments.names.length }) : t('partners.noSegments')}</p>
            </div>
          </header>
          <div className="body">
            <ShortlistReviewNote review={ranking?.review} />
            <RankingTable partners={top} shortlist={shortlist} onToggle={(id) => void toggle(id)} currency={project.currency} palette={palette} typeLabel={typeLabel} forecasts={forecastsById(campaignModel)} />
            {ranking && ranking.partners.length > top.length && <p className="muted small">{t('partners.more', { n: ranking.partners.length - top.length })}</p>}
          </div>
        </section>
        <div className="stack">
          <section className="card">
            <header><div><h2>{t('partners.network')}</h2><p>{t('partners.networkHint')}</p></div></header>
            <div className="body network">{graph ? <Chart option={graph} label={t('partners.network')} testId="network-chart" /> : <div className="chart-empty">{t('common.loading')}</div>}</div>
          </section>
          <PortfolioCard projectId={project.id} preset={preset} defaultBudget={project.budget ?? 0} currency={project.currency} />
        </div>
      </div>
      <div className="grid-2" style={{ marginTop: 18 }}>
        <ComparisonCard partners={shortlist.map((id) => ranking?.partners.find((p) => p.id === id)).filter((p): p is NonNullable<typeof p> => !!p)} palette={palette} currency={project.currency} />
        <KeywordsCard projectId={project.id} palette={palette} />
      </div>
      <div style={{ marginTop: 18 }}>
        <TargetingCard projectId={project.id} shortlist={shortlist.map((id) => ({ id, name: network?.nodes.find((n) => n.id === id)?.name ?? id }))} />
      </div>
      <div style={{ marginTop: 18 }}>
        <OverlapCard projectId={project.id} partners={shortlist.map((id) => ({ id, name: network?.nodes.find((n) => n.id === id)?.name ?? id }))} onChange={() => setFactorVersion((v) => v + 1)} />
      </div>
      <div style={{ marginTop: 18 }}>
        <PersonalityCard projectId={project.id} partners={shortlist.map((id) => ({ id, name: network?.nodes.find((n) => n.id === id)?.name ?? id }))} palette={palette} onChange={() => setFactorVersion((v) => v + 1)} />
      </div>
    </div>
  );
}
