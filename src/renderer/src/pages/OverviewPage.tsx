import { useEffect, useMemo, useState } from 'react';
import { monthlyPacing } from '../../../shared/pacing';
import { KPI_KEYS, type KpiWeights, PRODUCT_KINDS, PROJECT_STATUSES, type Project } from '../../../shared/project';
import { Field } from '../components/Field';
import { RiskCard } from '../components/RiskCard';
import { Chart } from '../charts/Chart';
import { budgetOption, kpiOption } from '../charts/overviewCharts';
import { chartPalette } from '../charts/palette';
import { messagesByField, parseNumberInput } from '../forms';
import { useProject } from '../stores/project';
import { useRouter } from '../stores/router';
import { useFormat, useSettings, useT } from '../stores/settings';
import { type Draft } from './overviewDraft';
import { SaveRefusal, SaveState } from '../components/SaveState';
import { useOverviewDraft } from './useOverviewDraft';

/** Every project field, validated at the field, with the KPI-weight and budget charts. */
export default function OverviewPage() {
  const t = useT();
  const f = useFormat();
  const { lang, theme } = useSettings();
  const project = useProject((s) => s.project) as Project;
  const { draft, set, save, fields, issues, revert } = useOverviewDraft(project, (n) => f.number(n));
  const errors = { ...messagesByField(issues, t), ...(save.issues ? messagesByField(save.issues, t, 'patch.') : {}) };
  const err = (path: string) => errors[path] ?? null;
  const setKpi = (k: (typeof KPI_KEYS)[number], value: string) => set('kpi', { ...draft.kpi, [k]: value });

  const palette = chartPalette(theme);
  const weights = Object.fromEntries(KPI_KEYS.map((k) => [k, weightOf(draft.kpi[k])])) as KpiWeights;
  const kpiTotal = KPI_KEYS.reduce((s, k) => s + weights[k], 0);
  const kpiChart = useMemo(() => kpiOption(weights, t, palette), [JSON.stringify(weights), lang, theme]);
  const budgetValue = parseNumberInput(draft.budget);
  const months = 'value' in budgetValue && budgetValue.value !== null && draft.startDate && draft.endDate
    ? monthlyPacing(budgetValue.value, draft.startDate, draft.endDate)
    : [];
  const currency = /^[A-Z]{3}$/.test(draft.currency.toUpperCase()) ? draft.currency.toUpperCase() : project.currency;
  const monthLabel = (m: string) => new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`));
  const budgetChart = useMemo(
    () => budgetOption(months, monthLabel, (n) => f.money(n, currency), palette),
    [JSON.stringify(months), lang, theme, currency],
  );

  const text = (key: keyof Draft, id: string, opts: { multiline?: boolean; inputMode?: 'decimal'; type?: string } = {}) =>
    opts.multiline ? (
      <textarea id={id} className="input" value={draft[key] as string} aria-invalid={!!err(key)} onChange={(e) => set(key, e.target.value as never)} />
    ) : (
      <input id={id} className="input" type={opts.type ?? 'text'} inputMode={opts.inputMode} value={draft[key] as string} aria-invalid={!!err(key)} onChange={(e) => set(key, e.target.value as never)} />
    );

  return (
    <div className="page">
      <div className="page-head">
        <div style={{ minWidth: 0 }}>
          <h1>{t('overview.title')}</h1>
          <p>
            <span className={`badge status-${project.status}`}>{t(`status.${project.status}`)}</span>{' '}
            {t(`kind.${project.kind}`)}
            {project.client ? ` · ${project.client}` : ''}
          </p>
        </div>
        <div className="toolbar">
          {(save.state === 'invalid' || save.state === 'refused') && (
            <button className="btn ghost small" onClick={revert}>
              {t('common.discard')}
            </button>
          )}
          <SaveState save={save} />
        </div>
      </div>

      {save.state === 'refused' && <SaveRefusal save={save} fallback={errors._ ?? Object.values(errors)[0]} onRevert={revert} />}

      <div className="grid-2">
        <div className="stack">
          <section className="card">
            <header><h2>{t('overview.product')}</h2></header>
            <div className="body form-grid">
              <Field id="f-name" label={t('field.name')} error={err('name')} wide>{text('name', 'f-name')}</Field>
              <Field id="f-client" label={t('field.client')} error={err('client')}>{text('client', 'f-client')}</Field>
              <Field id="f-kind" label={t('field.kind')} error={err('kind')}>
                <select id="f-kind" className="input" value={draft.kind} onChange={(e) => set('kind', e.target.value as Draft['kind'])}>
                  {PRODUCT_KINDS.map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
                </select>
              </Field>
              <Field id="f-title" label={t('field.productTitle')} error={err('productTitle')} wide>{text('productTitle', 'f-title')}</Field>
              <Field id="f-description" label={t('field.description')} error={err('description')} wide>{text('description', 'f-description', { multiline: true })}</Field>
              <Field id="f-tags" label={t('field.tags')} error={err('tags')} hint={t('field.tagsHint')}>{text('tags', 'f-tags')}</Field>
              <Field id="f-price" label={`${t('field.price')} (${currency})`} error={err('price')}>{text('price', 'f-price', { inputMode: 'decimal' })}</Field>
            </div>
          </section>

          <section className="card">
            <header><h2>{t('overview.budgetTimeline')}</h2></header>
            <div className="body form-grid">
              <Field id="f-budget" label={t('field.budget')} error={err('budget')}>{text('budget', 'f-budget', { inputMode: 'decimal' })}</Field>
              <Field id="f-currency" label={t('field.currency')} error={err('currency')}>{text('currency', 'f-currency')}</Field>
              <Field id="f-start" label={t('field.startDate')} error={err('startDate')}>{text('startDate', 'f-start', { type: 'date' })}</Field>
              <Field id="f-end" label={t('field.endDate')} error={err('endDate')}>{text('endDate', 'f-end', { type: 'date' })}</Field>
            </div>
          </section>

          <section className="card">
            <header><h2>{t('overview.exclusionsStatus')}</h2></header>
            <div className="body form-grid">
              <Field id="f-exclusions" label={t('field.exclusions')} error={err('exclusions')} hint={t('field.exclusionsHint')} wide>{text('exclusions', 'f-exclusions')}</Field>
              <Field id="f-status" label={t('field.status')} error={err('status')}>
                <select id="f-status" className="input" value={draft.status} onChange={(e) => set('status', e.target.value as Draft['status'])}>
                  {PROJECT_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
                </select>
              </Field>
            </div>
          </section>
        </div>

        <div className="stack">
          <section className="card">
            <header><div><h2>{t('overview.goals')}</h2><p>{t('overview.weightsShare')}</p></div></header>
            <div className="body" style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
              <Field id="f-goals" label={t('field.goals')} error={err('goals')}>{text('goals', 'f-goals', { multiline: true })}</Field>
              {KPI_KEYS.map((k) => (
                <div className="kpi-row" key={k}>
                  <label htmlFor={`f-kpi-${k}`}>{t(`kpi.${k}`)}</label>
                  <input type="range" min={0} max={100} step={1} aria-label={t(`kpi.${k}`)} value={weights[k]} onChange={(e) => setKpi(k, e.target.value)} />
                  <input id={`f-kpi-${k}`} className="input" inputMode="decimal" value={draft.kpi[k]} aria-invalid={!!err(`kpiWeights.${k}`)} onChange={(e) => setKpi(k, e.target.value)} />
                  {err(`kpiWeights.${k}`) && <span className="error" style={{ gridColumn: '1 / -1', color: 'var(--danger)', fontSize: 12 }}>{err(`kpiWeights.${k}`)}</span>}
                </div>
              ))}
              {kpiTotal > 0 ? <Chart option={kpiChart} label={t('overview.kpiChart')} testId="kpi-chart" /> : <div className="chart-empty">{t('overview.kpiChartEmpty')}</div>}
            </div>
          </section>

          <RiskCard projectId={project.id} status={project.status} />

          <DatasetsCard project={project} />

          <section className="card">
            <header><div><h2>{t('overview.budgetChart')}</h2><p>{t('overview.evenPacing')}</p></div></header>
            <div className="body">
              {months.length > 0 ? <Chart option={budgetChart} label={t('overview.budgetChart')} testId="budget-chart" /> : <div className="chart-empty">{t('overview.budgetChartEmpty')}</div>}
            </div>
          </section>
        </div>
      </div>
    </div>
  );
}

/** A KPI weight as the slider and chart show it while typing: 0..100, 0 when not a number. */
function weightOf(text: string): number {
  const r = parseNumberInput(text);
  return 'value' in r && r.value !== null ? Math.max(0, Math.min(100, r.value)) : 0;
}

/** What data the project holds, one line per kind, linking to the Data page. */
function DatasetsCard({ project }: { project: Project }) {
  const t = useT();
  const f = useFormat();
  const navigate = useRouter((s) => s.navigate);
  return (
    <section className="card">
      <header>
        <h2>{t('overview.datasets')}</h2>
        <button className="btn ghost small" onClick={() => navigate('data')}>
          {t('nav.data')} →
        </button>
      </header>
      <div className="body">
        {project.datasets.length === 0 ? (
          <p className="muted" style={{ margin: 0 }}>{t('data.none')}</p>
        ) : (
          <div className="chips">
            {project.datasets.map((d) => (
              <span className="chip" key={d.kind}>
                {t(`dataset.${d.kind}`)} {f.number(d.rows)}
              </span>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
