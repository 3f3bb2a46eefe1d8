import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetsRepo } from '../../src/main/db/datasetsRepo';
import { openLibrary } from '../../src/main/db/library';
import { ProjectsRepo } from '../../src/main/db/projectsRepo';
import { JobRunner } from '../../src/main/jobs/runner';
import { DEFAULT_PROJECT_FIELDS } from '../../src/shared/project';
import { tempDir } from './helpers';

describe('the import job', () => {
  it('imports in a worker with a writing thread, reports progress, and a cancel leaves nothing behind', async () => {
    const dataDir = tempDir();
    const lib = openLibrary(dataDir);
    const projectId = new ProjectsRepo(lib.db).insert({ ...DEFAULT_PROJECT_FIELDS, name: 'job' }, new Date().toISOString());
    const file = path.join(dataDir, 'aud.csv');
    let text = 'user_id,minutes,city\n';
    for (let i = 0; i < 120_000; i++) text += `u${i},${i % 300},${i % 2 ? '一线' : '二线'}\n`;
    fs.writeFileSync(file, text);
    const runner = new JobRunner({ dataDir });
    try {
      const steps: string[] = [];
      runner.on('job', (j) => steps.push(j.step));
      const cancelled = runner.start('import', { projectId, dataset: 'audience', path: file });
      await new Promise<void>((resolve) => runner.on('job', (j) => j.id === cancelled.id && j.progress > 0.05 && resolve()));
      expect(runner.cancel(cancelled.id)).toBe(true);
      expect((await runner.wait(cancelled.id)).state).toBe('cancelled');
      expect(new DatasetsRepo(lib.db).count(projectId, 'audience')).toBe(0);
      expect(new ProjectsRepo(lib.db).get(projectId)!.datasets).toEqual([]);

      const done = await runner.wait(runner.start('import', { projectId, dataset: 'audience', path: file }).id);
      expect(done.state, done.error ?? '').toBe('done');
      expect(done.result).toMatchObject({ rowsRead: 120_000, rowsImported: 120_000, written: true });
      expect(steps).toContain('job.import.reading');
      expect(new DatasetsRepo(lib.db).page(projectId, 'audience', 0, 1)).toEqual([{ userId: 'u0', features: { minutes: 0 }, attributes: { city: '二线' } }]);

      // The same file again without a mode is refused with the reason, as a located input problem.
      const again = await runner.wait(runner.start('import', { projectId, dataset: 'audience', path: file }).id);
      expect(again).toMatchObject({ state: 'failed', errorCode: 'refused' });
      expect(again.error).toMatch(/choose to replace them or append/);
    } finally {
      await runner.close();
      lib.close();
    }
  }, 120_000);
});
