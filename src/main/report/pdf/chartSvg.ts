import * as echarts from 'echarts';

/**
 * A report chart as SVG, by echarts' server-side renderer: the same options the app draws,
 * so the PDF's charts are vectors and match the screen. The instance is disposed at once
 * (a live one keeps its animation timer, and the process, running).
 */
export function chartSvg(option: Record<string, unknown>, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
