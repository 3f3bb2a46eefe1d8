import type { ReportSettings } from '../../../../shared/report';
import { useT } from '../../stores/settings';

/** The report's cover, language and sections: tick, order (up / down) and a note for each. */
export function ReportSettingsPanel({ settings, logo, change, pickLogo, clearLogo }: {
  settings: ReportSettings;
  logo: string | null;
  change: (s: ReportSettings) => void;
  pickLogo: () => void;
  clearLogo: () => void;
}) {
  const t = useT();
  const set = (patch: Partial<ReportSettings>) => change({ ...settings, ...patch });
  const move = (i: number, by: number) => {
    const sections = [...settings.sections];
    const [s] = sections.splice(i, 1);
    sections.splice(i + by, 0, s);
    set({ sections });
  };
  const section = (i: number, patch: Partial<ReportSettings['sections'][number]>) => set({ sections: settings.sections.map((s, k) => (k === i ? { ...s, ...patch } : s)) });
  return (
    <div className="report-settings">
      <section className="card">
        <header><div><h2>{t('report.cover')}</h2></div></header>
        <div className="body form-grid">
          <label className="field">{t('report.titleField')}<input className="input" value={settings.title} maxLength={200} placeholder={t('report.titlePlaceholder')} onChange={(e) => set({ title: e.target.value })} /></label>
          <label className="field">{t('report.client')}<input className="input" value={settings.client} maxLength={200} placeholder={t('report.clientPlaceholder')} onChange={(e) => set({ client: e.target.value })} /></label>
          <label className="field">{t('report.date')}<input className="input" type="date" value={settings.date ?? ''} onChange={(e) => set({ date: e.target.value || null })} /></label>
          <label className="field">{t('report.language')}
            <select className="input" value={settings.lang} onChange={(e) => set({ lang: e.target.value as ReportSettings['lang'] })} data-testid="report-lang">
              <option value="zh-CN">中文（简体）</option>
              <option value="en">English</option>
            </select>
          </label>
          <div className="field">
            {t('report.logo')}
            <div className="seg-row">
              {logo ? <img src={logo} alt={t('report.logo')} className="logo-preview" data-testid="logo-preview" /> : <span className="muted small">{t('report.noLogo')}</span>}
              <button className="btn" onClick={pickLogo} data-testid="logo-pick">{t('report.pickLogo')}</button>
              {logo && <button className="btn ghost" onClick={clearLogo}>{t('report.clearLogo')}</button>}
            </div>
            <span className="muted small">{t('report.logoHint')}</span>
          </div>
        </div>
      </section>
      <section className="card" style={{ marginTop: 14 }}>
        <header><div><h2>{t('report.sections')}</h2><p>{t('report.sectionsHint')}</p></div></header>
        <ol className="body report-section-list" data-testid="report-sections">
          {settings.sections.map((s, i) => (
            <li key={s.id} data-section={s.id}>
              <div className="seg-row">
                <label className="inline grow"><input type="checkbox" checked={s.on} onChange={(e) => section(i, { on: e.target.checked })} /> {t(`report.section.${s.id}`)}</label>
                <button className="btn ghost small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('report.moveUp', { name: t(`report.section.${s.id}`) })}>↑</button>
                <button className="btn ghost small" disabled={i === settings.sections.length - 1} onClick={() => move(i, 1)} aria-label={t('report.moveDown', { name: t(`report.section.${s.id}`) })}>↓</button>
              </div>
              {s.on && <textarea className="input" rows={2} maxLength={4000} value={s.note} placeholder={t('report.notePlaceholder')} aria-label={t('report.noteFor', { name: t(`report.section.${s.id}`) })} onChange={(e) => section(i, { note: e.target.value })} />}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
