import type { Db } from '../db/connection';
import { DatasetsRepo } from '../db/datasetsRepo';
import { ProjectsRepo } from '../db/projectsRepo';
import { profileOf } from '../data/profile';
import { seedDemoPlan } from './plan';
import { seedDemoChecklist, seedDemoRights } from './risk';
import type { DemoData } from './generate';

/**
 * Writes the demo as one project in one transaction: a cancel (a throw from `onProgress`)
 * or a crash leaves the library as it was.
 */
export function writeDemo(
  db: Db,
  demo: DemoData,
  now: Date,
  onProgress: (fraction: number) => void = () => {},
): number {
  const projects = new ProjectsRepo(db);
  const datasets = new DatasetsRepo(db);
  const stamp = now.toISOString();
  const source = `demo (seed ${demo.seed})`;
  const total =
    demo.audience.length + demo.catalog.length + demo.interactions.length + demo.partners.length +
    demo.collaborations.length + demo.campaigns.length;
  let done = 0;
  const tick = (i: number) => onProgress((done + i) / total);
  return db.transaction(() => {
    const id = projects.insert(demo.project, stamp);
    const parts = [
      ['audience', demo.audience],
      ['catalog', demo.catalog],
      ['interactions', demo.interactions],
      ['partners', demo.partners],
      ['collaborations', demo.collaborations],
      ['campaigns', demo.campaigns],
    ] as const;
    for (const [kind, rows] of parts) {
      datasets.replace(id, kind, rows as never, { source, importedAt: stamp, profile: profileOf(kind, rows as never) }, tick);
      done += rows.length;
      onProgress(done / total);
    }
    seedDemoChecklist(db, id, demo.partners, now);
    seedDemoRights(db, id, now);
    seedDemoPlan(db, id, now);
    return id;
  })();
}
