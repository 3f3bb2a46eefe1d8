import type { Verdict } from '../../../shared/verdict';
import { useT } from '../stores/settings';

/**
 * A model's verdict where its figures stand: the level as a badge, and its reasons — the
 * ones that set the level first, then what holds.
 */
export function VerdictBadge({ verdict, testId = 'verdict' }: { verdict: Verdict | undefined; testId?: string }) {
  const t = useT();
  if (!verdict) return null;
  const ordered = [...verdict.reasons.filter((r) => r.level === verdict.level), ...verdict.reasons.filter((r) => r.level !== verdict.level)];
  return (
    <div className={`verdict verdict-${verdict.level}`} data-testid={testId} data-level={verdict.level} role="note">
      <span className="verdict-level">{t(`verdict.level.${verdict.level}`)}</span>
      <span className="verdict-reasons">
        {ordered.map((r) => t(r.key, r.params)).join(' ')}
      </span>
    </div>
  );
}
