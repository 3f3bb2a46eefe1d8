import { useEffect, useMemo, useState } from 'react';
import { FACTORS, type Factor, PRESET_WEIGHTS, PRESETS, type PartnerNetwork, type Preset, type Ranking } from '../../../shared/partners';
import { call, callResult } from '../bridge';
import { Chart } from '../charts/Chart';
import { chartPalette } from '../charts/palette';
import { networkOption } from '../charts/networkChart';
import { ContributionBar } from '../components/partners/ContributionBar';
import { ComparisonCard } from '../components/partners/ComparisonCard';
import { KeywordsCard } from '../components/partners/KeywordsCard';
import { TargetingCard } from '../components/partners/TargetingCard';
import { PortfolioCard } from '../components/partners/PortfolioCard';
import { useProject } from '../stores/project';
import { useFormat, useSettings, useT } from '../stores/settings';

type Weights = Record<Factor | 'risk', number>;

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
  useEffect(() => void call('checklist.get', { projectId: project.id }).then((v) => setShortlist(v.shortlist.map((s) => s.partnerId))), [project.id]);
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
    const cap = Number(feeCap.replace(/[,\s]/g, ''));
    const timer = setTimeout(async () => {
      const r = await callResult('partners.rank', {
        projectId: project.id,
        weights,
        ...(types.size ? { types: [...types] } : {}),
        ...(feeCap.trim() && Number.isFinite(cap) ? { feeCap: cap } : {}),
        hideConflicts,
      });
      if (r.ok) {
        setRanking(r.value);
        setError(null);
      } else setError(r.error.issues?.length ? t(r.error.issues[0].message) : r.error.message);
    }, 120);
    return () => clearTimeout(timer);
  }, [project.id, JSON.stringify(weights), [...types].join(), feeCap, hideConflicts, shortlist.join()]);
  useEffect(() => void callResult('partners.network', { projectId: project.id }).then((r) => r.ok && setNetwork(r.value)), [project.id]);

  const allTypes = useMemo(() => [...new Set(network?.nodes.map((n) => n.type) ?? [])].sort(), [network]);
  const top = ranking?.partners.slice(0, 30) ?? [];
  const max = Math.max(0.0001, ...top.map((p) => FACTORS.reduce((s, x) => s + p.contributions[x], 0)));
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
          <div className="seg" role="group" aria-label={t('partners.preset')}>
            {PRESETS.map((p) => (
              <button key={p} aria-pressed={preset === p && JSON.stringify(weights) === JSON.stringify(PRESET_WEIGHTS[p])} onClick={() => choosePreset(p)}>
                {t(`partners.preset.${p}`)}
              </button>
            ))}
          </div>
        </header>
        <div className="body weights">
          {[...FACTORS, 'risk' as const].map((k, i) => (
            <label key={k} className="weight">
              <span><i className="swatch" style={{ background: k === 'risk' ? 'var(--danger)' : palette.series[i] }} /> {t(`partners.factor.${k}`)}</span>
              <input type="range" min={0} max={100} value={Math.round(weights[k] * 100)} aria-label={t(`partners.factor.${k}`)} onChange={(e) => setWeights({ ...weights, [k]: Number(e.target.value) / 100 })} />
              <span className="num">{Math.round(weights[k] * 100)}</span>
            </label>
          ))}
          <div className="filters">
            <div className="chips toggles">
              {allTypes.map((x) => (
                <label key={x} className="chip">
                  <input type="checkbox" checked={types.has(x)} onChange={(e) => setTypes((s) => { const n = new Set(s); if (e.target.checked) n.add(x); else n.delete(x); return n; })} /> {typeLabel(x)}
                </label>
              ))}
            </div>
            <label className="inline">
              {t('partners.feeCap')}
              <input className="input small-num" inputMode="decimal" value={feeCap} onChange={(e) => setFeeCap(e.target.value)} placeholder="—" />
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
              <p>{ranking?.segments.names.length ? t('partners.fitAgainst', { n: ranking.segments.names.length }) : t('partners.noSegments')}</p>
            </div>
          </header>
          <div className="body">
            <table className="data ranking" data-testid="ranking">
              <thead>
                <tr>
                  <th style={{ width: 36 }}>#</th>
                  <th>{t('partners.partner')}</th>
                  <th style={{ width: '38%' }}>{t('partners.contributions')}</th>
                  <th className="num" style={{ width: 64 }}>{t('partners.score')}</th>
                  <th className="num" style={{ width: 100 }}>{t('partners.fee')}</th>
                </tr>
              </thead>
              <tbody>
                {top.map((p, i) => (
                  <tr key={p.id} data-partner={p.id}>
                    <td className="muted">
                      {i + 1}
                      <button className={`star${shortlist.includes(p.id) ? ' on' : ''}`} aria-pressed={shortlist.includes(p.id)} aria-label={t(shortlist.includes(p.id) ? 'partners.unshortlist' : 'partners.shortlist', { name: p.name })} onClick={() => void toggle(p.id)}>
                        {shortlist.includes(p.id) ? '★' : '☆'}
                      </button>
                    </td>
                    <td colSpan={2}>
                      <div className="prow">
                        <div className="pname">{p.name} <span className="muted small">{typeLabel(p.type)}</span></div>
                        <ContributionBar p={p} max={max} colors={palette.series} />
                      </div>
                      <div className="muted small reason">{p.reason[lang]}</div>
                    </td>
                    <td className="num">{p.score.toFixed(2)}</td>
                    <td className="num">{p.fee === null ? '—' : f.money(p.fee, project.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
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
    </div>
  );
}
