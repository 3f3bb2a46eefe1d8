import { FACTORS, type KeywordInfluence, type RankedPartner } from '../../../shared/partners';
import type { EChartsOption } from './echarts';
import type { ChartPalette } from './palette';

/** One radar: the axes (name, range) and a polygon per series, in the theme's colours. */
function radarOption(indicator: { name: string; min?: number; max: number }[], data: { name: string; value: number[] }[], p: ChartPalette, splitNumber?: number): EChartsOption {
  return {
    color: p.series,
    legend: { bottom: 0, textStyle: { color: p.text } },
    tooltip: {},
    radar: {
      radius: '62%',
      center: ['50%', '46%'],
      indicator,
      axisName: { color: p.muted },
      ...(splitNumber ? { splitNumber } : {}),
      splitLine: { lineStyle: { color: p.grid } },
      splitArea: { show: false },
      axisLine: { lineStyle: { color: p.grid } },
    },
    series: [{ type: 'radar', symbolSize: 4, areaStyle: { opacity: 0.12 }, data }],
  };
}

/** Up to four partners' factors on one radar, for the side-by-side comparison. */
export function comparisonOption(partners: RankedPartner[], label: (f: string) => string, p: ChartPalette): EChartsOption {
  return radarOption(
    [...FACTORS, 'risk'].map((f) => ({ name: label(f), max: 1 })),
    partners.map((x) => ({ name: x.name, value: [...FACTORS.map((f) => x.factors[f]), x.factors.risk] })),
    p,
  );
}

/** The most influential keywords, as horizontal bars (rank in ‰ of the whole). */
export function keywordOption(k: KeywordInfluence, p: ChartPalette, top = 15): EChartsOption {
  const items = k.influence.slice(0, top).reverse();
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${Number(v).toFixed(1)}‰` },
    xAxis: { type: 'value', axisLabel: { color: p.muted }, splitLine: { lineStyle: { color: p.grid } } },
    yAxis: { type: 'category', data: items.map((x) => x.term), axisLabel: { color: p.text }, axisTick: { show: false }, axisLine: { lineStyle: { color: p.grid } } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 16,
        data: items.map((x) => ({ value: Math.round(x.rank * 10000) / 10, itemStyle: { color: x.inProduct ? p.series[0] : p.series[9] ?? p.muted, borderRadius: [0, 4, 4, 0] } })),
      },
    ],
  };
}

/** The product's and one partner's brand personality on one radar (1–5 on each dimension). */
export function personalityOption(dimensions: string[], pairs: { name: string; values: number[] }[], p: ChartPalette): EChartsOption {
  return radarOption(dimensions.map((name) => ({ name, min: 1, max: 5 })), pairs.map((x) => ({ name: x.name, value: x.values })), p, 4);
}
