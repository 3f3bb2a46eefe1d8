import { type ActualsComparison, type BassResult, type MmmResult, responseAt, type SavedScenario } from '../../../shared/forecast';
import type { EChartsOption } from './echarts';
import type { ChartPalette } from './palette';

const axis = (p: ChartPalette) => ({ axisLabel: { color: p.muted }, axisLine: { lineStyle: { color: p.grid } }, splitLine: { lineStyle: { color: p.grid } } });

/** Actual weeks against the model's, with the P10–P90 band and the held-out weeks marked. */
export function fitOption(r: MmmResult, labels: { actual: string; fitted: string; band: string; holdout: string }, p: ChartPalette): EChartsOption {
  const s = r.series;
  const lower = s.p10;
  const width = s.p90.map((v, i) => v - lower[i]);
  return {
    color: [p.series[0], p.series[1]],
    grid: { left: 8, right: 32, top: 30, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: p.text }, data: [labels.actual, labels.fitted, labels.band] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: s.periods, ...axis(p), splitLine: { show: false } },
    yAxis: { type: 'value', scale: true, ...axis(p) },
    series: [
      { name: 'p10', type: 'line', data: lower, stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, tooltip: { show: false } },
      { name: labels.band, type: 'line', data: width, stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color: p.series[1], opacity: 0.18 }, itemStyle: { color: p.series[1] } },
      { name: labels.fitted, type: 'line', data: s.fitted, symbol: 'none', lineStyle: { width: 2, color: p.series[1] } },
      {
        name: labels.actual, type: 'line', data: s.actual, symbol: 'circle', symbolSize: 3, lineStyle: { width: 1, color: p.series[0] }, itemStyle: { color: p.series[0] },
        markArea: r.weeks.holdout ? { silent: true, itemStyle: { color: p.grid, opacity: 0.35 }, label: { color: p.muted, position: 'insideTop' }, data: [[{ name: labels.holdout, xAxis: s.periods[r.weeks.train] }, { xAxis: s.periods.at(-1) }]] } : undefined,
      },
    ],
  };
}

/** The outcome taken apart week by week: the baseline, then each channel's contribution, stacked. */
export function contributionOption(r: MmmResult, baselineLabel: string, p: ChartPalette): EChartsOption {
  const s = r.series;
  const names = Object.keys(s.contributions);
  return {
    color: [p.series[9] ?? p.muted, ...p.series],
    grid: { left: 8, right: 32, top: 30, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: p.text } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: s.periods, ...axis(p), splitLine: { show: false } },
    yAxis: { type: 'value', ...axis(p) },
    series: [
      { name: baselineLabel, type: 'line', stack: 'decomp', symbol: 'none', areaStyle: { opacity: 0.35 }, lineStyle: { width: 0 }, data: s.baseline },
      ...names.map((n) => ({ name: n, type: 'line' as const, stack: 'decomp', symbol: 'none', areaStyle: { opacity: 0.75 }, lineStyle: { width: 0 }, data: s.contributions[n] })),
    ],
  };
}

/** Each channel's weekly response against weekly spend, up to twice its largest week, today's average spend marked. */
export function responseOption(r: MmmResult, labels: { spend: string; today: string }, p: ChartPalette): EChartsOption {
  return {
    color: p.series,
    grid: { left: 8, right: 24, top: 30, bottom: 24, containLabel: true },
    legend: { top: 0, textStyle: { color: p.text } },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => Math.round(Number(v)).toLocaleString() },
    xAxis: { type: 'value', name: labels.spend, nameLocation: 'middle', nameGap: 26, nameTextStyle: { color: p.muted }, ...axis(p) },
    yAxis: { type: 'value', ...axis(p) },
    series: r.channels.map((c, i) => {
      const top = 2 * c.saturation.spendScale;
      const points = Array.from({ length: 41 }, (_, k) => [(top * k) / 40, responseAt(c, (top * k) / 40)]);
      return {
        name: c.name,
        type: 'line' as const,
        symbol: 'none',
        data: points,
        markPoint: { symbol: 'circle', symbolSize: 9, itemStyle: { color: p.series[i % p.series.length], borderColor: p.surface, borderWidth: 2 }, label: { show: false }, data: [{ name: labels.today, coord: [c.averageSpend, responseAt(c, c.averageSpend)] }] },
      };
    }),
  };
}

/** Up to four scenarios side by side: each one's weekly P50 with its P10–P90 band. */
export function scenariosOption(list: SavedScenario[], weekLabel: (k: number) => string, p: ChartPalette): EChartsOption {
  const shown = list.filter((s) => s.result);
  const weeks = Math.max(0, ...shown.map((s) => s.weeks));
  return {
    color: p.series,
    grid: { left: 8, right: 32, top: 30, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: p.text }, data: shown.map((s) => s.name) },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => Math.round(Number(v)).toLocaleString() },
    xAxis: { type: 'category', data: Array.from({ length: weeks }, (_, k) => weekLabel(k + 1)), ...axis(p), splitLine: { show: false } },
    yAxis: { type: 'value', scale: true, ...axis(p) },
    series: shown.flatMap((s, i) => {
      const color = p.series[i % p.series.length];
      const r = s.result!;
      return [
        { name: `${s.name} P10`, type: 'line' as const, stack: `band${i}`, symbol: 'none', lineStyle: { opacity: 0 }, data: r.weeks.map((w) => w.p10), tooltip: { show: false } },
        { name: `${s.name} band`, type: 'line' as const, stack: `band${i}`, symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color, opacity: 0.15 }, data: r.weeks.map((w) => w.p90 - w.p10), tooltip: { show: false } },
        { name: s.name, type: 'line' as const, symbol: 'circle', symbolSize: 4, lineStyle: { width: 2, color }, itemStyle: { color }, data: r.weeks.map((w) => w.p50) },
      ];
    }),
  };
}

