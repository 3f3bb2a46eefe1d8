import { useEffect, useState } from 'react';
import type { ReportDocument } from '../../../../shared/report';
import { translate } from '../../../../shared/i18n';
import { SectionView } from './SectionView';

/**
 * The report as full-screen slides: the cover, then one slide per section. Keys: → / Page
 * Down / Space next, ← / Page Up back, Home / End, Esc leaves. The presenter's bar shows the
 * slide number and the time since the presentation began. Everything is already in the
 * page (charts are drawn locally), so it needs no network.
 */
export function Presentation({ report, onClose }: { report: ReportDocument; onClose: () => void }) {
  const t = (k: string, p?: Record<string, string | number>) => translate(report.lang, k, p);
  const sections = report.sections.filter((s) => s.id !== 'cover');
  const count = sections.length + 1;
  const [at, setAt] = useState(0);
  const [started] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    document.documentElement.requestFullscreen?.().catch(() => {});
    return () => {
      clearInterval(timer);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    };
  }, []);
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if (['ArrowRight', 'PageDown', ' ', 'Enter'].includes(e.key)) setAt((a) => Math.min(count - 1, a + 1));
      else if (['ArrowLeft', 'PageUp', 'Backspace'].includes(e.key)) setAt((a) => Math.max(0, a - 1));
      else if (e.key === 'Home') setAt(0);
      else if (e.key === 'End') setAt(count - 1);
      else if (e.key === 'Escape') onClose();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, [count, onClose]);
  const elapsed = Math.floor((now - started) / 1000);
  const clock = `${String(Math.floor(elapsed / 60)).padStart(2, '0')}:${String(elapsed % 60).padStart(2, '0')}`;
  return (
    <div className="presentation" role="dialog" aria-modal="true" aria-label={report.title} data-testid="presentation">
      <div className="slide" data-testid="slide" data-slide={at}>
        {at === 0 ? (
          <div className="slide-cover">
            {report.logo && <img src={report.logo} alt="" className="slide-logo" />}
            <h1>{report.title}</h1>
            <p>{t('report.pitchFor', { client: report.client || '—' })}</p>
            <p className="muted">{report.date}</p>
          </div>
        ) : (
          <SectionView section={sections[at - 1]} noteLabel={t('report.note')} scale={1.1} />
        )}
      </div>
      <div className="presenter-bar">
        <span data-testid="slide-number">{t('report.slideOf', { n: at + 1, total: count })}</span>
        <span className="presenter-timer" data-testid="presenter-timer" aria-label={t('report.elapsed')}>{clock}</span>
        <span className="presenter-keys">{t('report.keys')}</span>
        <button className="btn" onClick={onClose}>{t('report.exitPresentation')}</button>
      </div>
    </div>
  );
}
