import type { RevenueScenario } from '../../../shared/revenue';
import type { EChartsOption } from './echarts';
import type { ChartPalette } from './palette';

/** Each party's take at each revenue point, stacked, with what the platform keeps on top. */
export function revenueOption(s: RevenueScenario, platformLabel: string, money: (n: number) => string, p: ChartPalette): EChartsOption {
  const names = [...s.parties.map((x) => x.name), platformLabel];
  return {
    color: [...p.series.slice(0, s.parties.length), p.muted],
    grid: { left: 12, right: 16, top: 16, bottom: 64, containLabel: true },
    // Partner names are long: the legend wraps under the chart rather than scrolling.
    legend: { bottom: 0, left: 'center', textStyle: { color: p.text }, itemGap: 12 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => money(Number(v)) },
    xAxis: {
      type: 'category',
      data: s.results.map((r) => `${r.label}\n${money(r.revenue)}`),
      axisLabel: { color: p.muted, interval: 0, lineHeight: 16 },
      axisLine: { lineStyle: { color: p.grid } },
      axisTick: { show: false },
    },
    yAxis: { type: 'value', axisLabel: { color: p.muted, formatter: (v: number) => money(v) }, splitLine: { lineStyle: { color: p.grid } } },
    series: names.map((name, i) => ({
      name,
      type: 'bar' as const,
      stack: 'take',
      barMaxWidth: 64,
      emphasis: { focus: 'series' as const },
      data: s.results.map((r) => (i < s.parties.length ? r.takes[i] : r.platform)),
    })),
  };
}
