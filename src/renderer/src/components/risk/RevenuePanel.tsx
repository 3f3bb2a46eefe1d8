import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RevenueScenario } from '../../../../shared/revenue';
import { call, CallError } from '../../bridge';
import { Chart } from '../../charts/Chart';
import { chartPalette } from '../../charts/palette';
import { revenueOption } from '../../charts/revenueCharts';
import { useProject } from '../../stores/project';
import { useFormat, useSettings, useT } from '../../stores/settings';
import { useToasts } from '../../stores/toasts';
import { ScenarioDialog } from './ScenarioDialog';

/**
 * The revenue-share calculator: saved scenarios, each party's take at each projected
 * revenue point (table and stacked chart), and what the platform keeps.
 */
export function RevenuePanel() {
  const t = useT();
  const f = useFormat();
  const { lang, theme } = useSettings();
  const project = useProject((s) => s.project)!;
  const toast = useToasts((s) => s.show);
  const [scenarios, setScenarios] = useState<RevenueScenario[] | null>(null);
  const [current, setCurrent] = useState<number | null>(null);
  const [editing, setEditing] = useState<RevenueScenario | 'new' | null>(null);
  const load = useCallback(async () => {
    const list = await call('revenue.list', { projectId: project.id });
    setScenarios(list);
    setCurrent((c) => (c !== null && list.some((s) => s.id === c) ? c : (list[0]?.id ?? null)));
  }, [project.id]);
  useEffect(() => void load().catch((e: unknown) => toast(e instanceof CallError ? e.message : String(e), { tone: 'error' })), [load]);
  const money = (n: number) => f.money(n, project.currency);
  const s = scenarios?.find((x) => x.id === current) ?? null;
  const option = useMemo(() => (s ? revenueOption(s, t('revenue.platform'), money, chartPalette(theme)) : null), [s, lang, theme]);

  if (!scenarios) return <div className="muted">{t('common.loading')}</div>;
  return (
    <div>
      <div className="panel-actions">
        {scenarios.length > 0 && (
          <select className="input" aria-label={t('revenue.scenario')} value={current ?? ''} onChange={(e) => setCurrent(Number(e.target.value))} style={{ maxWidth: 320 }}>
            {scenarios.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          </select>
        )}
        {s && <button className="btn" onClick={() => setEditing(s)}>{t('common.edit')}</button>}
        <button className="btn primary" onClick={() => setEditing('new')}>{t('revenue.new')}</button>
      </div>
      {!s ? (
        <div className="chart-empty">{t('revenue.none')}</div>
      ) : (
        <div className="grid-2">
          <section className="card">
            <header><div><h2>{s.name}</h2><p>{t('revenue.tableHint')}</p></div></header>
            <div className="body">
              <table className="data" data-testid="revenue-table">
                <thead>
                  <tr>
                    <th>{t('revenue.party')}</th>
                    <th>{t('revenue.model')}</th>
                    {s.results.map((r) => <th key={r.label} className="num">{r.label}<div className="muted small">{money(r.revenue)}</div></th>)}
                  </tr>
                </thead>
                <tbody>
                  {s.parties.map((p, i) => (
                    <tr key={i}>
                      <td>{p.name}</td>
                      <td className="muted small">{describeModel(p.model, t, money)}</td>
                      {s.results.map((r) => <td key={r.label} className="num">{money(r.takes[i])}</td>)}
                    </tr>
                  ))}
                  <tr className="total">
                    <td>{t('revenue.platform')}</td>
                    <td className="muted small">{t('revenue.platformHint')}</td>
                    {s.results.map((r) => <td key={r.label} className={`num${r.platform < 0 ? ' tampered' : ''}`}>{money(r.platform)}</td>)}
                  </tr>
                </tbody>
              </table>
              <p className="muted small">{t('revenue.forecastNote')}</p>
            </div>
          </section>
          <section className="card">
            <header><h2>{t('revenue.chart')}</h2></header>
            <div className="body revenue-chart">{option && <Chart option={option} label={t('revenue.chart')} testId="revenue-chart" />}</div>
          </section>
        </div>
      )}
      {editing && (
        <ScenarioDialog
          projectId={project.id}
          scenario={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(list, id) => {
            setScenarios(list);
            setCurrent(id);
            setEditing(null);
          }}
        />
      )}
    </div>
  );
}

export function describeModel(m: RevenueScenario['parties'][number]['model'], t: (k: string, p?: Record<string, string | number>) => string, money: (n: number) => string): string {
  switch (m.kind) {
    case 'fixed':
      return t('revenue.describe.fixed', { amount: money(m.amount) });
    case 'percent':
      return t('revenue.describe.percent', { share: m.share });
    case 'guarantee':
      return t('revenue.describe.guarantee', { minimum: money(m.minimum), share: m.share });
    case 'tiered':
      return m.tiers.map((x) => (x.upTo === null ? t('revenue.describe.tierOpen', { share: x.share }) : t('revenue.describe.tier', { share: x.share, upTo: money(x.upTo) }))).join(' · ');
  }
}
