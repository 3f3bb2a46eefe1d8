import fs from 'node:fs';
import path from 'node:path';
import type { ChartExport } from '../../shared/exports';
import { DomainError } from '../../shared/result';

/**
 * A chart from the page to a file: SVG as the markup echarts drew, PNG as the bytes the
 * renderer rasterised. The file's extension must match what is written; the data is
 * checked to be what it claims (an SVG root, a PNG signature) before anything is written.
 */
export function writeChart(input: ChartExport): { path: string; bytes: number } {
  const ext = path.extname(input.path).toLowerCase();
  if (ext !== `.${input.format}`) throw new DomainError('invalid_input', `${path.basename(input.path)}: a ${input.format.toUpperCase()} chart is saved as a .${input.format} file.`, [{ path: 'path', message: 'export.problem.extension', params: { ext: input.format } }]);
  const bytes = input.format === 'svg' ? Buffer.from(input.data, 'utf8') : Buffer.from(input.data, 'base64');
  const ok = input.format === 'svg' ? /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(input.data) : bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (!ok) throw new DomainError('invalid_input', `The chart data is not a ${input.format.toUpperCase()} image.`, [{ path: 'data', message: 'export.problem.data' }]);
  const target = path.resolve(input.path);
  try {
    fs.writeFileSync(target, bytes);
  } catch (e) {
    throw new DomainError('invalid_input', `${input.path} cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`, [{ path: 'path', message: 'report.problem.unwritable' }]);
  }
  return { path: target, bytes: bytes.length };
}
