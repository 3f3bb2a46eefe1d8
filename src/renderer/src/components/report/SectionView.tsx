import type { ReportBlock, ReportSection } from '../../../../shared/report';
import { Chart } from '../../charts/Chart';
import type { EChartsOption } from '../../charts/echarts';

/**
 * One report section as the page previews it and the slides show it: the same blocks the
 * PDF prints, charts drawn by echarts from the very options the PDF renders to SVG.
 */
export function SectionView({ section, noteLabel, scale = 1 }: { section: ReportSection; noteLabel: string; scale?: number }) {
  return (
    <div className="report-section" data-section={section.id}>
      <h2>{section.title}</h2>
      {section.note.trim() && (
        <div className="report-note"><b>{noteLabel}</b><p>{section.note}</p></div>
      )}
      {section.empty ? <div className="chart-empty report-empty" data-testid="section-empty">{section.empty}</div> : section.blocks.map((b, i) => <Block key={i} block={b} scale={scale} />)}
    </div>
  );
}

function Block({ block: b, scale }: { block: ReportBlock; scale: number }) {
  switch (b.kind) {
    case 'text':
      return <p className="report-text">{b.text}</p>;
    case 'facts':
      return (
        <dl className="report-facts">
          {b.items.map((f) => (
            <div key={f.label}><dt>{f.label}</dt><dd>{f.value}</dd></div>
          ))}
        </dl>
      );
    case 'table':
      return (
        <table className="data report-table">
          <thead><tr>{b.columns.map((c, j) => <th key={j} className={b.numeric[j] ? 'num' : undefined}>{c}</th>)}</tr></thead>
          <tbody>{b.rows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j} className={b.numeric[j] ? 'num' : undefined}>{c}</td>)}</tr>)}</tbody>
        </table>
      );
    case 'chart':
      return (
        <figure className="report-chart">
          <figcaption>{b.title}</figcaption>
          <div style={{ height: Math.round(b.height * 1.25 * scale) }}><Chart option={b.option as EChartsOption} label={b.title} /></div>
        </figure>
      );
  }
}
