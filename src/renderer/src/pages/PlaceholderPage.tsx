import { Icon } from '../components/icons';
import type { PageId } from '../stores/router';
import { useT } from '../stores/settings';

/** A page whose release has not landed says so plainly, and what it will hold. */
export default function PlaceholderPage({ page }: { page: PageId }) {
  const t = useT();
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t(`nav.${page}`)}</h1>
      </div>
      <div className="notice" data-testid="not-built">
        <Icon name="info" />
        <div>
          <h2>{t('page.notBuilt')}</h2>
          <p>{t(`page.notBuilt.${page}`)}</p>
        </div>
      </div>
    </div>
  );
}
