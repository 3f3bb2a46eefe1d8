import { call, CallError } from '../bridge';
import { useToasts } from '../stores/toasts';
import { translate } from '../../../shared/i18n';
import { useSettings } from '../stores/settings';

/**
 * Asks where to save a chart and writes it: SVG as drawn, or PNG rasterised from that SVG
 * at twice its size on the background the chart sits on (a transparent PNG pasted into a
 * slide would lose dark-theme text). A cancelled dialog does nothing.
 */
export async function saveChart(svg: string, format: 'svg' | 'png', label: string, el: HTMLElement): Promise<void> {
  const toast = useToasts.getState().show;
  const t = (k: string, p?: Record<string, string | number>) => translate(useSettings.getState().lang, k, p);
  const name = `${label.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'chart'}.${format}`;
  const picked = await call('dialogs.save', { purpose: 'exportChart', defaultName: name });
  if (!picked.path) return;
  try {
    const data = format === 'svg' ? svg : await rasterise(svg, el);
    const r = await call('exports.chart', { path: picked.path, format, data });
    toast(t('chart.saved', { path: r.path }));
  } catch (e) {
    toast(e instanceof CallError ? e.message : String(e), { tone: 'error' });
  }
}

async function rasterise(svg: string, el: HTMLElement): Promise<string> {
  const { width, height } = el.getBoundingClientRect();
  const scale = 2;
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = getComputedStyle(el.closest('.card') ?? document.body).backgroundColor || '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/png').split(',')[1];
  } finally {
    URL.revokeObjectURL(url);
  }
}
