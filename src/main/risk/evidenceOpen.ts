import { plainFileName } from '../../shared/fileNames';

/**
 * The file name a piece of evidence is opened under. Evidence travels inside project files
 * from other people, under their name: `PIPL-consent-signed.pdf.bat` would run on a click
 * on Windows. So the copy handed to the system keeps its name only when its type opens in a
 * viewer (documents without macros, images, text); anything else gets `.txt` added and
 * opens as text. Path parts, control characters and the trailing dots and spaces Windows
 * drops (`evil.bat.` is `evil.bat` there) are removed first; an empty name becomes `evidence`.
 */
export const VIEWABLE = new Set(['pdf', 'png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'tif', 'tiff', 'txt', 'csv', 'xlsx', 'docx', 'pptx', 'odt', 'ods', 'odp']);

export function safeOpenName(name: string): { name: string; renamed: boolean } {
  let base = plainFileName(name).slice(0, 120);
  if (!base) base = 'evidence';
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  if (VIEWABLE.has(ext)) return { name: base, renamed: base !== name };
  return { name: `${base}.txt`, renamed: true };
}
