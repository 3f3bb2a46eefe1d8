import type { ShortlistReview } from '../../shared/partners';
import type { Db } from '../db/connection';
import type { ReportBlock, ReportDocument, ReportLang, ReportSection, SectionId } from '../../shared/report';
import { DomainError } from '../../shared/result';
import { type ReportContext, reportContext } from './context';
import { ReportSettingsStore } from './reportSettings';
import { audienceBlocks } from './sections/audience';
import { allocationBlocks, forecastBlocks } from './sections/forecast';
import { contentBlocks, partnerBlocks } from './sections/partners';
import { coverBlocks, productBlocks, type ProjectRow } from './sections/project';
import { revenueBlocks, riskBlocks } from './sections/risk';

type Built = { blocks: ReportBlock[]; empty: string | null; review?: ShortlistReview[] };

/**
 * The report document of a project: the sections the strategist switched on, in their
 * order, each built from the project's data in the report's language (which need not be
 * the UI's). A section with nothing to show carries the sentence that says so; one whose
 * data cannot be read says why — the rest of the report still comes out.
 */
export function buildReport(db: Db, projectId: number, lang?: ReportLang, today: Date = new Date()): ReportDocument {
  const project = db.prepare('SELECT name, client, kind, product_title, description, tags, price, goals, budget, currency, start_date, end_date, status FROM projects WHERE id = ? AND deleted_at IS NULL').get(projectId) as ProjectRow | undefined;
  if (!project) throw new DomainError('not_found', `No project with id ${projectId}.`);
  const { settings, logo } = new ReportSettingsStore(db).get(projectId);
  const c = reportContext(db, projectId, lang ?? settings.lang, project.currency);
  const builders: Record<SectionId, (c: ReportContext) => Built> = {
    cover: () => ({ blocks: coverBlocks(c, project), empty: null }),
    product: () => productBlocks(c, project),
    audience: audienceBlocks,
    partners: partnerBlocks,
    content: contentBlocks,
    risk: riskBlocks,
    forecast: forecastBlocks,
    allocation: allocationBlocks,
    revenue: revenueBlocks,
  };
  let review: ShortlistReview[] = [];
  const sections: ReportSection[] = settings.sections
    .filter((s) => s.on)
    .map((s) => {
      let built: Built;
      try {
        built = builders[s.id](c);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        built = { blocks: [], empty: e.message };
      }
      if (built.review) review = built.review;
      return { id: s.id, title: c.t(`report.section.${s.id}`), note: s.note, blocks: built.blocks, empty: built.empty };
    });
  return {
    lang: c.lang,
    title: settings.title || project.product_title || project.name,
    client: settings.client || project.client,
    date: settings.date ?? today.toISOString().slice(0, 10),
    logo,
    product: project.product_title || project.name,
    sections,
    review,
  };
}
