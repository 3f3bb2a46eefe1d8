import { FACTORS, type RankedPartner } from '../../../../shared/partners';
import { useT } from '../../stores/settings';

/** A partner's score as a stacked bar of its factors' contributions, the risk penalty in red. */
export function ContributionBar({ p, max, colors }: { p: RankedPartner; max: number; colors: string[] }) {
  const t = useT();
  const scale = (x: number) => `${Math.max(0, (100 * x) / (max || 1))}%`;
  return (
    <div className="contrib" role="img" aria-label={FACTORS.map((f) => `${t(`partners.factor.${f}`)} ${p.contributions[f].toFixed(2)}`).join(', ')}>
      <div className="contrib-bar">
        {FACTORS.map((f, i) => (
          <span key={f} style={{ width: scale(p.contributions[f]), background: colors[i] }} title={`${t(`partners.factor.${f}`)}: ${p.factors[f].toFixed(2)} → +${p.contributions[f].toFixed(3)}`} />
        ))}
      </div>
      {p.contributions.risk < 0 && (
        <div className="contrib-risk" style={{ width: scale(-p.contributions.risk) }} title={`${t('partners.factor.risk')}: ${p.factors.risk.toFixed(2)} → ${p.contributions.risk.toFixed(3)}`} />
      )}
    </div>
  );
}
