import type { ShortlistReview } from '../../../../shared/partners';
import { useT } from '../../stores/settings';

/**
 * What speaks against the shortlist before it reaches the pitch: each shortlisted partner
 * that ranks low, clashes with the project's exclusions or a shortlisted rival, or carries a
 * warning tag. Nothing is shown when the shortlist is clean.
 */
export function ShortlistReviewNote({ review, testId = 'shortlist-review' }: { review: ShortlistReview[] | undefined; testId?: string }) {
  const t = useT();
  const flagged = (review ?? []).filter((r) => r.warnings.length > 0);
  if (!flagged.length) return null;
  const serious = flagged.some((r) => r.warnings.some((w) => w.kind === 'exclusion' || w.kind === 'competitor'));
  return (
    <div className={`shortlist-review ${serious ? 'serious' : ''}`} role="alert" data-testid={testId}>
      <b>{t('review.title', { count: flagged.length })}</b>
      <ul>
        {flagged.flatMap((r) =>
          r.warnings.map((w, i) => (
            <li key={`${r.partnerId}-${i}`} data-kind={w.kind}>
              {t(`review.${w.kind}`, w.params)}
            </li>
          )),
        )}
      </ul>
    </div>
  );
}
