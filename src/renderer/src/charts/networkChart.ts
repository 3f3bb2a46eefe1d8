import type { PartnerNetwork } from '../../../shared/partners';
import type { EChartsOption } from './echarts';
import type { ChartPalette } from './palette';

/**
 * The collaboration network as a force graph: partners sized by eigenvector centrality,
 * coloured by type, the shortlist ringed and labelled. Partners with no collaboration are
 * left off the picture (they are in the ranking, with zero network influence).
 */
export function networkOption(net: PartnerNetwork, typeLabel: (t: string) => string, p: ChartPalette): EChartsOption {
  const linked = new Set(net.edges.flatMap((e) => [e.a, e.b]));
  const nodes = net.nodes.filter((n) => linked.has(n.id) || n.shortlisted);
  const types = [...new Set(nodes.map((n) => n.type))].sort();
  return {
    color: p.series,
    tooltip: { formatter: (x: unknown) => {
      const d = (x as { data?: { name?: string; pagerank?: number; degree?: number } }).data;
      return d?.pagerank !== undefined ? `${d.name}<br/>PageRank ${(d.pagerank * 100).toFixed(2)}% · ${d.degree}` : '';
    } },
    legend: { bottom: 0, textStyle: { color: p.text }, data: types.map(typeLabel) },
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        top: 8,
        bottom: 56,
        left: 8,
        right: 8,
        draggable: true,
        force: { repulsion: 50, edgeLength: [25, 80], gravity: 0.18, layoutAnimation: false },
        categories: types.map((t) => ({ name: typeLabel(t) })),
        data: nodes.map((n) => ({
          id: n.id,
          name: n.name,
          value: n.eigenvector,
          pagerank: n.pagerank,
          degree: n.degree,
          category: types.indexOf(n.type),
          symbolSize: 6 + 22 * Math.sqrt(n.eigenvector),
          itemStyle: n.shortlisted ? { borderColor: p.text, borderWidth: 3 } : undefined,
          label: { show: n.shortlisted, position: 'right', color: p.text, fontWeight: 600 },
        })),
        links: net.edges.filter((e) => linked.has(e.a) && linked.has(e.b)).map((e) => ({ source: e.a, target: e.b, lineStyle: { width: Math.min(4, e.weight) } })),
        lineStyle: { color: p.grid, opacity: 0.9, curveness: 0.1 },
        emphasis: { focus: 'adjacency' },
      },
    ],
  } as EChartsOption;
}
