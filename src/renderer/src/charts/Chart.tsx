import { useEffect, useRef, useState } from 'react';
import { echarts, type EChartsOption } from './echarts';
import { saveChart } from './saveChart';
import { useT } from '../stores/settings';

/**
 * An echarts chart (SVG renderer: crisp at any zoom) that follows its container's size,
 * with a corner menu that saves it as SVG (the markup drawn) or PNG (that SVG rasterised
 * at twice the size, on the page's background).
 */
export function Chart({ option, label, testId }: { option: EChartsOption; label: string; testId?: string }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const [menu, setMenu] = useState(false);

  useEffect(() => {
    const el = ref.current!;
    chart.current = echarts.init(el, undefined, { renderer: 'svg' });
    const observer = new ResizeObserver(() => chart.current?.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  const save = (format: 'svg' | 'png') => {
    setMenu(false);
    const svg = chart.current?.renderToSVGString();
    if (svg) void saveChart(svg, format, label, ref.current!);
  };
  return (
    <div className="chart-frame">
      <div ref={ref} className="chart" role="img" aria-label={label} data-testid={testId} />
      <div className="chart-menu">
        <button className="chart-menu-btn" aria-label={t('chart.menu', { label })} aria-expanded={menu} onClick={() => setMenu((m) => !m)}>⋯</button>
        {menu && (
          <div className="chart-menu-list" role="menu" onMouseLeave={() => setMenu(false)}>
            <button role="menuitem" onClick={() => save('png')}>{t('chart.savePng')}</button>
            <button role="menuitem" onClick={() => save('svg')}>{t('chart.saveSvg')}</button>
          </div>
        )}
      </div>
    </div>
  );
}
