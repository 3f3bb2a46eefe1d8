import type { HandlerMap } from '../api/types';
import type { Db } from '../db/connection';
import { writeTable } from '../data/tableWriter';
import { buildReport } from './buildReport';
import { writeChart } from './exportChart';
import { ReportSettingsStore } from './reportSettings';

/** The pitch's part of the contract: report settings and logo, the document, the PDF, and chart and table exports. */
export function reportHandlers(db: () => Db): HandlerMap {
  const store = () => new ReportSettingsStore(db());
  return {
    'report.get': ({ projectId }) => store().get(projectId),
    'report.save': ({ projectId, settings }) => store().save(projectId, settings),
    'report.setLogo': ({ projectId, path }) => (path ? store().setLogo(projectId, path) : store().get(projectId)),
    'report.clearLogo': ({ projectId }) => store().clearLogo(projectId),
    'report.document': ({ projectId, lang }) => buildReport(db(), projectId, lang),
    'exports.chart': (input) => writeChart(input),
    'exports.table': ({ path, sheet, header, rows }) => writeTable(path, sheet, { header, rows }),
  };
}
