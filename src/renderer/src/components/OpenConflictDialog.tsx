import type { ProjectFileSummary } from '../../../shared/contract';
import { runOpen } from '../projectFileFlow';
import { useT } from '../stores/settings';
import { useUi } from '../stores/ui';
import { Dialog } from './Dialog';

/** Asked when an opened `.tandem` file holds a project the library already has. */
export function OpenConflictDialog({ summary }: { summary: ProjectFileSummary }) {
  const t = useT();
  const close = () => useUi.getState().set({ openConflict: null });
  return (
    <Dialog
      title={t('projectFile.conflictTitle')}
      onClose={close}
      footer={
        <>
          <button className="btn" onClick={close}>
            {t('common.cancel')}
          </button>
          <button className="btn" onClick={() => void runOpen(summary, 'replace')}>
            {t('projectFile.replace')}
          </button>
          <button className="btn primary" onClick={() => void runOpen(summary, 'copy')}>
            {t('projectFile.asCopy')}
          </button>
        </>
      }
    >
      <p>{t('projectFile.conflictBody', { name: summary.manifest?.projectName ?? '', file: summary.fileName, id: summary.existing?.id ?? 0 })}</p>
    </Dialog>
  );
}
