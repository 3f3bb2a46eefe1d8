import { useMemo } from 'react';
import { CHANNELS, CONTENT_FORMS, type ContentItem } from '../../../../shared/plan';
import { Chart } from '../../charts/Chart';
import { chartPalette } from '../../charts/palette';
import { timelineOption } from '../../charts/timelineChart';
import type { StepProps } from '../../pages/PlanPage';
import { useSettings, useT } from '../../stores/settings';
import { newLocalId } from './localId';

/** Step 4: the co-branded content — form, partners, launch channels and dates — and the timeline they make. */
export function StepContent({ plan, campaign, view, change, issue }: StepProps) {
  const t = useT();
  const { lang, theme } = useSettings();
  const palette = chartPalette(theme);
  const items = plan.content;
  const setItems = (content: ContentItem[]) => change({ ...plan, content });
  const patch = (i: number, p: Partial<ContentItem>) => setItems(items.map((c, j) => (j === i ? { ...c, ...p } : c)));
  const add = () =>
    setItems([
      ...items,
      {
        id: newLocalId('c', items.map((c) => c.id)),
        form: CONTENT_FORMS[items.length % CONTENT_FORMS.length],
        title: '',
        partnerIds: view.shortlist.length ? [view.shortlist[items.length % view.shortlist.length].id] : [],
        channels: [],
        start: campaign.startDate,
        end: campaign.endDate,
        notes: '',
      },
    ]);
  const label = (c: ContentItem) => c.title.trim() || t(`plan.form.${c.form}`);
  const dated = items.filter((c) => c.start && c.end);
  const option = useMemo(
    () => (dated.length ? timelineOption(items, campaign, label, (x) => t(`plan.form.${x}`), palette, { start: t('plan.content.launch'), end: t('plan.content.close') }) : null),
    [JSON.stringify(items), campaign.startDate, campaign.endDate, lang, theme],
  );
  const toggle = <T,>(list: T[], x: T) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);

  return (
    <div className="stack">
      <section className="card">
        <header><div><h2>{t('plan.content.timeline')}</h2><p>{campaign.startDate && campaign.endDate ? t('plan.content.window', { start: campaign.startDate, end: campaign.endDate }) : t('plan.gap.noDates')}</p></div></header>
        <div className="body timeline" style={{ height: Math.max(160, 60 + dated.length * 34) }}>
          {option ? <Chart option={option} label={t('plan.content.timeline')} testId="timeline-chart" /> : <div className="chart-empty">{t('plan.content.noDated')}</div>}
        </div>
      </section>
      <section className="card">
        <header>
          <div><h2>{t('plan.content.title')}</h2><p>{t('plan.content.hint')}</p></div>
          <button className="btn primary" onClick={add} data-testid="plan-add-content">{t('plan.content.add')}</button>
        </header>
        <div className="body">
          {items.length === 0 && <div className="chart-empty">{t('plan.gap.noContent')}</div>}
          <div className="content-items">
            {items.map((c, i) => (
              <article key={c.id} className="content-item" data-testid="content-item">
                <div className="row">
                  <span className="idx">{i + 1}</span>
                  <select className="input" value={c.form} aria-label={t('plan.content.form')} onChange={(e) => patch(i, { form: e.target.value as ContentItem['form'] })}>
                    {CONTENT_FORMS.map((x) => <option key={x} value={x}>{t(`plan.form.${x}`)}</option>)}
                  </select>
                  <input className="input grow" value={c.title} placeholder={t(`plan.form.${c.form}`)} aria-label={t('plan.content.itemTitle')} onChange={(e) => patch(i, { title: e.target.value })} />
                  <input type="date" className="input" value={c.start ?? ''} aria-label={t('plan.needs.start')} aria-invalid={!!issue(`plan.content.${i}.start`)} onChange={(e) => patch(i, { start: e.target.value || null })} />
                  <span className="muted">→</span>
                  <input type="date" className="input" value={c.end ?? ''} aria-label={t('plan.needs.end')} aria-invalid={!!issue(`plan.content.${i}.end`)} onChange={(e) => patch(i, { end: e.target.value || null })} />
                  <button className="icon-btn" aria-label={t('plan.content.remove', { n: i + 1 })} onClick={() => setItems(items.filter((_, j) => j !== i))}>×</button>
                </div>
                {(issue(`plan.content.${i}.end`) || issue(`plan.content.${i}.start`)) && <p className="error small" role="alert">{issue(`plan.content.${i}.end`) ?? issue(`plan.content.${i}.start`)}</p>}
                <div className="row wrap">
                  <span className="muted small lead">{t('plan.content.partners')}</span>
                  <div className="chips toggles">
                    {view.shortlist.map((p) => (
                      <label key={p.id} className={`chip${c.partnerIds.includes(p.id) ? ' on' : ''}`}>
                        <input type="checkbox" checked={c.partnerIds.includes(p.id)} onChange={() => patch(i, { partnerIds: toggle(c.partnerIds, p.id) })} /> {p.name}
                      </label>
                    ))}
                    {!view.shortlist.length && <span className="muted small">{t('plan.gap.noShortlist')}</span>}
                  </div>
                </div>
                <div className="row wrap">
                  <span className="muted small lead">{t('plan.content.channels')}</span>
                  <div className="chips toggles">
                    {CHANNELS.map((ch) => (
                      <label key={ch} className={`chip${c.channels.includes(ch) ? ' on' : ''}`}>
                        <input type="checkbox" checked={c.channels.includes(ch)} onChange={() => patch(i, { channels: toggle(c.channels, ch) })} /> {t(`plan.channel.${ch}`)}
                      </label>
                    ))}
                  </div>
                </div>
              </article>
            ))}
          </div>
        </div>
      </section>
    </div>
  );
}
