import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/connection';
import type { ReportLang, ReportPdfResult } from '../../shared/report';
import { DomainError } from '../../shared/result';
import { buildReport } from './buildReport';
import { renderPdf } from './pdf/renderPdf';

/**
 * Builds a project's report and writes it as a PDF — the one path the app's export and the
 * CLI's `report` share. Written beside the target and renamed, so a failure leaves no
 * half-written file.
 */
export async function writeReportPdf(db: Db, projectId: number, file: string, lang?: ReportLang, progress: (fraction: number, step: string) => void = () => {}): Promise<ReportPdfResult> {
  const started = performance.now();
  if (path.extname(file).toLowerCase() !== '.pdf') throw new DomainError('invalid_input', `${path.basename(file)}: the report is written as a .pdf file.`, [{ path: 'path', message: 'report.problem.notPdf' }]);
  progress(0.05, 'job.report.building');
  const report = buildReport(db, projectId, lang);
  progress(0.4, 'job.report.rendering');
  const pdf = await renderPdf(report);
  progress(0.95, 'job.report.writing');
  const target = path.resolve(file);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.part`);
  try {
    fs.writeFileSync(temp, pdf);
    fs.renameSync(temp, target);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw new DomainError('invalid_input', `${file} cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`, [{ path: 'path', message: 'report.problem.unwritable' }]);
  }
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  return { path: target, pages, bytes: pdf.length, sections: report.sections.length, ms: Math.round(performance.now() - started) };
}
