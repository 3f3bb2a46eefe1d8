import type { PlanView } from '../../../../shared/plan';
import { useT } from '../../stores/settings';

/** What a step still misses; the plan is saved regardless, the gaps say what a pitch would lack. */
export function PlanGaps({ gaps }: { gaps: PlanView['gaps'] }) {
  const t = useT();
  if (!gaps.length) return <p className="gaps ok" data-testid="plan-gaps">✓ {t('plan.noGaps')}</p>;
  return (
    <ul className="gaps" data-testid="plan-gaps" aria-label={t('plan.gapsTitle')}>
      {gaps.map((g, i) => <li key={i}>{t(g.key, g.params)}</li>)}
    </ul>
  );
}
