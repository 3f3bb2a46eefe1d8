import { DATASET_KINDS } from '../../../shared/project';
import { Icon } from '../components/icons';
import { useProject } from '../stores/project';
import { useFormat, useT } from '../stores/settings';

/** The datasets a project holds. Importing arrives with the data release, and says so. */
export default function DataPage() {
  const t = useT();
  const f = useFormat();
  const project = useProject((s) => s.project)!;
  const byKind = new Map(project.datasets.map((d) => [d.kind, d]));
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('data.title')}</h1>
      </div>
      <div className="notice" style={{ marginBottom: 18 }}>
        <Icon name="info" />
        <div>
          <h2>{t('page.notBuilt')}</h2>
          <p>{t('page.notBuilt.data')}</p>
        </div>
      </div>
      <section className="card">
        <div className="body">
          <table className="data" data-testid="datasets">
            <thead>
              <tr>
                <th>{t('data.kind')}</th>
                <th className="num">{t('data.rows')}</th>
                <th>{t('data.source')}</th>
                <th>{t('data.importedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {DATASET_KINDS.map((kind) => {
                const d = byKind.get(kind);
                return (
                  <tr key={kind}>
                    <td>{t(`dataset.${kind}`)}</td>
                    <td className="num">{d ? f.number(d.rows) : t('common.none')}</td>
                    <td>{d?.source ?? t('common.none')}</td>
                    <td>{d?.importedAt ? f.dateTime(d.importedAt) : t('common.none')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
