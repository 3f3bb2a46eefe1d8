import { useEffect, useRef } from 'react';
import { echarts, type EChartsOption } from './echarts';

/** An echarts chart (SVG renderer: crisp at any zoom) that follows its container's size. */
export function Chart({ option, label, testId }: { option: EChartsOption; label: string; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

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

  return <div ref={ref} className="chart" role="img" aria-label={label} data-testid={testId} />;
}
