import { FACTORS, type Factor, isLowRank, type RankedPartner, type Ranking, type ShortlistReview, type ShortlistWarning } from '../../../shared/partners';
import { eigenvectorCentrality } from '../graph/eigenvector';
import { buildGraph } from '../graph/graph';
import { pagerank } from '../graph/pagerank';
import { cosine, fitTfidf, topTerms } from '../text/tfidf';
import { tokenize } from '../text/tokenize';
import { type ConflictFinding, conflictsOf } from './conflicts';
import { costEfficiency, FACTOR_LABEL, minMax, overlapFactor, withMedian } from './factors';

/**
 * The explained partner score: five factors, each 0–1 across the candidates — audience fit
 * (the partner's themes and audience profile against each chosen segment's description,
 * weighted by the segment's share), content fit (TF-IDF cosine with the product), network
 * influence (PageRank and eigenvector centrality in the collaboration graph), reputation
 * and cost efficiency (addressable reach per unit of fee) — weighted and summed, less the
 * risk penalty (conflicts, and the partner's open checklist items). Every partner gets the
 * contributions behind its score and a sentence saying why it ranks where it does.
 */
export interface RankInput {
  product: { title: string; description: string; tags: string[] };
  exclusions: string[];
  partners: {
    id: string;
    name: string;
    type: string;
    description: string;
    tags: string[];
    audienceProfile: string;
    audienceSize: number | null;
    reputation: number | null;
    fee: number | null;
    conflictTags: string[];
  }[];
  collaborations: { a: string; b: string }[];
  segments: { name: string; text: string; share: number }[];
  segmentRun: number | null;
  /** Whether the segments are the strategist's choice (else every segment of the run). */
  segmentsTargeted?: boolean;
  shortlist: string[];
  /** The checklist's part of each shortlisted partner's risk, 0–100 (its open blocking items' share). */
  checklistRisk: Record<string, number>;
  weights: Record<Factor | 'risk', number>;
  /** What each partner's overlap sketch says (partners without one are absent), and which figure the factor scores. */
  overlap?: { measure: 'incrementalReach' | 'affinity'; byPartner: ReadonlyMap<string, { incrementalReach: number; affinity: number | null }> };
  /** Each rated partner's brand-personality fit with the product, 0–1. */
  brandFit?: ReadonlyMap<string, number>;
  filters?: { types?: string[]; feeCap?: number; hideConflicts?: boolean };
  top?: number;
}

