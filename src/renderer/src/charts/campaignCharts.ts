import type { CampaignModel } from '../../../shared/campaignModel';
import type { EChartsOption } from './echarts';
import type { ChartPalette } from './palette';

const axis = (p: ChartPalette) => ({ axisLabel: { color: p.muted }, axisLine: { lineStyle: { color: p.grid } }, splitLine: { lineStyle: { color: p.grid } } });

/**
 * A forest plot of the campaign-level model: each driver's effect per standard deviation
 * (a point) with its P10–P90 (a segment), largest effects on top, zero marked — so drivers
 * in different units compare at a glance and an interval across zero shows.
 */
export function effectsOption(m: CampaignModel, label: (c: CampaignModel['coefficients'][number]) => string, p: ChartPalette, lang: string): EChartsOption {
  const rows = [...m.coefficients].sort((a, b) => Math.abs(a.perSd) - Math.abs(b.perSd));
  const names = rows.map(label);
  // The axis must hold every interval (mark lines do not widen it).
  const ends = rows.flatMap((c) => [c.p10 * c.sd, c.p90 * c.sd, c.perSd]).concat(0);
  const pad = 0.06 * (Math.max(...ends) - Math.min(...ends) || 1);
  return {
    grid: { left: 8, right: 24, top: 12, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item', valueFormatter: (v: unknown) => Math.round(Number(v)).toLocaleString(lang) },
    xAxis: { type: 'value', min: Math.floor(Math.min(...ends) - pad), max: Math.ceil(Math.max(...ends) + pad), ...axis(p), axisLabel: { color: p.muted, formatter: compact(lang), hideOverlap: true } },
    yAxis: { type: 'category', data: names, ...axis(p), splitLine: { show: false }, axisLabel: { color: p.text, width: 150, overflow: 'truncate' } },
    series: [
      {
        type: 'scatter',
        symbolSize: 9,
        itemStyle: { color: p.series[0] },
        data: rows.map((c, i) => ({ value: [c.perSd, i], name: names[i] })),
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: false },
          lineStyle: { color: p.series[0], width: 2, type: 'solid', opacity: 0.55 },
          data: [
            ...rows.map((c, i) => [{ coord: [c.p10 * c.sd, i] }, { coord: [c.p90 * c.sd, i] }] as const),
            [{ coord: [0, 0], lineStyle: { color: p.muted, type: 'dashed', width: 1, opacity: 1 } }, { coord: [0, rows.length - 1] }] as const,
          ] as never,
        },
      },
    ],
  };
}

/** Past campaigns' outcome against the baseline's driver, the model's leave-one-out predictions beside them, and the least-squares line. */
export function campaignScatterOption(m: CampaignModel, labels: { actual: string; predicted: string; line: string; x: string }, p: ChartPalette, lang: string): EChartsOption {
  const d = m.baseline.driver;
  const xs = m.campaigns.map((c) => Number(c.drivers[d] ?? 0));
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return {
    color: [p.series[0], p.series[1], p.series[2]],
    grid: { left: 8, right: 24, top: 30, bottom: 24, containLabel: true },
    legend: { top: 0, textStyle: { color: p.text } },
    tooltip: { trigger: 'item', formatter: (x: unknown) => { const it = x as { seriesName: string; data: { name?: string; value: number[] } }; return `${it.data.name ?? it.seriesName}<br/>${Math.round(it.data.value[0]).toLocaleString()} → ${Math.round(it.data.value[1]).toLocaleString()}`; } },
    xAxis: { type: 'value', name: labels.x, nameLocation: 'middle', nameGap: 26, nameTextStyle: { color: p.muted }, scale: true, ...axis(p), axisLabel: { color: p.muted, formatter: compact(lang), hideOverlap: true } },
    yAxis: { type: 'value', scale: true, ...axis(p), axisLabel: { color: p.muted, formatter: compact(lang) } },
    series: [
      { name: labels.actual, type: 'scatter', symbolSize: 9, data: m.campaigns.map((c, i) => ({ name: c.id, value: [xs[i], c.outcome] })) },
      { name: labels.predicted, type: 'scatter', symbol: 'emptyCircle', symbolSize: 9, data: m.campaigns.map((c, i) => ({ name: c.id, value: [xs[i], c.predicted] })) },
      { name: labels.line, type: 'line', symbol: 'none', lineStyle: { width: 2, type: 'dashed' }, data: [[lo, m.baseline.intercept + m.baseline.slope * lo], [hi, m.baseline.intercept + m.baseline.slope * hi]] },
    ],
  };
}

/** Axis numbers in the UI's language, short: 1.5M / 150万. */
function compact(lang: string): (v: number) => string {
  const f = new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 });
  return (v) => f.format(v);
}
