import type { AppInfo } from '../../../shared/appInfo';
import { useT } from '../stores/settings';
import { Dialog } from './Dialog';

export function AboutDialog({ info, onClose }: { info: AppInfo; onClose(): void }) {
  const t = useT();
  return (
    <Dialog title={t('about.title')} onClose={onClose} footer={<button className="btn primary" onClick={onClose}>{t('common.close')}</button>}>
      <p>
        <b>{t('app.name')}</b> · {t('about.version', { version: info.version })}
      </p>
      <p>{t('about.text')}</p>
      <p>
        {t('status.bar.dataDir')}: <code>{info.dataDir}</code>
      </p>
    </Dialog>
  );
}
