/**
 * Chart options for the report, as plain data (no functions): the app draws them with
 * echarts in the page and the slides, the PDF renders the same options to SVG on the
 * server side. Colours are for paper, whatever the app's theme.
 */
export const PAPER = {
  text: '#1f2430',
  muted: '#6b7280',
  grid: '#e5e7eb',
  series: ['#4f5bd5', '#1f9d74', '#e0892b', '#c2417a', '#2b8fc7', '#8a6d3b', '#6b7280', '#9b59b6'],
};

const axis = { axisLabel: { color: PAPER.muted, fontSize: 10 }, axisLine: { lineStyle: { color: PAPER.grid } }, splitLine: { lineStyle: { color: PAPER.grid } } };
const base = (legend: boolean) => ({
  animation: false,
  textStyle: { fontFamily: 'Noto Sans SC, sans-serif' },
  color: PAPER.series,
  grid: { left: 8, right: 20, top: legend ? 30 : 12, bottom: 8, containLabel: true },
  ...(legend ? { legend: { top: 0, textStyle: { color: PAPER.text, fontSize: 10 } } } : {}),
});

/** Horizontal bars, one per label (largest on top). */
export function barOption(labels: string[], values: number[], name: string): Record<string, unknown> {
  const order = labels.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  return {
    ...base(false),
    xAxis: { type: 'value', ...axis },
    yAxis: { type: 'category', data: order.map((i) => labels[i]), ...axis, splitLine: { show: false }, axisLabel: { color: PAPER.text, fontSize: 10 } },
    series: [{ type: 'bar', name, data: order.map((i) => Math.round(values[i] * 1000) / 1000), barMaxWidth: 18, label: { show: true, position: 'right', fontSize: 9, color: PAPER.muted } }],
  };
}

/** Stacked horizontal bars: each row's parts (the score's factor contributions). */
export function stackedBarOption(rows: string[], parts: { name: string; values: number[] }[]): Record<string, unknown> {
  return {
    ...base(true),
    xAxis: { type: 'value', ...axis },
    yAxis: { type: 'category', data: rows, inverse: true, ...axis, splitLine: { show: false }, axisLabel: { color: PAPER.text, fontSize: 10 } },
    series: parts.map((p) => ({ type: 'bar', name: p.name, stack: 'score', data: p.values.map((v) => Math.round(v * 1000) / 1000), barMaxWidth: 18 })),
  };
}

/** Grouped vertical bars: categories × series (today's split against the optimum). */
export function groupedBarOption(categories: string[], series: { name: string; values: number[] }[]): Record<string, unknown> {
  return {
    ...base(true),
    xAxis: { type: 'category', data: categories, ...axis, splitLine: { show: false } },
    yAxis: { type: 'value', ...axis },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values.map((v) => Math.round(v * 100) / 100), barMaxWidth: 26 })),
  };
}

/** Lines over weeks, each with its P10–P90 band (the scenarios). */
export function bandsOption(weeks: string[], lines: { name: string; p10: number[]; p50: number[]; p90: number[] }[]): Record<string, unknown> {
  return {
    ...base(true),
    xAxis: { type: 'category', data: weeks, ...axis, splitLine: { show: false } },
    yAxis: { type: 'value', scale: true, ...axis },
    series: lines.flatMap((l, i) => [
      { name: `${l.name} P10`, type: 'line', data: l.p10.map(Math.round), stack: `band${i}`, symbol: 'none', lineStyle: { opacity: 0 }, silent: true },
      { name: `${l.name} P10–P90`, type: 'line', data: l.p90.map((v, k) => Math.round(v - l.p10[k])), stack: `band${i}`, symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color: PAPER.series[i % PAPER.series.length], opacity: 0.16 }, silent: true },
      { name: l.name, type: 'line', data: l.p50.map(Math.round), symbol: 'none', lineStyle: { width: 2, color: PAPER.series[i % PAPER.series.length] }, itemStyle: { color: PAPER.series[i % PAPER.series.length] } },
    ]),
    legend: { top: 0, textStyle: { color: PAPER.text, fontSize: 10 }, data: lines.map((l) => l.name) },
  };
}

/** A ring of shares (the revenue split, segment sizes). */
export function pieOption(items: { name: string; value: number }[]): Record<string, unknown> {
  return {
    ...base(true),
    series: [{ type: 'pie', radius: ['38%', '68%'], center: ['50%', '58%'], data: items.map((i) => ({ ...i, value: Math.round(i.value) })), label: { color: PAPER.text, fontSize: 10, formatter: '{b}: {d}%' } }],
  };
}

/** The collaboration network around the shortlist, on a circle (deterministic, unlike a force layout). */
export function networkOption(nodes: { id: string; name: string; size: number; shortlisted: boolean }[], edges: { a: string; b: string }[]): Record<string, unknown> {
  return {
    ...base(false),
    series: [
      {
        type: 'graph',
        layout: 'circular',
        circular: { rotateLabel: false },
        roam: false,
        label: { show: true, position: 'right', fontSize: 9, color: PAPER.text },
        lineStyle: { color: PAPER.muted, opacity: 0.5, curveness: 0.2 },
        data: nodes.map((n) => ({ id: n.id, name: n.name, symbolSize: 6 + 18 * n.size, itemStyle: { color: n.shortlisted ? PAPER.series[0] : PAPER.series[6] }, label: { show: true, fontWeight: n.shortlisted ? 'bold' : 'normal' } })),
        links: edges.map((e) => ({ source: e.a, target: e.b })),
      },
    ],
  };
}
