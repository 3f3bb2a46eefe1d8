import { RunsRepo } from '../../audience/runsRepo';
import type { ReportBlock } from '../../../shared/report';
import { segmentLabel } from '../../../shared/segments';
import { barOption } from '../charts';
import type { ReportContext } from '../context';

/** Audience personas from the chosen segmentation run: sizes, and what sets each apart. */
export function audienceBlocks(c: ReportContext): { blocks: ReportBlock[]; empty: string | null } {
  const run = new RunsRepo(c.db).chosen(c.projectId);
  if (!run) return { blocks: [], empty: c.t('report.empty.audience') };
  const names = run.segments.map((s) => segmentLabel(s, c.lang));
  return {
    empty: null,
    blocks: [
      { kind: 'text', text: c.t('report.audienceIntro', { users: c.number(run.segments.reduce((s, x) => s + x.size, 0)), k: run.segments.length, silhouette: run.silhouette.toFixed(2) }) },
      { kind: 'chart', title: c.t('report.segmentShares'), option: barOption(names, run.segments.map((s) => 100 * s.share), '%'), height: 40 + 26 * names.length },
      {
        kind: 'table',
        columns: [c.t('report.segment'), c.t('report.users'), c.t('report.share'), c.t('report.distinguishing')],
        numeric: [false, true, true, false],
        rows: run.segments.map((s, i) => [names[i], c.number(s.size), c.pct(s.share), s.distinguishing.slice(0, 3).map((d) => (c.lang === 'zh-CN' ? d.zh : d.en)).join(c.lang === 'zh-CN' ? '；' : '; ')]),
      },
    ],
  };
}
