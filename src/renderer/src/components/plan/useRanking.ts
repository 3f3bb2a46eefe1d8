import { useEffect, useState } from 'react';
import type { Plan } from '../../../../shared/plan';
import type { Ranking } from '../../../../shared/partners';
import { callResult } from '../../bridge';

/**
 * The ranking under the plan's weights and target segments (and its partner kinds unless
 * `everyKind`: the comparison needs shortlisted partners of any kind), re-asked 150 ms after a change.
 */
export function useRanking(projectId: number, plan: Plan, shortlistKey: string, everyKind = false) {
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [error, setError] = useState<string | null>(null);
  const segments = plan.needs.segments?.ids;
  useEffect(() => {
    const timer = setTimeout(async () => {
      const r = await callResult('partners.rank', {
        projectId,
        weights: plan.cooperation.weights,
        ...(plan.cooperation.types.length && !everyKind ? { types: plan.cooperation.types } : {}),
        ...(segments?.length ? { segments } : {}),
      });
      if (r.ok) {
        setRanking(r.value);
        setError(null);
      } else setError(r.error.message);
    }, 150);
    return () => clearTimeout(timer);
  }, [projectId, JSON.stringify(plan.cooperation), segments?.join(), shortlistKey, everyKind]);
  return { ranking, error };
}
