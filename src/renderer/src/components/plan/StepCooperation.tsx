import { useEffect, useState } from 'react';
import { COOPERATION_MODELS } from '../../../../shared/plan';
import { PRESET_WEIGHTS } from '../../../../shared/partners';
import { call } from '../../bridge';
import { chartPalette } from '../../charts/palette';
import type { StepProps } from '../../pages/PlanPage';
import { useFormat, useSettings, useT } from '../../stores/settings';
import { PresetButtons, WeightSliders } from '../partners/WeightSliders';
import { useRanking } from './useRanking';

/** Step 2: the kind of cooperation, the goals as factor weights, the partner kinds considered, and the ranking they give. */
export function StepCooperation({ projectId, plan, currency, change, view }: StepProps) {
  const t = useT();
  const f = useFormat();
  const { theme } = useSettings();
  const palette = chartPalette(theme);
  const co = plan.cooperation;
  const set = (patch: Partial<typeof co>) => change({ ...plan, cooperation: { ...co, ...patch } });
  const [types, setTypes] = useState<string[]>([]);
  useEffect(() => void call('partners.network', { projectId }).then((n) => setTypes([...new Set(n.nodes.map((x) => x.type).filter(Boolean))].sort())), [projectId]);
  const { ranking, error } = useRanking(projectId, plan, view.shortlist.map((s) => s.id).join());
  const typeLabel = (x: string) => (t(`partnerType.${x}`) === `partnerType.${x}` ? x : t(`partnerType.${x}`));

  return (
    <div className="stack">
      <section className="card">
        <header><div><h2>{t('plan.coop.model')}</h2><p>{t('plan.coop.modelHint')}</p></div></header>
        <div className="body tiles" role="radiogroup" aria-label={t('plan.coop.model')}>
          {COOPERATION_MODELS.map((m) => (
            <button key={m} role="radio" aria-checked={co.model === m} className={`tile${co.model === m ? ' on' : ''}`} onClick={() => set({ model: m })}>
              <b>{t(`plan.model.${m}`)}</b>
              <small>{t(`plan.modelHint.${m}`)}</small>
            </button>
          ))}
        </div>
      </section>
      <div className="grid-2">
        <section className="card">
          <header>
            <div><h2>{t('plan.coop.goals')}</h2><p>{t('plan.coop.goalsHint')}</p></div>
            <PresetButtons preset={co.preset} weights={co.weights} onPreset={(p) => set({ preset: p, weights: { ...PRESET_WEIGHTS[p] } })} />
          </header>
          <div className="body weights single">
            <WeightSliders weights={co.weights} onChange={(w) => set({ weights: w })} palette={palette} />
            <div className="field">
              <label>{t('plan.coop.types')}</label>
              <div className="chips toggles">
                {types.map((x) => (
                  <label key={x} className={`chip${co.types.includes(x) ? ' on' : ''}`}>
                    <input type="checkbox" checked={co.types.includes(x)} onChange={() => set({ types: co.types.includes(x) ? co.types.filter((y) => y !== x) : [...co.types, x] })} /> {typeLabel(x)}
                  </label>
                ))}
              </div>
              <span className="hint">{co.types.length ? t('plan.coop.typesSome', { count: co.types.length }) : t('plan.coop.typesAll')}</span>
            </div>
          </div>
        </section>
        <section className="card" data-testid="plan-preview">
          <header><div><h2>{t('plan.coop.preview')}</h2><p>{ranking?.segments.targeted ? t('partners.fitTargeted', { n: ranking.segments.names.length }) : t('plan.coop.previewHint')}</p></div></header>
          <div className="body">
            {error && <p className="error" role="alert">{error}</p>}
            <ol className="preview-list">
              {ranking?.partners.slice(0, 8).map((p) => (
                <li key={p.id}>
                  <span className="pname">{p.name} <span className="muted small">{typeLabel(p.type)}</span></span>
                  <span className="num">{p.score.toFixed(2)}</span>
                  <span className="num muted">{p.fee === null ? '—' : f.money(p.fee, currency)}</span>
                </li>
              ))}
            </ol>
          </div>
        </section>
      </div>
    </div>
  );
}
