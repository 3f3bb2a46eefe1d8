import { useState } from 'react';
import { ShortlistReviewNote } from '../components/partners/ShortlistReviewNote';
import { translate } from '../../../shared/i18n';
import type { ReportPdfResult } from '../../../shared/report';
import { waitForJob } from '../stores/jobWait';
import { call, CallError } from '../bridge';
import { Presentation } from '../components/report/Presentation';
import { ReportSettingsPanel } from '../components/report/ReportSettingsPanel';
import { SectionView } from '../components/report/SectionView';
import { useReport } from '../components/report/useReport';
import { useProject } from '../stores/project';
import { useT } from '../stores/settings';
import { useToasts } from '../stores/toasts';

/**
 * The pitch report: the strategist picks, orders and annotates sections, sets the cover and
 * the report's language (independent of the app's), previews the pages, exports the PDF
 * (the same file the CLI writes) and presents the sections as slides.
 */
export default function ReportPage() {
  const t = useT();
  const toast = useToasts((s) => s.show);
  const project = useProject((s) => s.project)!;
  const { settings, logo, doc, error, change, pickLogo, clearLogo } = useReport(project.id);
  const [presenting, setPresenting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const exportPdf = async () => {
    if (!settings) return;
    const picked = await call('dialogs.save', { purpose: 'exportReport', defaultName: `${project.name}.pdf` });
    if (!picked.path) return;
    setExporting(true);
    try {
      const job = await call('jobs.start', { kind: 'report', projectId: project.id, path: picked.path, lang: settings.lang });
      const ended = await waitForJob(job.id);
      if (ended.state === 'done') {
        const r = ended.result as ReportPdfResult;
        toast(t('report.exported', { path: r.path, pages: r.pages }));
      } else if (ended.state === 'failed') toast(ended.error ?? t('job.failed', { error: '' }), { tone: 'error' });
    } catch (e) {
      toast(e instanceof CallError ? e.message : String(e), { tone: 'error' });
    } finally {
      setExporting(false);
    }
  };
  const rt = (k: string, p?: Record<string, string | number>) => translate(doc?.lang ?? 'en', k, p);
  return (
    <div className="page report">
      <div className="page-head">
        <div>
          <h1>{t('nav.report')}</h1>
          <p>{t('report.subtitle')}</p>
        </div>
        <div className="seg-row">
          <button className="btn" onClick={() => setPresenting(true)} disabled={!doc} data-testid="present">{t('report.present')}</button>
          <button className="btn primary" onClick={() => void exportPdf()} disabled={!doc || exporting} data-testid="export-pdf">{exporting ? t('report.exporting') : t('report.exportPdf')}</button>
        </div>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      <ShortlistReviewNote review={doc?.review} testId="report-shortlist-review" />
      <div className="report-layout">
        {settings && <ReportSettingsPanel settings={settings} logo={logo} change={change} pickLogo={() => void pickLogo()} clearLogo={() => void clearLogo()} />}
        <div className="report-preview" data-testid="report-preview" lang={doc?.lang}>
          {doc && (
            <>
              <div className="paper paper-cover">
                <div className="cover-band">
                  {doc.logo && <img src={doc.logo} alt="" className="cover-logo" />}
                  <h1>{doc.title}</h1>
                  <p>{rt('report.pitchFor', { client: doc.client || '—' })}</p>
                </div>
                <p className="muted cover-date">{doc.date}</p>
              </div>
              {doc.sections.map((s) => (s.id === 'cover' ? null : <div className="paper" key={s.id}><SectionView section={s} noteLabel={rt('report.note')} /></div>))}
            </>
          )}
        </div>
      </div>
      {presenting && doc && <Presentation report={doc} onClose={() => setPresenting(false)} />}
    </div>
  );
}
