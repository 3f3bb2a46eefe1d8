import { METRIC_UNIT, METRICS, type Metric, type MetricItem, type Plan } from '../../../../shared/plan';
import type { StepProps } from '../../pages/PlanPage';
import { useT } from '../../stores/settings';
import { newLocalId } from './localId';
import { NumberInput } from './NumberInput';
import { PlanSummary } from './PlanSummary';

/** The metrics that show each need was met: the strategist adds them, or takes these. */
const SUGGESTED: Record<Plan['needs']['needs'][number], Metric[]> = {
  newUsers: ['signups'],
  brandAwareness: ['reach', 'newFollowers'],
  courseSales: ['sales', 'revenue', 'conversionRate'],
  retention: ['engagementRate'],
  premiumImage: ['nps'],
  newMarket: ['reach', 'signups'],
};

/** Step 5: success metrics with a baseline, a target and a date, and the whole plan at a glance. */
export function StepMetrics(props: StepProps) {
  const { plan, campaign, currency, change, issue } = props;
  const t = useT();
  const rows = plan.metrics;
  const setRows = (metrics: MetricItem[]) => change({ ...plan, metrics });
  const patch = (i: number, p: Partial<MetricItem>) => setRows(rows.map((m, j) => (j === i ? { ...m, ...p } : m)));
  const blank = (metric: Metric, taken: string[]): MetricItem => ({ id: newLocalId('m', taken), metric, label: '', target: null, baseline: null, due: campaign.endDate });
  const add = () => setRows([...rows, blank('custom', rows.map((m) => m.id))]);
  const suggest = () => {
    const have = new Set(rows.map((m) => m.metric));
    const next = [...rows];
    for (const need of plan.needs.needs) for (const m of SUGGESTED[need]) if (!have.has(m)) { have.add(m); next.push(blank(m, next.map((x) => x.id))); }
    setRows(next);
  };
  const unit = (m: Metric) => (METRIC_UNIT[m] === 'money' ? currency : METRIC_UNIT[m] === 'percent' ? '%' : METRIC_UNIT[m] === 'score' ? t('plan.metrics.score') : '');

  return (
    <div className="stack">
      <section className="card">
        <header>
          <div><h2>{t('plan.metrics.title')}</h2><p>{t('plan.metrics.hint')}</p></div>
          <div className="actions">
            <button className="btn" onClick={suggest} disabled={!plan.needs.needs.length} data-testid="plan-suggest-metrics">{t('plan.metrics.suggest')}</button>
            <button className="btn primary" onClick={add}>{t('plan.metrics.add')}</button>
          </div>
        </header>
        <div className="body">
          {rows.length === 0 ? (
            <div className="chart-empty">{t('plan.gap.noMetrics')}</div>
          ) : (
            <table className="data metrics" data-testid="plan-metrics">
              <thead>
                <tr>
                  <th style={{ width: '34%' }}>{t('plan.metrics.metric')}</th>
                  <th>{t('plan.metrics.baseline')}</th>
                  <th>{t('plan.metrics.target')}</th>
                  <th style={{ width: 170 }}>{t('plan.metrics.due')}</th>
                  <th style={{ width: 40 }} />
                </tr>
              </thead>
              <tbody>
                {rows.map((m, i) => (
                  <tr key={m.id}>
                    <td>
                      <select className="input" value={m.metric} aria-label={t('plan.metrics.metric')} onChange={(e) => patch(i, { metric: e.target.value as Metric })}>
                        {METRICS.map((x) => <option key={x} value={x}>{t(`plan.metric.${x}`)}</option>)}
                      </select>
                      {m.metric === 'custom' && <input className="input" value={m.label} placeholder={t('plan.metrics.customName')} aria-label={t('plan.metrics.customName')} aria-invalid={!!issue(`plan.metrics.${i}.label`)} onChange={(e) => patch(i, { label: e.target.value })} />}
                    </td>
                    <td><NumberInput value={m.baseline} onValue={(v) => patch(i, { baseline: v })} label={t('plan.metrics.baseline')} max={METRIC_UNIT[m.metric] === 'percent' ? 100 : undefined} /> <span className="unit">{unit(m.metric)}</span></td>
                    <td><NumberInput value={m.target} onValue={(v) => patch(i, { target: v })} label={t('plan.metrics.target')} max={METRIC_UNIT[m.metric] === 'percent' ? 100 : undefined} error={issue(`plan.metrics.${i}.target`)} /> <span className="unit">{unit(m.metric)}</span></td>
                    <td><input type="date" className="input" value={m.due ?? ''} aria-label={t('plan.metrics.due')} onChange={(e) => patch(i, { due: e.target.value || null })} /></td>
                    <td><button className="icon-btn" aria-label={t('plan.metrics.remove', { n: i + 1 })} onClick={() => setRows(rows.filter((_, j) => j !== i))}>×</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </section>
      <PlanSummary {...props} />
    </div>
  );
}