export function rankPartners(input: RankInput): Ranking {
  const ps = input.partners;
  const partnerDocs = ps.map((p) => tokenize([p.description, ...p.tags, p.tags.join(' '), p.audienceProfile].join(' ')));
  const productDoc = tokenize([input.product.title, input.product.description, ...input.product.tags, ...input.product.tags].join(' '));
  const segmentDocs = input.segments.map((s) => tokenize(s.text));
  const model = fitTfidf([...partnerDocs, productDoc, ...segmentDocs]);
  const pv = partnerDocs.map((d) => model.vectorize(d));
  const product = model.vectorize(productDoc);
  const segments = segmentDocs.map((d) => model.vectorize(d));
  const shareSum = input.segments.reduce((s, x) => s + x.share, 0) || 1;

  const contentRaw = pv.map((v) => cosine(v, product));
  const audienceRaw = pv.map((v) => (segments.length ? segments.reduce((s, seg, i) => s + (input.segments[i].share / shareSum) * cosine(v, seg), 0) : 0));
  const graph = buildGraph(ps.map((p) => p.id), input.collaborations);
  const pr = pagerank(graph);
  const ev = eigenvectorCentrality(graph);
  const at = new Map(graph.nodes.map((n, i) => [n, i]));
  const prN = minMax(ps.map((p) => pr[at.get(p.id)!]));
  const networkRaw = ps.map((p, i) => 0.5 * prN[i] + 0.5 * ev[at.get(p.id)!]);

  const addressable = addressableReach(ps, audienceRaw, segments.length > 0);
  const values: Record<Factor, number[]> = {
    audienceFit: segments.length ? minMax(audienceRaw) : ps.map(() => 0),
    contentFit: minMax(contentRaw),
    network: networkRaw,
    reputation: ps.map((p) => (p.reputation === null ? 0 : Math.max(0, Math.min(100, p.reputation)) / 100)),
    costEfficiency: costEfficiency(addressable, ps.map((p) => p.fee)),
    overlap: input.overlap ? overlapFactor(ps.map((p) => p.id), input.overlap.byPartner, input.overlap.measure) : ps.map(() => 0),
    brandFit: input.brandFit ? withMedian(ps.map((p) => p.id), input.brandFit) : ps.map(() => 0),
  };
  const shortlist = input.shortlist.map((id) => ps.find((p) => p.id === id)).filter((p): p is RankInput['partners'][number] => !!p);
  const w = input.weights;
  const total = FACTORS.reduce((s, f) => s + w[f], 0);

  let ranked: (RankedPartner & { findings: ConflictFinding[] })[] = ps.map((p, i) => {
    const findings = conflictsOf(p, input.exclusions, shortlist);
    const risk = Math.min(1, Math.max(0, ...findings.map((c) => c.penalty), (input.checklistRisk[p.id] ?? 0) / 100));
    const factors = Object.fromEntries(FACTORS.map((f) => [f, round(values[f][i])])) as RankedPartner['factors'];
    factors.risk = round(risk);
    const contributions = Object.fromEntries(FACTORS.map((f) => [f, total ? round((w[f] * values[f][i]) / total) : 0])) as RankedPartner['contributions'];
    contributions.risk = round(-w.risk * risk);
    const score = round(FACTORS.reduce((s, f) => s + contributions[f], 0) + contributions.risk);
    return {
      id: p.id, name: p.name, type: p.type, fee: p.fee, audienceSize: p.audienceSize, addressable: addressable[i] === null ? null : Math.round(addressable[i]!), score, factors, contributions,
      conflicts: findings.map((c) => c.tag), clashes: findings.map((c) => ({ tag: c.tag, kind: c.kind, with: c.with })), keywords: topTerms(pv[i], 5).map((t) => t.term), reason: { en: '', 'zh-CN': '' }, findings,
    };
  });
  const review = reviewShortlist(ranked, shortlist.map((p) => p.id));
  const f = input.filters ?? {};
  if (f.types?.length) ranked = ranked.filter((r) => f.types!.some((t) => t.toLowerCase() === r.type.toLowerCase()));
  if (f.feeCap !== undefined) ranked = ranked.filter((r) => r.fee === null || r.fee <= f.feeCap!);
  if (f.hideConflicts) ranked = ranked.filter((r) => !r.findings.some((c) => c.kind !== 'warning'));
  ranked.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  ranked.forEach((r, i) => (r.reason = explain(r, i + 1, ranked.length, w)));
  return {
    partners: ranked.slice(0, input.top ?? ranked.length).map(({ findings: _f, ...r }) => r),
    review,
    weights: w,
    segments: { run: input.segmentRun, names: input.segments.map((s) => s.name), targeted: !!input.segmentsTargeted },
    productKeywords: topTerms(product, 8).map((t) => t.term),
  };
}

/**
 * The shortlist as the strategist should see it before the pitch: each partner's place among
 * every candidate (before filters), and what speaks against it — a low rank, a conflict tag
 * against the project's exclusions or a shortlisted rival, or a softer warning tag.
 */
