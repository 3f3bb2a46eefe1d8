import { useEffect, useMemo, useRef, useState } from 'react';
import { MAX_SCENARIOS, type MmmResult, type SavedScenario } from '../../../../shared/forecast';
import { call, callResult, refusalText } from '../../bridge';
import { Chart } from '../../charts/Chart';
import { scenariosOption } from '../../charts/forecastCharts';
import { chartPalette } from '../../charts/palette';
import { useFormat, useSettings, useT } from '../../stores/settings';
import { NumberInput } from '../plan/NumberInput';
import { useProject } from '../../stores/project';
import { CampaignFrameNote, useCampaignFrame } from './campaignFrameNote';

type Draft = { id?: number; name: string; weeks: number; start?: string; spend: Record<string, number> };

/**
 * Up to four spend scenarios over the campaign's weeks, saved on the project and compared
 * side by side under the latest fit: each one's weekly P50 with its band, and the totals.
 */
export function ScenariosCard({ projectId, fit, onChange }: { projectId: number; fit: MmmResult; onChange?: () => void }) {
  const t = useT();
  const f = useFormat();
  const { lang, theme } = useSettings();
  const [list, setList] = useState<SavedScenario[]>([]);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [error, setError] = useState<string | null>(null);
  const adopt = (l: SavedScenario[]) => {
    setList(l);
    onChange?.();
    setDrafts(l.map((s) => ({ id: s.id, name: s.name, weeks: s.weeks, ...(s.start ? { start: s.start } : {}), spend: { ...s.spend } })));
  };
  useEffect(() => void call('scenarios.list', { projectId }).then(adopt), [projectId, fit]);
  const frame = useCampaignFrame(fit);
  const currency = useProject((s) => s.project!.currency);
  const mix = Object.fromEntries(Object.entries(frame.split).map(([c, v]) => [c, Math.floor(v)]));
  const save = async (d: Draft) => {
    const r = await callResult('scenarios.save', { projectId, scenario: d });
    if (r.ok) {
      adopt(r.value);
      setError(null);
    } else setError(refusalText(r.error, t));
  };
  const remove = async (id: number) => {
    const r = await callResult('scenarios.delete', { projectId, id });
    if (r.ok) adopt(r.value);
  };
  const option = useMemo(() => scenariosOption(list, (k) => t('forecast.week', { n: k }), chartPalette(theme)), [list, lang, theme]);
  // Edits save themselves 600 ms after the last change (and at once when the page is left):
  // a scenario typed into the table is never lost by walking away.
  const pending = useRef(new Map<number, { draft: Draft; timer: ReturnType<typeof setTimeout> }>());
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(
    () => () => {
      for (const { draft, timer } of pending.current.values()) {
        clearTimeout(timer);
        void callResult('scenarios.save', { projectId, scenario: draft });
      }
      pending.current.clear();
    },
    [projectId],
  );
  const edit = (i: number, patch: Partial<Draft>) => {
    const next = drafts.map((d, j) => (j === i ? { ...d, ...patch } : d));
    setDrafts(next);
    const d = next[i];
    if (d.id === undefined || !d.name.trim()) return;
    const id = d.id;
    const before = pending.current.get(id);
    if (before) clearTimeout(before.timer);
    pending.current.set(id, {
      draft: d,
      timer: setTimeout(() => {
        pending.current.delete(id);
        void saveRef.current(d);
      }, 600),
    });
  };

  return (
    <section className="card" data-testid="scenarios">
      <header>
        <div><h2>{t('forecast.scenarios')}</h2><p>{t('forecast.scenariosHint', { max: MAX_SCENARIOS })}</p></div>
        <button className="btn" disabled={list.length >= MAX_SCENARIOS} onClick={() => void save({ name: list.length ? t('forecast.scenarioName', { n: list.length + 1 }) : t('forecast.scenarioMix'), start: frame.start, weeks: frame.weeks, spend: mix })} data-testid="add-scenario">{t('forecast.addScenario')}</button>
      </header>
      <div className="body">
        <CampaignFrameNote frame={frame} />
        {error && <p className="error" role="alert">{error}</p>}
        {list.length === 0 ? (
          <div className="chart-empty">{t('forecast.noScenarios')}</div>
        ) : (
          <>
            <div className="chart-box"><Chart option={option} label={t('forecast.scenarios')} testId="scenarios-chart" /></div>
            <table className="data scenarios-table">
              <thead>
                <tr>
                  <th />
                  {drafts.map((d, i) => (
                    <th key={d.id}>
                      <input className="input" value={d.name} aria-label={t('forecast.scenarioNameLabel')} onChange={(e) => edit(i, { name: e.target.value })} />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td>{t('forecast.weeksLabel')}</td>
                  {drafts.map((d, i) => <td key={d.id}><NumberInput value={d.weeks} onValue={(v) => edit(i, { weeks: Math.max(1, Math.round(v ?? 1)) })} label={`${d.name} ${t('forecast.weeksLabel')}`} /></td>)}
                </tr>
                {fit.channels.map((c) => (
                  <tr key={c.name}>
                    <td>{c.name}</td>
                    {drafts.map((d, i) => <td key={d.id}><NumberInput value={d.spend[c.name] ?? 0} onValue={(v) => edit(i, { spend: { ...d.spend, [c.name]: v ?? 0 } })} label={`${d.name} ${c.name}`} /></td>)}
                  </tr>
                ))}
                <tr className="total">
                  <td>{t('forecast.totalOutcome')}</td>
                  {list.map((s) => <td key={s.id} className="num">{s.result ? `${f.number(Math.round(s.result.total.p50))} (${f.number(Math.round(s.result.total.p10))}–${f.number(Math.round(s.result.total.p90))})` : s.problem && t(s.problem.message, s.problem.params)}</td>)}
                </tr>
                <tr>
                  <td>{t('forecast.totalSpend')}</td>
                  {list.map((s) => (
                    <td key={s.id} className="num" data-testid="scenario-spend">
                      {f.number(Math.round(s.weeks * Object.values(s.spend).reduce((a, v) => a + v, 0)))}
                      {(s.flags.overBudget !== null || s.flags.outsideDates.length > 0) && (
                        <div className="scenario-flags" data-testid="scenario-flags">
                          {s.flags.overBudget !== null && <span className="chip warn">{t('forecast.flag.overBudget', { over: f.money(s.flags.overBudget, currency), total: f.money(s.weeks * Object.values(s.spend).reduce((a, v) => a + v, 0), currency), weeks: s.weeks })}</span>}
                          {s.flags.outsideDates.length > 0 && <span className="chip warn">{t('forecast.flag.outsideDates', { count: s.flags.outsideDates.length })}</span>}
                        </div>
                      )}
                    </td>
                  ))}
                </tr>
                <tr>
                  <td />
                  {drafts.map((d) => (
                    <td key={d.id} className="actions-cell">
                      <div>
                        <button className="btn small primary" onClick={() => void save(d)}>{t('common.save')}</button>
                        <button className="btn small ghost" onClick={() => d.id && void remove(d.id)}>{t('common.delete')}</button>
                      </div>
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </>
        )}
      </div>
    </section>
  );
}
