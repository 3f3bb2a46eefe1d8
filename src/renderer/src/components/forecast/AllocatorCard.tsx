import { useState } from 'react';
import { type Allocation, type MmmResult, mroiOverlaps } from '../../../../shared/forecast';
import { callResult, refusalText } from '../../bridge';
import { type Translate, useFormat, useSettings, useT } from '../../stores/settings';
import { NumberInput } from '../plan/NumberInput';
import { boundsFor, planFlags } from '../../../../shared/campaignFrame';
import { useProject } from '../../stores/project';
import { CampaignFrameNote, useCampaignFrame } from './campaignFrameNote';

const rounded = (b: Record<string, [number, number]>) => Object.fromEntries(Object.entries(b).map(([k, [lo, hi]]) => [k, [Math.round(lo), Math.round(hi)] as [number, number]]));

/**
 * The budget allocator under the latest fit: a weekly budget, each channel's bounds
 * (±30% of its average week unless edited), and the best split with what binds and each
 * channel's marginal ROI — the sentence under it says why the split is what it is.
 */
export function AllocatorCard({ projectId, fit }: { projectId: number; fit: MmmResult }) {
  const t = useT();
  const f = useFormat();
  const { lang } = useSettings();
  const frame = useCampaignFrame(fit);
  const overlaps = mroiOverlaps(fit.channels);
  const currency = useProject((s) => s.project!.currency);
  const [budget, setBudgetValue] = useState<number | null>(Math.floor(frame.weeklyBudget));
  const [bounds, setBounds] = useState<Record<string, [number, number]>>(() => rounded(frame.bounds));
  // Bounds follow the budget (±30% of today's mix scaled to it) until the strategist edits one.
  const [boundsEdited, setBoundsEdited] = useState(false);
  const setBudget = (v: number | null) => {
    setBudgetValue(v);
    if (!boundsEdited && v !== null) setBounds(rounded(boundsFor(fit.channels, v)));
  };
  const editBound = (name: string, which: 0 | 1, v: number | null) => {
    setBoundsEdited(true);
    setBounds({ ...bounds, [name]: which === 0 ? [v ?? 0, bounds[name][1]] : [bounds[name][0], v ?? 0] });
  };
  const flags = budget === null ? null : planFlags({ budget: frame.budget ?? 0, startDate: null, endDate: null }, [], budget * frame.weeks);
  const [result, setResult] = useState<Allocation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    const r = await callResult('forecast.allocate', { projectId, ...(budget === null ? {} : { budget }), bounds });
    if (r.ok) {
      setResult(r.value);
      setError(null);
    } else setError(refusalText(r.error, t));
  };
  const most = Math.max(1, ...(result?.channels.map((c) => Math.max(c.spend, c.current, c.upper)) ?? [1]));
  return (
    <section className="card" data-testid="allocator">
      <header>
        <div><h2>{t('forecast.allocator')}</h2><p>{t('forecast.allocatorHint')}</p></div>
        <div className="seg-row">
          <label className="inline">{t('forecast.weeklyBudget')} <NumberInput value={budget} onValue={setBudget} label={t('forecast.weeklyBudget')} /></label>
          <button className="btn primary" onClick={() => void run()} data-testid="allocate">{t('forecast.allocate')}</button>
        </div>
      </header>
      <div className="body">
        <CampaignFrameNote frame={frame} />
        {flags?.overBudget != null && (
          <p className="warn-note" role="alert" data-testid="allocator-over-budget">
            {t('forecast.flag.overBudget', { over: f.money(flags.overBudget, currency), total: f.money(budget! * frame.weeks, currency), weeks: frame.weeks })}
          </p>
        )}
        {error && <p className="error" role="alert">{error}</p>}
        <table className="data allocation">
          <thead>
            <tr>
              <th>{t('forecast.channel')}</th>
              <th className="num">{t('forecast.lower')}</th>
              <th className="num">{t('forecast.upper')}</th>
              <th style={{ width: '34%' }}>{t('forecast.split')}</th>
              <th className="num">{t('forecast.mroi')}</th>
            </tr>
          </thead>
          <tbody>
            {fit.channels.map((c) => {
              const row = result?.channels.find((r) => r.name === c.name);
              return (
                <tr key={c.name}>
                  <td>{c.name}{row?.binding && <span className={`chip soft bound-${row.binding}`}> {t(`forecast.binding.${row.binding}`)}</span>}</td>
                  <td className="num"><NumberInput value={bounds[c.name][0]} onValue={(v) => editBound(c.name, 0, v)} label={`${c.name} ${t('forecast.lower')}`} /></td>
                  <td className="num"><NumberInput value={bounds[c.name][1]} onValue={(v) => editBound(c.name, 1, v)} label={`${c.name} ${t('forecast.upper')}`} /></td>
                  <td>
                    {row ? (
                      <div className="split-bars" title={`${f.number(row.current)} → ${f.number(row.spend)}`}>
                        <span className="bar today"><i style={{ width: `${(100 * row.current) / most}%` }} /></span>
                        <span className="bar best"><i style={{ width: `${(100 * row.spend) / most}%` }} /></span>
                        <small>{f.number(Math.round(row.current))} → <b>{f.number(Math.round(row.spend))}</b></small>
                      </div>
                    ) : <span className="muted">—</span>}
                  </td>
                  <td className="num">{row ? row.mroi.toPrecision(3) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {result && overlaps.length > 0 && (
          <p className="warning small" data-testid="allocation-uncertain">
            {t('forecast.mroiOverlap', { names: [...new Set(overlaps.flat())].join(lang === 'zh-CN' ? '、' : ', ') })}
          </p>
        )}
        {result && (
          <p className="explain" data-testid="allocation-explanation">
            {explain(result, t, lang)}{' '}
            {t('forecast.allocationSummary', { response: f.number(Math.round(result.response)), current: f.number(Math.round(result.currentResponse)), gain: (100 * (result.response / (result.currentResponse || 1) - 1)).toFixed(1) })}
          </p>
        )}
      </div>
    </section>
  );
}

/** Why the split is what it is, in the UI's language: equal marginal ROI among the free channels, and which bounds bind. */
function explain(a: Allocation, t: Translate, lang: 'en' | 'zh-CN'): string {
  const zh = lang === 'zh-CN';
  const sep = zh ? '、' : ', ';
  const free = a.channels.filter((c) => !c.binding);
  const bound = a.channels.filter((c) => c.binding);
  const item = (c: Allocation['channels'][number]) => (zh ? `${c.name}（${t(`forecast.binding.${c.binding}`)}，${c.mroi.toPrecision(3)}）` : `${c.name} (${t(`forecast.binding.${c.binding}`)}, ${c.mroi.toPrecision(3)})`);
  return [
    free.length ? t('forecast.explainFree', { names: free.map((c) => c.name).join(sep), mroi: free.map((c) => c.mroi.toPrecision(3)).join(' ≈ ') }) : t('forecast.explainAllBound'),
    bound.length ? t('forecast.explainBound', { list: bound.map(item).join(sep) }) : '',
  ].filter(Boolean).join(' ');
}