function reviewShortlist(all: (RankedPartner & { findings: ConflictFinding[] })[], shortlist: string[]): ShortlistReview[] {
  const order = [...all].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  const names = new Map(all.map((p) => [p.id, p.name]));
  return shortlist.flatMap((id) => {
    const i = order.findIndex((p) => p.id === id);
    if (i < 0) return [];
    const p = order[i];
    const rank = i + 1;
    const kind = order.filter((q) => q.type.toLowerCase() === p.type.toLowerCase());
    const kindRank = kind.findIndex((q) => q.id === id) + 1;
    const warnings: ShortlistWarning[] = [];
    if (isLowRank(rank, order.length, kindRank)) warnings.push({ kind: 'lowRank', params: { name: p.name, rank, of: order.length, kindRank, kindOf: kind.length } });
    for (const c of p.findings) {
      const against = c.kind === 'competitor' && c.with ? (names.get(c.with) ?? c.with) : (c.with ?? '');
      warnings.push({ kind: c.kind, params: { name: p.name, tag: c.tag, with: against } });
    }
    return [{ partnerId: p.id, name: p.name, rank, of: order.length, kindRank, kindOf: kind.length, warnings }];
  });
}

/**
 * The part of each partner's audience the campaign can address: its audience size scaled by
 * how well it matches the chosen segments, relative to the best-matching partner (so the
 * best match counts its whole audience). Without segments, the whole audience.
 */
function addressableReach(ps: RankInput['partners'], fit: number[], targeted: boolean): (number | null)[] {
  const best = Math.max(0, ...fit.filter(Number.isFinite));
  return ps.map((p, i) => (p.audienceSize === null ? null : !targeted || best === 0 ? p.audienceSize : (p.audienceSize * Math.max(0, fit[i])) / best));
}

const round = (x: number) => Math.round(x * 10000) / 10000;

/** "Ranks 3 of 120: strong on content fit (0.82) and audience fit (0.71); weakest on cost efficiency (0.12); conflicts: …". */
function explain(r: RankedPartner & { findings: ConflictFinding[] }, rank: number, of: number, w: Record<Factor | 'risk', number>): RankedPartner['reason'] {
  // Only the factors the strategist weighs: one left at 0 is neither a strength nor a weakness.
  const weighed = FACTORS.filter((f) => w[f] > 0);
  const by = (weighed.length >= 3 ? weighed : FACTORS).map((f) => ({ f, c: r.contributions[f], v: r.factors[f] })).sort((a, b) => b.c - a.c);
  const [first, second] = by;
  // The weakest among the rest, so one factor is never both a strength and the weakness.
  const weakest = by.slice(2).sort((a, b) => a.v - b.v)[0];
  const n = (x: number) => x.toFixed(2);
  const clashes = r.findings.filter((c) => c.kind !== 'warning');
  const warn = r.findings.filter((c) => c.kind === 'warning');
  const en = [
    `Ranks ${rank} of ${of}: strongest on ${FACTOR_LABEL[first.f].en} (${n(first.v)}) and ${FACTOR_LABEL[second.f].en} (${n(second.v)}); weakest on ${FACTOR_LABEL[weakest.f].en} (${n(weakest.v)})`,
    clashes.length ? `; conflicts: ${clashes.map((c) => `${c.tag} (${c.kind === 'exclusion' ? `your exclusion ${c.with}` : `competes with shortlisted ${c.with}`})`).join(', ')}` : '',
    warn.length ? `; note: ${warn.map((c) => c.tag).join(', ')}` : '',
    r.factors.risk > 0 ? `; risk takes off ${n(-r.contributions.risk)}` : '',
    '.',
  ].join('');
  const zh = [
    `在 ${of} 个候选中排第 ${rank}：${FACTOR_LABEL[first.f]['zh-CN']}（${n(first.v)}）与${FACTOR_LABEL[second.f]['zh-CN']}（${n(second.v)}）最强，${FACTOR_LABEL[weakest.f]['zh-CN']}（${n(weakest.v)}）最弱`,
    clashes.length ? `；冲突：${clashes.map((c) => `${c.tag}（${c.kind === 'exclusion' ? `与排除项“${c.with}”冲突` : `与已入选的 ${c.with} 竞争`}）`).join('、')}` : '',
    warn.length ? `；提示：${warn.map((c) => c.tag).join('、')}` : '',
    r.factors.risk > 0 ? `；风险扣减 ${n(-r.contributions.risk)}` : '',
    '。',
  ].join('');
  return { en, 'zh-CN': zh };
}
