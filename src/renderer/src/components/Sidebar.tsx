import { useProject } from '../stores/project';
import { type PageId, useRouter } from '../stores/router';
import { useSettings, useT } from '../stores/settings';
import { Icon, type IconName } from './icons';

const PROJECT_PAGES: { id: PageId; icon: IconName }[] = [
  { id: 'overview', icon: 'overview' },
  { id: 'data', icon: 'data' },
  { id: 'audience', icon: 'audience' },
  { id: 'partners', icon: 'partners' },
  { id: 'plan', icon: 'plan' },
  { id: 'risk', icon: 'risk' },
  { id: 'forecast', icon: 'forecast' },
  { id: 'report', icon: 'report' },
];

export function Sidebar() {
  const t = useT();
  const { page, projectId, navigate } = useRouter();
  const project = useProject((s) => s.project);
  const { settings, update } = useSettings();
  const open = projectId !== null && project?.id === projectId;

  return (
    <nav className="sidebar" aria-label="Tandem">
      <div className="brand">
        <div className="brand-mark">T</div>
        <div>
          <div className="brand-name">{t('app.name')}</div>
          <div className="brand-tag">{t('app.tagline')}</div>
        </div>
      </div>
      <button className="nav-item" aria-current={page === 'projects' ? 'page' : undefined} onClick={() => navigate('projects')}>
        <Icon name="projects" />
        {t('nav.projects')}
      </button>
      {open ? (
        <>
          <div className="nav-section">{t('nav.currentProject')}</div>
          <div className="nav-project" title={project!.name}>
            {project!.name}
          </div>
        </>
      ) : (
        <div className="nav-hint">{t('nav.noProject')}</div>
      )}
      {PROJECT_PAGES.map((p) => (
        <button
          key={p.id}
          className="nav-item"
          disabled={!open}
          aria-current={open && page === p.id ? 'page' : undefined}
          onClick={() => navigate(p.id)}
        >
          <Icon name={p.icon} />
          {t(`nav.${p.id}`)}
        </button>
      ))}
      <div className="sidebar-foot">
        <div className="seg" role="group" aria-label={t('settings.language')}>
          {(['system', 'en', 'zh-CN'] as const).map((l) => (
            <button key={l} aria-pressed={settings.language === l} onClick={() => void update({ language: l })}>
              {l === 'system' ? t('settings.system') : l === 'en' ? 'EN' : '中文'}
            </button>
          ))}
        </div>
        <div className="seg" role="group" aria-label={t('settings.theme')}>
          {(['system', 'light', 'dark'] as const).map((th) => (
            <button key={th} aria-pressed={settings.theme === th} onClick={() => void update({ theme: th })}>
              {t(`settings.${th}`)}
            </button>
          ))}
        </div>
      </div>
    </nav>
  );
}
