import type { ContentItem } from '../../../shared/plan';
import type { EChartsOption } from './echarts';
import type { ChartPalette } from './palette';

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const iso = (d: number) => new Date(Math.round(d) * DAY).toISOString().slice(0, 10);

/**
 * The content plan as a Gantt chart: one bar per dated item (an invisible stacked bar
 * carries it to its start), coloured by form, with the campaign's start and end marked.
 * Days are counted on a value axis, so bars and the window share one scale.
 */
export function timelineOption(items: ContentItem[], campaign: { startDate: string | null; endDate: string | null }, label: (item: ContentItem) => string, formLabel: (form: string) => string, p: ChartPalette, marks: { start: string; end: string }): EChartsOption {
  const dated = items.filter((c) => c.start && c.end);
  const forms = [...new Set(dated.map((c) => c.form))];
  const days = [...dated.flatMap((c) => [day(c.start!), day(c.end!) + 1]), ...(campaign.startDate ? [day(campaign.startDate)] : []), ...(campaign.endDate ? [day(campaign.endDate) + 1] : [])];
  // Weekly ticks from the Monday on or before the first day (1970-01-01, day 0, was a Thursday).
  const first = Math.min(...days);
  const lo = first - ((first + 3) % 7);
  const hi = lo + Math.ceil((Math.max(...days) - lo + 1) / 7) * 7;
  const rows = [...dated].reverse();
  const window = [
    ...(campaign.startDate ? [{ xAxis: day(campaign.startDate), label: { formatter: marks.start } }] : []),
    ...(campaign.endDate ? [{ xAxis: day(campaign.endDate) + 1, label: { formatter: marks.end } }] : []),
  ];
  return {
    grid: { left: 8, right: 24, top: 28, bottom: 24, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (x: unknown) => {
        const i = (x as { dataIndex: number }).dataIndex;
        const c = rows[i];
        return c ? `${label(c)}<br/>${formLabel(c.form)} · ${c.start} → ${c.end}` : '';
      },
    },
    xAxis: {
      type: 'value', min: lo, max: hi, interval: 7, position: 'top',
      axisLabel: { color: p.muted, formatter: (v: number) => iso(v).slice(5) },
      splitLine: { lineStyle: { color: p.grid } },
    },
    yAxis: { type: 'category', data: rows.map(label), axisLabel: { color: p.text, width: 160, overflow: 'truncate' }, axisTick: { show: false }, axisLine: { lineStyle: { color: p.grid } } },
    series: [
      { type: 'bar', stack: 'gantt', silent: true, itemStyle: { color: 'transparent' }, data: rows.map((c) => day(c.start!)), barMaxWidth: 18, markLine: window.length ? { symbol: 'none', lineStyle: { color: p.muted, type: 'dashed' }, label: { color: p.muted, position: 'start' }, data: window } : undefined },
      {
        type: 'bar', stack: 'gantt', barMaxWidth: 18,
        data: rows.map((c) => ({ value: day(c.end!) - day(c.start!) + 1, itemStyle: { color: p.series[forms.indexOf(c.form) % p.series.length], borderRadius: 4 } })),
      },
    ],
  };
}
