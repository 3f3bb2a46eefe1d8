import { z } from 'zod';
import { openLibrary } from '../db/library';
import type { TaskContext } from '../jobs/protocol';
import { DEFAULT_DEMO_SEED, generateDemo } from './generate';
import { writeDemo } from './write';

const paramsSchema = z.object({ seed: z.number().int().min(0).optional() });

/** The demo job: generate from the seed, then write one project in one transaction. */
export function runDemoTask(params: unknown, ctx: TaskContext): { projectId: number; seed: number } {
  const { seed = DEFAULT_DEMO_SEED } = paramsSchema.parse(params ?? {});
  const demo = generateDemo(seed, { onProgress: (f, step) => ctx.progress(f * 0.6, step) });
  const library = openLibrary(ctx.dataDir, { nativeBinding: ctx.nativeBinding });
  try {
    const projectId = writeDemo(library.db, demo, new Date(), (f) => ctx.progress(0.6 + 0.4 * f, 'job.demo.writing'));
    return { projectId, seed };
  } finally {
    library.close();
  }
}