/** Bass adoption: weekly adopters as bars, cumulative as a line on its own axis, the peak week marked. */
export function bassOption(r: BassResult, labels: { weekly: string; cumulative: string; week: (k: number) => string }, p: ChartPalette): EChartsOption {
  return {
    color: [p.series[0], p.series[2]],
    grid: { left: 8, right: 8, top: 30, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: p.text } },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => Math.round(Number(v)).toLocaleString() },
    xAxis: { type: 'category', data: r.weekly.map((_, k) => labels.week(k + 1)), ...axis(p), splitLine: { show: false } },
    yAxis: [{ type: 'value', ...axis(p) }, { type: 'value', ...axis(p), splitLine: { show: false } }],
    series: [
      { name: labels.weekly, type: 'bar', data: r.weekly, barMaxWidth: 18, itemStyle: { borderRadius: [3, 3, 0, 0] } },
      { name: labels.cumulative, type: 'line', yAxisIndex: 1, data: r.cumulative, symbol: 'none', lineStyle: { width: 2 } },
    ],
  };
}

/** Actuals after launch against a scenario's weekly band: P50, the P10–P90 band, actual weeks as dots. */
export function actualsOption(a: ActualsComparison, labels: { actual: string; forecast: string; band: string }, p: ChartPalette): EChartsOption {
  return {
    grid: { left: 8, right: 32, top: 30, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: p.text }, data: [labels.forecast, labels.band, labels.actual] },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : Math.round(Number(v)).toLocaleString()) },
    xAxis: { type: 'category', data: a.weeks.map((w) => w.week), ...axis(p), splitLine: { show: false } },
    yAxis: { type: 'value', scale: true, ...axis(p) },
    series: [
      { name: 'p10', type: 'line', stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, data: a.weeks.map((w) => w.p10), tooltip: { show: false } },
      { name: labels.band, type: 'line', stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color: p.series[1], opacity: 0.18 }, itemStyle: { color: p.series[1] }, data: a.weeks.map((w) => w.p90 - w.p10) },
      { name: labels.forecast, type: 'line', symbol: 'none', lineStyle: { width: 2, color: p.series[1] }, itemStyle: { color: p.series[1] }, data: a.weeks.map((w) => w.p50) },
      { name: labels.actual, type: 'scatter', symbolSize: 9, itemStyle: { color: p.series[0] }, data: a.weeks.map((w) => w.actual) },
    ],
  };
}

/**
 * Each channel's share of the media effect with its P10–P90 as a range bar (an invisible bar
 * up to P10, the range stacked on it), the estimate as a dot and the spend share as a
 * hollow diamond beside it: where the interval is wide, the split rests on little.
 */
export function shareIntervalOption(r: MmmResult, labels: { share: string; interval: string; spend: string }, p: ChartPalette): EChartsOption {
  const channels = [...r.channels].reverse();
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const lo = channels.map((c) => c.contributionShareP10 ?? c.contributionShare);
  const hi = channels.map((c) => c.contributionShareP90 ?? c.contributionShare);
  return {
    grid: { left: 8, right: 24, top: 30, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: p.text }, data: [labels.share, labels.interval, labels.spend] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const i = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        const c = channels[i];
        return `<b>${escapeHtml(c.name)}</b><br/>${labels.share}: ${pct(c.contributionShare)}<br/>${labels.interval}: ${pct(lo[i])} – ${pct(hi[i])}<br/>${labels.spend}: ${pct(c.spendShare)}`;
      },
    },
    xAxis: { type: 'value', min: 0, max: (v: { max: number }) => Math.min(1, Math.ceil((v.max + 0.05) * 10) / 10), ...axis(p), axisLabel: { color: p.muted, formatter: (v: number) => `${Math.round(100 * v)}%` } },
    yAxis: { type: 'category', data: channels.map((c) => c.name), ...axis(p), splitLine: { show: false } },
    series: [
      { name: 'p10', type: 'bar', stack: 'range', data: lo, itemStyle: { color: 'transparent' }, barWidth: 14, tooltip: { show: false }, silent: true },
      { name: labels.interval, type: 'bar', stack: 'range', data: hi.map((h, i) => Math.max(0, h - lo[i])), itemStyle: { color: p.series[1], opacity: 0.35, borderRadius: 7 }, barWidth: 14 },
      { name: labels.share, type: 'scatter', data: channels.map((c) => c.contributionShare), symbolSize: 12, itemStyle: { color: p.series[1] }, z: 3 },
      { name: labels.spend, type: 'scatter', data: channels.map((c) => c.spendShare), symbol: 'diamond', symbolSize: 11, itemStyle: { color: 'transparent', borderColor: p.series[0], borderWidth: 2 }, z: 4 },
    ],
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
