import { recommendVerdict } from '../../../shared/verdict';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/connection';
import type { RecommendResult, RecommendStart } from '../../../shared/targeting';
import { DomainError } from '../../../shared/result';
import { fitTargetingModel } from './fitModel';
import { loadInteractions } from './interactions';

type Progress = (fraction: number, step: string) => void;

/**
 * The `recommend` job: a project's interactions (event weights × weights, summed per user
 * and item; items the catalog lacks left out and counted), the model chosen among every
 * candidate on a validation split carved from the training part (the test part is never
 * looked at until the end), quality on 20% of each user's interactions held out beside
 * most-popular and item-kNN, then the model on everything and every user's top unseen
 * items written as TSV (user_id, item_id, rank, score), whole or not at all.
 */
export async function runRecommend(db: Db, p: Omit<RecommendStart, 'kind'>, progress: Progress = () => {}): Promise<RecommendResult> {
  const started = performance.now();
  const top = p.top ?? 10;
  const seed = p.seed ?? 0;
  progress(0.02, 'job.recommend.loading');
  const data = loadInteractions(db, p.projectId);
  const { matrix } = data;
  if (matrix.idx.length === 0) throw new DomainError('refused', 'The project has no interactions with known items to learn from: import interactions (and the catalog) first.');

  const { recommender, search, quality: q } = await fitTargetingModel(matrix, { factors: p.factors, iterations: p.iterations, seed }, progress);
  const s = recommender.settings;
  progress(0.82, 'job.recommend.scoring');
  const ranked = await recommender.topK(matrix, top);
  progress(0.92, 'job.recommend.writing');
  const written = writeTsv(path.resolve(p.outPath), data.users, data.items, ranked.items, ranked.scores, top);
  progress(1, 'job.recommend.done');
  return {
    users: data.users.length,
    items: data.items.length,
    interactions: matrix.idx.length,
    unknownItems: data.unknownItems,
    model: s.model,
    settings: s,
    factors: s.model === 'als' ? s.factors : null,
    reg: s.model === 'als' ? s.reg : null,
    alpha: s.model === 'als' ? s.alpha : null,
    lambda: s.model === 'ease' ? s.lambda : null,
    search,
    eventWeights: data.eventWeights,
    engine: ranked.engine,
    quality: q,
    verdict: recommendVerdict(q),
    written,
    path: p.outPath,
    ms: Math.round(performance.now() - started),
  };
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
