import { useState } from 'react';
import { segmentLabel } from '../../../../shared/segments';
import { NEEDS } from '../../../../shared/plan';
import { parseNumberInput } from '../../forms';
import type { StepProps } from '../../pages/PlanPage';
import { useRouter } from '../../stores/router';
import { useFormat, useSettings, useT } from '../../stores/settings';
import { Field } from '../Field';

/** Step 1: what the campaign must achieve, its budget and dates, and the segments the partners must reach. */
export function StepNeeds({ plan, campaign, currency, view, change, issue }: StepProps) {
  const t = useT();
  const f = useFormat();
  const { lang } = useSettings();
  const navigate = useRouter((s) => s.navigate);
  const [budgetText, setBudgetText] = useState(campaign.budget ? String(campaign.budget) : '');
  const [budgetError, setBudgetError] = useState<string | null>(null);
  const needs = plan.needs;
  const chosen = new Set(needs.segments?.ids ?? []);
  const run = view.run;
  const targeted = run?.segments.filter((s) => (needs.segments && !view.staleSegments ? chosen.has(s.id) : true)) ?? [];
  const reach = targeted.reduce((s, x) => s + x.size, 0);

  const toggleNeed = (n: (typeof NEEDS)[number]) => change({ ...plan, needs: { ...needs, needs: needs.needs.includes(n) ? needs.needs.filter((x) => x !== n) : [...needs.needs, n] } });
  const toggleSegment = (id: number) => {
    if (!run) return;
    const base = view.staleSegments ? new Set<number>() : new Set(chosen);
    if (base.has(id)) base.delete(id);
    else base.add(id);
    change({ ...plan, needs: { ...needs, segments: base.size ? { run: run.createdAt, ids: [...base].sort((a, b) => a - b) } : null } });
  };
  const setBudget = (text: string) => {
    setBudgetText(text);
    const parsed = parseNumberInput(text);
    if ('invalid' in parsed) return setBudgetError(t('validation.number'));
    if (parsed.value !== null && parsed.value < 0) return setBudgetError(t('validation.nonNegative'));
    setBudgetError(null);
    change(plan, { ...campaign, budget: parsed.value ?? 0 });
  };

  return (
    <div className="grid-2">
      <section className="card">
        <header><div><h2>{t('plan.needs.title')}</h2><p>{t('plan.needs.hint')}</p></div></header>
        <div className="body form-grid">
          <div className="field wide">
            <label>{t('plan.needs.needs')}</label>
            <div className="chips toggles" role="group" aria-label={t('plan.needs.needs')}>
              {NEEDS.map((n) => (
                <label key={n} className={`chip${needs.needs.includes(n) ? ' on' : ''}`}>
                  <input type="checkbox" checked={needs.needs.includes(n)} onChange={() => toggleNeed(n)} /> {t(`plan.need.${n}`)}
                </label>
              ))}
            </div>
          </div>
          <Field id="plan-brief" label={t('plan.needs.brief')} wide error={issue('plan.needs.brief')}>
            <textarea id="plan-brief" className="input" rows={4} value={needs.brief} placeholder={t('plan.needs.briefPlaceholder')} onChange={(e) => change({ ...plan, needs: { ...needs, brief: e.target.value } })} />
          </Field>
          <Field id="plan-budget" label={`${t('plan.needs.budget')} (${currency})`} error={budgetError ?? issue('campaign.budget')}>
            <input id="plan-budget" className="input" inputMode="decimal" value={budgetText} onChange={(e) => setBudget(e.target.value)} aria-invalid={!!budgetError} />
          </Field>
          <div className="field-pair">
            <Field id="plan-start" label={t('plan.needs.start')} error={issue('campaign.startDate')}>
              <input id="plan-start" type="date" className="input" value={campaign.startDate ?? ''} onChange={(e) => change(plan, { ...campaign, startDate: e.target.value || null })} />
            </Field>
            <Field id="plan-end" label={t('plan.needs.end')} error={issue('campaign.endDate')}>
              <input id="plan-end" type="date" className="input" value={campaign.endDate ?? ''} onChange={(e) => change(plan, { ...campaign, endDate: e.target.value || null })} />
            </Field>
          </div>
        </div>
      </section>

      <section className="card" data-testid="plan-segments">
        <header>
          <div>
            <h2>{t('plan.needs.segments')}</h2>
            <p>{run ? t('plan.needs.segmentsHint') : t('plan.needs.noRun')}</p>
          </div>
        </header>
        <div className="body">
          {!run ? (
            <div className="chart-empty">
              <button className="btn" onClick={() => navigate('audience')}>{t('plan.needs.toAudience')}</button>
            </div>
          ) : (
            <>
              {view.staleSegments && <p className="error" role="alert">{t('plan.gap.staleSegments')}</p>}
              <ul className="segment-picks">
                {run.segments.map((s) => {
                  const on = !view.staleSegments && chosen.has(s.id);
                  return (
                    <li key={s.id} className={on ? 'on' : ''}>
                      <label>
                        <input type="checkbox" checked={on} onChange={() => toggleSegment(s.id)} />
                        <span className="name">{segmentLabel(s, lang)}</span>
                        <span className="num">{f.number(s.size)}</span>
                        <span className="num muted">{(s.share * 100).toFixed(1)}%</span>
                        <span className="bar"><i style={{ width: `${Math.round(s.share * 100)}%` }} /></span>
                      </label>
                    </li>
                  );
                })}
              </ul>
              <p className="muted small" data-testid="plan-reach">
                {needs.segments && !view.staleSegments ? t('plan.needs.targeted', { count: targeted.length, users: f.number(reach) }) : t('plan.needs.allSegments', { users: f.number(reach) })}
              </p>
            </>
          )}
        </div>
      </section>
    </div>
  );
}
