import { REPORT_LANGS, type ReportLang, type ReportPdfResult } from '../../shared/report';
import { UsageError } from './args';
import type { CliContext } from './dataCommands';
import { EXIT } from './exit';

/**
 * `report --project ID --out FILE.pdf [--lang zh-CN|en]` writes the project's pitch report
 * as a PDF — the same job the app's export runs — and prints {path, pages, bytes,
 * sections, ms}. Without --lang the report's own language (its settings) is used.
 */
export async function reportCommand(ctx: CliContext, rest: string[]): Promise<number> {
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const o = ctx.opts(['project', 'out', 'lang']);
  const projectId = ctx.projectId(o.string('project'));
  const out = o.string('out');
  if (!out) throw new UsageError('report needs --out FILE.pdf');
  const lang = o.string('lang');
  if (lang !== undefined && !REPORT_LANGS.includes(lang as ReportLang)) throw new UsageError('--lang must be zh-CN or en');
  const r = (await ctx.runJob({ kind: 'report', projectId, path: out, ...(lang ? { lang: lang as ReportLang } : {}) })) as ReportPdfResult;
  ctx.emit(r, `Wrote ${r.path}: ${r.pages} pages, ${r.sections} sections, ${(r.bytes / 1024).toFixed(0)} KB in ${r.ms} ms.`);
  return EXIT.ok;
}
