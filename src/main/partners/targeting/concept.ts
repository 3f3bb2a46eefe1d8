import { recommendVerdict } from '../../../shared/verdict';
import path from 'node:path';
import type { Db } from '../../db/connection';
import { AudienceStore } from '../../db/audienceStore';
import { RunsRepo } from '../../audience/runsRepo';
import { openTableWriter } from '../../data/tableWriter';
import type { TargetingResult, TargetStart } from '../../../shared/targeting';
import { DomainError } from '../../../shared/result';
import { cosine, fitTfidf, topTerms } from '../text/tfidf';
import { tokenize } from '../text/tokenize';
import { fitTargetingModel } from './fitModel';
import { loadInteractions } from './interactions';

type Progress = (fraction: number, step: string) => void;
type Row = Record<string, unknown>;
const ANCHORS = 5;

/**
 * Who will take up the co-branded product: the concept (the product's title and tags plus
 * the partner's themes) is placed among its TF-IDF-nearest catalog items — a virtual item
 * whose links (or factors, for ALS) are the similarity-weighted mix of theirs — and every
 * user scored against it by whichever model the validation split chose. The best `share`
 * are the addressable audience, counted per segment of the chosen run and, if asked,
 * written as a target list (user_id, score, segment).
 */
export async function runTargeting(db: Db, p: Omit<TargetStart, 'kind'>, progress: Progress = () => {}): Promise<TargetingResult> {
  const started = performance.now();
  const seed = p.seed ?? 0;
  const share = p.share ?? 0.2;
  progress(0.02, 'job.recommend.loading');
  const project = db.prepare('SELECT product_title, tags FROM projects WHERE id = ? AND deleted_at IS NULL').get(p.projectId) as Row | undefined;
  if (!project) throw new DomainError('not_found', `No project with id ${p.projectId}.`);
  let partnerText = '';
  if (p.partnerId) {
    const partner = db.prepare('SELECT name, description, tags FROM partners WHERE project_id = ? AND partner_id = ?').get(p.projectId, p.partnerId) as Row | undefined;
    if (!partner) throw new DomainError('not_found', `The project has no partner ${p.partnerId}.`);
    partnerText = [partner.description, ...(JSON.parse(String(partner.tags)) as string[])].join(' ');
  }
  const conceptText = [project.product_title, ...(JSON.parse(String(project.tags)) as string[]), partnerText].join(' ');
  const data = loadInteractions(db, p.projectId);
  if (data.matrix.idx.length === 0) throw new DomainError('refused', 'The project has no interactions with known items to learn from: import interactions (and the catalog) first.');
  const catalog = db.prepare('SELECT item_id, title, description, tags FROM catalog_items WHERE project_id = ?').all(p.projectId) as Row[];
  if (!catalog.length) throw new DomainError('refused', 'The project has no catalog: the concept is placed among catalog items, so import the catalog first.');

  // The concept's nearest catalog items, among those the model knows.
  const index = new Map(data.items.map((id, i) => [id, i]));
  const docs = catalog.map((c) => tokenize([c.title, c.description, ...(JSON.parse(String(c.tags)) as string[])].join(' ')));
  const concept = tokenize(conceptText);
  const tfidf = fitTfidf([...docs, concept]);
  const cv = tfidf.vectorize(concept);
  const anchors = catalog
    .map((c, i) => ({ itemId: c.item_id as string, title: c.title as string, similarity: cosine(cv, tfidf.vectorize(docs[i])) }))
    .filter((a) => index.has(a.itemId) && a.similarity > 0)
    .sort((a, b) => b.similarity - a.similarity || a.itemId.localeCompare(b.itemId))
    .slice(0, ANCHORS);
  if (!anchors.length) throw new DomainError('refused', 'No catalog item shares a word with the concept (the product title, its tags and the partner’s themes): add tags or descriptions to the catalog.');

  const fitted = await fitTargetingModel(data.matrix, { seed }, progress);
  progress(0.85, 'job.target.scoring');
  const weight = anchors.reduce((sum, a) => sum + a.similarity, 0);
  const scores = fitted.recommender.conceptScores(data.matrix, anchors.map((a) => ({ item: index.get(a.itemId)!, weight: a.similarity / weight })));
  const order = Int32Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a] || a - b);
  const count = Math.max(1, Math.round(share * order.length));
  const chosen = order.subarray(0, count).filter((u) => scores[u] > 0);

  // Segments of the chosen run (assignments in the audience's row order).
  const run = new RunsRepo(db).chosen(p.projectId);
  const segmentOf = new Map<string, number>();
  if (run) {
    const ids = new AudienceStore(db).ids(p.projectId);
    const labels = new RunsRepo(db).assignments(run.id);
    if (ids.length === labels.length) ids.forEach((id, i) => segmentOf.set(id, labels[i]));
  }
  const bySegment = (run?.segments ?? []).map((s) => ({ id: s.id, name: s.name, nameEn: s.nameEn, nameZh: s.nameZh, users: s.size, addressable: 0 }));
  for (const u of chosen) {
    const seg = segmentOf.get(data.users[u]);
    const entry = bySegment.find((s) => s.id === seg);
    if (entry) entry.addressable++;
  }

  let written = 0;
  if (p.outPath) {
    progress(0.92, 'job.target.writing');
    const names = new Map((run?.segments ?? []).map((s) => [s.id, s.name]));
    const writer = openTableWriter(path.resolve(p.outPath), 'targets');
    try {
      writer.writeRow(['user_id', 'score', 'segment']);
      for (const u of chosen) {
        const seg = segmentOf.get(data.users[u]);
        writer.writeRow([data.users[u], Math.round(scores[u] * 1e6) / 1e6, seg === undefined ? '' : (names.get(seg) ?? String(seg))]);
        written++;
      }
      writer.close();
    } catch (e) {
      writer.abort();
      throw e;
    }
  }
  progress(1, 'job.target.done');
  return {
    partnerId: p.partnerId ?? null,
    conceptWords: topTerms(cv, 8).map((t) => t.term),
    anchors: anchors.map((a) => ({ ...a, similarity: Math.round(a.similarity * 1000) / 1000 })),
    users: data.users.length,
    addressable: chosen.length,
    bySegment,
    quality: fitted.quality,
    verdict: recommendVerdict(fitted.quality),
    model: fitted.recommender.settings.model,
    settings: fitted.recommender.settings,
    search: fitted.search,
    factors: fitted.recommender.settings.model === 'als' ? fitted.recommender.settings.factors : null,
    written,
    path: p.outPath ?? null,
    ms: Math.round(performance.now() - started),
  };
}
