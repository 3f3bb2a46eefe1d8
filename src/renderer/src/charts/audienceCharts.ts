import type { SegmentRun } from '../../../shared/segments';
import type { EChartsOption } from './echarts';
import type { ChartPalette } from './palette';

/** The four charts of the Audience page, from one segmentation run. */

const axis = (p: ChartPalette) => ({
  axisLabel: { color: p.muted },
  axisLine: { lineStyle: { color: p.grid } },
  splitLine: { lineStyle: { color: p.grid } },
  nameTextStyle: { color: p.muted },
});

/** Stability (prediction strength, with its 0.8 bar) and silhouette against k, the chosen k marked. */
export function silhouetteOption(run: SegmentRun, labels: { k: string; silhouette: string; stability: string; bar: string }, p: ChartPalette): EChartsOption {
  const hasStability = run.silhouetteByK.some((s) => s.stability !== undefined);
  const chosen = {
    symbol: 'none',
    label: { color: p.text, formatter: `k = ${run.k}` },
    lineStyle: { color: p.series[2], type: 'dashed' as const },
    data: [{ xAxis: String(run.k) }],
  };
  return {
    color: [p.series[0], p.series[1]],
    grid: { left: 12, right: 20, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: p.text } },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => Number(v).toFixed(3) },
    xAxis: { type: 'category', name: labels.k, data: run.silhouetteByK.map((s) => String(s.k)), ...axis(p) },
    yAxis: { type: 'value', min: 0, max: hasStability ? 1 : undefined, ...axis(p) },
    series: [
      ...(hasStability
        ? [
            {
              name: labels.stability,
              type: 'line' as const,
              data: run.silhouetteByK.map((s) => s.stability ?? null),
              symbolSize: 8,
              lineStyle: { width: 2 },
              markLine: { ...chosen, data: [...chosen.data, { yAxis: 0.8, name: labels.bar, label: { color: p.muted, formatter: labels.bar, position: 'insideEndTop' as const } }] },
            },
          ]
        : []),
      {
        name: labels.silhouette,
        type: 'line' as const,
        data: run.silhouetteByK.map((s) => s.silhouette),
        symbolSize: 8,
        lineStyle: { width: 2 },
        ...(hasStability ? {} : { markLine: chosen }),
      },
    ],
  };
}

/** Users on the first two principal components, coloured by segment. */
export function mapOption(run: SegmentRun, names: string[], labels: { pc: (n: number, share: number) => string }, p: ChartPalette): EChartsOption {
  const bySegment = names.map(() => [] as [number, number][]);
  run.map.segment.forEach((s, i) => bySegment[s]?.push([run.map.x[i], run.map.y[i]]));
  return {
    color: p.series,
    // Room for the axis names, which containLabel does not count.
    grid: { left: 44, right: 16, top: 36, bottom: 40, containLabel: true },
    legend: { top: 0, textStyle: { color: p.text }, type: 'scroll' },
    tooltip: { trigger: 'item', formatter: (x: { seriesName?: string }) => x.seriesName ?? '' },
    xAxis: { type: 'value', name: labels.pc(1, run.map.explained[0] ?? 0), nameLocation: 'middle', nameGap: 28, scale: true, ...axis(p) },
    yAxis: { type: 'value', name: labels.pc(2, run.map.explained[1] ?? 0), nameLocation: 'middle', nameGap: 30, scale: true, ...axis(p) },
    series: names.map((name, s) => ({
      type: 'scatter',
      name,
      data: bySegment[s],
      symbolSize: 3,
      large: true,
      itemStyle: { opacity: 0.55 },
    })),
  };
}

/** Each segment's centre on every feature, in IQRs from the audience median. */
export function radarOption(run: SegmentRun, names: string[], p: ChartPalette): EChartsOption {
  const features = run.features.map((f) => f.name);
  const values = run.segments.flatMap((s) => features.map((f) => s.profile[f] ?? 0));
  const top = Math.max(1, Math.ceil(Math.max(...values.map(Math.abs))));
  return {
    color: p.series,
    legend: { bottom: 0, textStyle: { color: p.text }, type: 'scroll' },
    tooltip: { trigger: 'item' },
    radar: {
      indicator: features.map((f) => ({ name: f, min: -top, max: top })),
      radius: '62%',
      center: ['50%', '46%'],
      axisName: { color: p.muted, fontSize: 11 },
      splitLine: { lineStyle: { color: p.grid } },
      splitArea: { show: false },
      axisLine: { lineStyle: { color: p.grid } },
    },
    series: [
      {
        type: 'radar',
        symbolSize: 3,
        lineStyle: { width: 2 },
        areaStyle: { opacity: 0.08 },
        data: run.segments.map((s, i) => ({ name: names[i], value: features.map((f) => s.profile[f] ?? 0) })),
      },
    ],
  };
}

/** Segment sizes, largest first. */
export function sizesOption(run: SegmentRun, names: string[], format: (n: number) => string, p: ChartPalette): EChartsOption {
  const order = run.segments.map((s, i) => ({ s, i })).sort((a, b) => b.s.size - a.s.size);
  return {
    grid: { left: 12, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', splitNumber: 3, ...axis(p), axisLabel: { color: p.muted, hideOverlap: true, formatter: (v: number) => format(v) } },
    yAxis: { type: 'category', inverse: true, data: order.map(({ i }) => names[i]), ...axis(p), axisLabel: { color: p.text, width: 180, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 26,
        data: order.map(({ s, i }) => ({ value: s.size, itemStyle: { color: p.series[i % p.series.length], borderRadius: [0, 5, 5, 0] } })),
        label: { show: true, position: 'right', color: p.text, formatter: (x: { value?: unknown; dataIndex?: number }) => `${(order[x.dataIndex ?? 0].s.share * 100).toFixed(1)}%` },
      },
    ],
  };
}
