import type { AppInfo } from '../../../shared/appInfo';
import { useT } from '../stores/settings';
import { JobProgress } from './JobProgress';

export function StatusBar({ info }: { info: AppInfo | null }) {
  const t = useT();
  return (
    <footer className="statusbar">
      <span>{t('status.bar.ready')}</span>
      {info && (
        <span className="path" title={info.dataDir}>
          {t('status.bar.dataDir')}: {info.dataDir}
        </span>
      )}
      <span className="spacer" />
      <JobProgress />
      {info && <span>v{info.version}</span>}
    </footer>
  );
}
