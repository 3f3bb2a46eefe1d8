import type { Db } from '../../db/connection';
import { DomainError } from '../../../shared/result';
import { csrFrom } from './csr';
import { EventWeightsRepo, weightOf } from './eventWeights';

/**
 * A project's interactions as a users × items matrix: each row's weight times its event's
 * weight (the project's event weights), summed per pair; items the catalog does not hold
 * left out and counted (when there is a catalog), rows that come to zero skipped. Users and items keep their ids in matrix order.
 */
export function loadInteractions(db: Db, projectId: number) {
  if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) throw new DomainError('not_found', `No project with id ${projectId}.`);
  const catalog = db.prepare('SELECT item_id FROM catalog_items WHERE project_id = ? ORDER BY item_id').pluck().all(projectId) as string[];
  const known = catalog.length ? new Set(catalog) : null;
  const users = new Map<string, number>();
  const items = new Map<string, number>();
  if (known) catalog.forEach((id) => items.set(id, items.size));
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  let unknownItems = 0;
  const eventWeights = new EventWeightsRepo(db).weights(projectId);
  const byEvent = new Map<string, number>();
  for (const row of db.prepare('SELECT user_id, item_id, weight, event FROM interactions WHERE project_id = ?').raw().iterate(projectId) as Iterable<[string, string, number, string]>) {
    const [user, item, raw, event] = row;
    let factor = byEvent.get(event);
    if (factor === undefined) byEvent.set(event, (factor = weightOf(eventWeights, event)));
    const weight = raw * factor;
    if (known && !known.has(item)) {
      unknownItems++;
      continue;
    }
    if (!(weight > 0)) continue;
    let u = users.get(user);
    if (u === undefined) users.set(user, (u = users.size));
    let i = items.get(item);
    if (i === undefined) items.set(item, (i = items.size));
    r.push(u);
    c.push(i);
    v.push(weight);
  }
  return { matrix: csrFrom(users.size, items.size, r, c, v), users: [...users.keys()], items: [...items.keys()], unknownItems, eventWeights: Object.fromEntries(byEvent) };
}

