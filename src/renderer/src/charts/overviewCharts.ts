import type { KpiWeights } from '../../../shared/project';
import { KPI_KEYS } from '../../../shared/project';
import type { MonthShare } from '../../../shared/pacing';
import type { EChartsOption } from './echarts';
import type { ChartPalette } from './palette';

/** KPI weights as a donut: each goal's share of the total weight. */
export function kpiOption(weights: KpiWeights, label: (key: string) => string, p: ChartPalette): EChartsOption {
  const total = KPI_KEYS.reduce((s, k) => s + weights[k], 0);
  return {
    color: p.series,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { orient: 'vertical', right: 8, top: 'middle', textStyle: { color: p.text }, itemGap: 14 },
    series: [
      {
        type: 'pie',
        radius: ['48%', '76%'],
        center: ['34%', '50%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: p.surface, borderWidth: 2, borderRadius: 4 },
        label: { show: true, position: 'inside', color: '#fff', fontWeight: 600, formatter: (x: { percent?: number }) => (x.percent && x.percent >= 6 ? `${Math.round(x.percent)}%` : '') },
        data: KPI_KEYS.map((k) => ({ name: label(`kpi.${k}`), value: weights[k] })),
      },
    ],
    title: {
      text: String(total),
      subtext: 'Σ',
      left: '34%',
      top: '42%',
      textAlign: 'center',
      textStyle: { color: p.text, fontSize: 20, fontWeight: 700 },
      subtextStyle: { color: p.muted },
    },
  };
}

/** Budget per calendar month across the timeline (even daily pacing). */
export function budgetOption(months: MonthShare[], monthLabel: (m: string) => string, money: (n: number) => string, p: ChartPalette): EChartsOption {
  return {
    color: [p.series[0]],
    grid: { left: 12, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => money(Number(v)) },
    xAxis: {
      type: 'category',
      data: months.map((m) => monthLabel(m.month)),
      axisLabel: { color: p.muted },
      axisLine: { lineStyle: { color: p.grid } },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'value',
      axisLabel: { color: p.muted, formatter: (v: number) => money(v) },
      splitLine: { lineStyle: { color: p.grid } },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 46,
        itemStyle: { borderRadius: [5, 5, 0, 0] },
        label: { show: months.length <= 8, position: 'top', color: p.text, formatter: (x: { value?: unknown }) => money(Number(x.value)) },
        data: months.map((m) => Math.round(m.amount)),
      },
    ],
  };
}
