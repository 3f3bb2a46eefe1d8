import type { StepProps } from '../../pages/PlanPage';
import { segmentLabel } from '../../../../shared/segments';
import { useFormat, useSettings, useT } from '../../stores/settings';

/** The plan at a glance: every step's answer in one line, and how many gaps are left. */
export function PlanSummary({ plan, campaign, currency, view }: StepProps) {
  const t = useT();
  const f = useFormat();
  const { lang } = useSettings();
  const segs = view.run?.segments.filter((s) => plan.needs.segments?.ids.includes(s.id) && !view.staleSegments) ?? [];
  const none = '—';
  const rows: [string, string][] = [
    [t('plan.needs.needs'), plan.needs.needs.map((n) => t(`plan.need.${n}`)).join(lang === 'zh-CN' ? '、' : ', ') || none],
    [t('plan.needs.segments'), segs.length ? segs.map((s) => segmentLabel(s, lang)).join(lang === 'zh-CN' ? '、' : ', ') : t('plan.summary.allSegments')],
    [t('plan.needs.budget'), campaign.budget > 0 ? f.money(campaign.budget, currency) : none],
    [t('plan.summary.dates'), campaign.startDate && campaign.endDate ? `${campaign.startDate} → ${campaign.endDate}` : none],
    [t('plan.coop.model'), plan.cooperation.model ? t(`plan.model.${plan.cooperation.model}`) : none],
    [t('plan.coop.goals'), t(`partners.preset.${plan.cooperation.preset}`)],
    [t('plan.short.shortlist'), view.shortlist.map((p) => p.name).join(lang === 'zh-CN' ? '、' : ', ') || none],
    [t('plan.content.title'), plan.content.length ? t('plan.summary.content', { count: plan.content.length, forms: [...new Set(plan.content.map((c) => t(`plan.form.${c.form}`)))].join(lang === 'zh-CN' ? '、' : ', ') }) : none],
    [t('plan.metrics.title'), plan.metrics.length ? t('plan.summary.metrics', { count: plan.metrics.length, set: plan.metrics.filter((m) => m.target !== null).length }) : none],
  ];
  return (
    <section className="card" data-testid="plan-summary">
      <header>
        <div><h2>{t('plan.summary.title')}</h2><p>{view.gaps.length ? t('plan.gapCount', { count: view.gaps.length }) : t('plan.summary.complete')}</p></div>
      </header>
      <div className="body">
        <dl className="summary">
          {rows.map(([k, v]) => (
            <div key={k}><dt>{k}</dt><dd>{v}</dd></div>
          ))}
        </dl>
      </div>
    </section>
  );
}
