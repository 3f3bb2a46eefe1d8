import { FACTORS, type Factor, PRESET_WEIGHTS, PRESETS, type Preset } from '../../../../shared/partners';
import type { ChartPalette } from '../../charts/palette';
import { useT } from '../../stores/settings';

export type Weights = Record<Factor | 'risk', number>;

/** The goal presets (awareness, engagement, conversion) and one slider per factor and the risk penalty. */
export function PresetButtons({ preset, weights, onPreset }: { preset: Preset; weights: Weights; onPreset: (p: Preset) => void }) {
  const t = useT();
  return (
    <div className="seg" role="group" aria-label={t('partners.preset')}>
      {PRESETS.map((p) => (
        <button key={p} aria-pressed={preset === p && JSON.stringify(weights) === JSON.stringify(PRESET_WEIGHTS[p])} onClick={() => onPreset(p)}>
          {t(`partners.preset.${p}`)}
        </button>
      ))}
    </div>
  );
}

export function WeightSliders({ weights, onChange, palette }: { weights: Weights; onChange: (w: Weights) => void; palette: ChartPalette }) {
  const t = useT();
  return (
    <>
      {[...FACTORS, 'risk' as const].map((k, i) => (
        <label key={k} className="weight">
          <span><i className="swatch" style={{ background: k === 'risk' ? 'var(--danger)' : palette.series[i] }} /> {t(`partners.factor.${k}`)}</span>
          <input type="range" min={0} max={100} value={Math.round(weights[k] * 100)} aria-label={t(`partners.factor.${k}`)} onChange={(e) => onChange({ ...weights, [k]: Number(e.target.value) / 100 })} />
          <span className="num">{Math.round(weights[k] * 100)}</span>
        </label>
      ))}
    </>
  );
}
