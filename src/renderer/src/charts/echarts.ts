// Only the parts of echarts the app draws, from echarts/core: the full build adds ~3 MB.
import { BarChart, GraphChart, LineChart, PieChart, RadarChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, MarkPointComponent, RadarComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([PieChart, BarChart, GraphChart, LineChart, ScatterChart, RadarChart, GridComponent, LegendComponent, MarkLineComponent, MarkAreaComponent, MarkPointComponent, RadarComponent, TitleComponent, TooltipComponent, SVGRenderer]);

export { echarts };
export type EChartsOption = echarts.EChartsCoreOption;
