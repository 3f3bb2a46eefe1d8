import { z } from 'zod';

/** Charts and tables leaving the app from their corner menus (issue: the pitch). */
const filePath = z.string().min(1).max(4096);

export const chartExportSchema = z
  .object({
    path: filePath,
    format: z.enum(['svg', 'png']),
    /** SVG markup, or a PNG as base64 (the renderer rasterises the SVG itself). */
    data: z.string().min(1).max(40 * 1024 * 1024, 'validation.tooLarge'),
  })
  .strict();
export type ChartExport = z.infer<typeof chartExportSchema>;

const cell = z.union([z.string().max(10_000), z.number().finite(), z.null()]);
export const tableExportSchema = z
  .object({
    path: filePath,
    sheet: z.string().min(1).max(31),
    header: z.array(z.string().max(500)).min(1).max(200),
    rows: z.array(z.array(cell).max(200)).max(100_000, 'validation.tooMany'),
  })
  .strict();
