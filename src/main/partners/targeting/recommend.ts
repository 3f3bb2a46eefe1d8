import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/connection';
import type { RecommendResult, RecommendStart } from '../../../shared/targeting';
import { DomainError } from '../../../shared/result';
import { type AlsModel, fitAls } from './als';
import { type Csr, csrFrom } from './csr';
import { holdOut, popularTopK, rankingQuality } from './evaluate';
import { topKUnseen } from './score';

type Progress = (fraction: number, step: string) => void;
/**
 * What the validation split chooses between: few or more factors, and light regularisation
 * with a strong confidence boost, or heavy regularisation with a weak one (close to
 * popularity, which wins on data that popularity drives).
 */
const CANDIDATES = [8, 16, 32].flatMap((factors) => [
  { factors, reg: 0.05, alpha: 20 },
  { factors, reg: 100, alpha: 1 },
]);
const HELD_OUT = 0.2;
/** Above this many users the search runs on a random sample of them. */
const TUNING_USERS = 30_000;

/**
 * The `recommend` job: a project's interactions (weights summed per user and item; items
 * the catalog lacks left out and counted), the number of factors chosen on a validation
 * split carved from the training part (the test part is never looked at until the end),
 * quality on 20% of each user's interactions held out beside most-popular, then ALS on
 * everything and every user's top unseen items written as TSV (user_id, item_id, rank,
 * score), whole or not at all.
 */
export async function runRecommend(db: Db, p: Omit<RecommendStart, 'kind'>, progress: Progress = () => {}): Promise<RecommendResult> {
  const started = performance.now();
  const top = p.top ?? 10;
  const seed = p.seed ?? 0;
  const iterations = p.iterations ?? 10;
  progress(0.02, 'job.recommend.loading');
  const data = loadInteractions(db, p.projectId);
  const { matrix } = data;
  if (matrix.idx.length === 0) throw new DomainError('refused', 'The project has no interactions with known items to learn from: import interactions (and the catalog) first.');

  const split = holdOut(matrix, HELD_OUT, seed);
  let chosen = { factors: p.factors ?? 16, reg: 0.05, alpha: 20 };
  const candidates = p.factors ? CANDIDATES.filter((c) => c.factors === CANDIDATES[0].factors).map((c) => ({ ...c, factors: p.factors! })) : CANDIDATES;
  {
    progress(0.1, 'job.recommend.tuning');
    // The search never sees the test part: it splits the training part again.
    const validation = holdOut(sampleUsers(split.train, TUNING_USERS, seed), HELD_OUT, seed + 1);
    let best = -1;
    for (const [n, c] of candidates.entries()) {
      const model = await fitAls(validation.train, { ...c, iterations, seed });
      const q = await quality(model, validation.train, validation.test);
      if (q.ndcg > best + 1e-9) [best, chosen] = [q.ndcg, c];
      progress(0.1 + (0.3 * (n + 1)) / candidates.length, 'job.recommend.tuning');
    }
  }
  const factors = chosen.factors;
  progress(0.4, 'job.recommend.evaluating');
  const evaluated = await fitAls(split.train, { ...chosen, iterations, seed });
  const als = await quality(evaluated, split.train, split.test);
  const popular = rankingQuality(split.test, popularTopK(split.train, 10));

  progress(0.6, 'job.recommend.fitting');
  const model = await fitAls(matrix, { ...chosen, iterations, seed, onIteration: (i) => progress(0.6 + (0.2 * i) / iterations, 'job.recommend.fitting') });
  progress(0.82, 'job.recommend.scoring');
  const ranked = await topKUnseen(model, matrix, top);
  progress(0.92, 'job.recommend.writing');
  const written = writeTsv(path.resolve(p.outPath), data.users, data.items, ranked.items, ranked.scores, top);
  progress(1, 'job.recommend.done');
  const round = (q: { precision: number; recall: number; ndcg: number }) => ({ precision: r4(q.precision), recall: r4(q.recall), ndcg: r4(q.ndcg) });
  return {
    users: data.users.length,
    items: data.items.length,
    interactions: matrix.idx.length,
    unknownItems: data.unknownItems,
    factors,
    reg: chosen.reg,
    alpha: chosen.alpha,
    engine: ranked.engine,
    quality: { users: als.users, als: round(als), popular: round(popular) },
    written,
    path: p.outPath,
    ms: Math.round(performance.now() - started),
  };
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;

/** At most `max` users' rows (a seeded random choice), for the parameter search on big data. */
function sampleUsers(m: Csr, max: number, seed: number): Csr {
  if (m.rows <= max) return m;
  const pick = new Set<number>();
  let x = seed + 1;
  while (pick.size < max) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    pick.add(x % m.rows);
  }
  const order = [...pick].sort((a, b) => a - b);
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  order.forEach((u, row) => {
    for (let k = m.ptr[u]; k < m.ptr[u + 1]; k++) {
      r.push(row);
      c.push(m.idx[k]);
      v.push(m.val[k]);
    }
  });
  return csrFrom(order.length, m.cols, r, c, v);
}

async function quality(model: AlsModel, train: Csr, test: Int32Array[]) {
  const ranked = await topKUnseen(model, train, 10);
  return rankingQuality(test, (u) => ranked.items.subarray(u * 10, u * 10 + 10).filter((i) => i >= 0));
}

function loadInteractions(db: Db, projectId: number) {
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
  for (const row of db.prepare('SELECT user_id, item_id, weight FROM interactions WHERE project_id = ?').raw().iterate(projectId) as Iterable<[string, string, number]>) {
    const [user, item, weight] = row;
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
  return { matrix: csrFrom(users.size, items.size, r, c, v), users: [...users.keys()], items: [...items.keys()], unknownItems };
}

/** The TSV through a temporary file renamed at the end: a failure leaves no half list. */
function writeTsv(file: string, users: string[], items: string[], ranked: Int32Array, scores: Float32Array, k: number): number {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.part`);
  const fd = fs.openSync(temp, 'w');
  let written = 0;
  try {
    let chunk = 'user_id\titem_id\trank\tscore\n';
    for (let u = 0; u < users.length; u++) {
      for (let r = 0; r < k; r++) {
        const i = ranked[u * k + r];
        if (i < 0) break;
        chunk += `${users[u]}\t${items[i]}\t${r + 1}\t${scores[u * k + r].toFixed(6)}\n`;
        written++;
      }
      if (chunk.length > 1 << 20) {
        fs.writeSync(fd, chunk);
        chunk = '';
      }
    }
    fs.writeSync(fd, chunk);
    fs.closeSync(fd);
    fs.renameSync(temp, file);
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(temp, { force: true });
    throw e;
  }
  return written;
}
