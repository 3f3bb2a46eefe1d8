import type { AppInfo } from '../../../shared/appInfo';
import { useT } from '../stores/settings';

/** Shown instead of the app when the library is damaged or newer than this Tandem. */
export function LibraryErrorScreen({ info }: { info: AppInfo }) {
  const t = useT();
  const { library } = info;
  return (
    <div className="error-screen card" role="alert">
      <div className="body">
        <h1>{t('library.error.title')}</h1>
        {library.errorKind && <p><b>{t(`library.error.${library.errorKind}`)}</b></p>}
        <p className="muted">{library.error}</p>
        <p>
          {library.latestBackup ? t('library.error.backup', { path: '' }) : t('library.error.noBackup', { path: '' })}
          <code>{library.latestBackup ?? library.backupDir}</code>
        </p>
        <p className="muted">{t('library.error.untouched')}</p>
        <code>{library.libraryPath}</code>
      </div>
    </div>
  );
}
