import type { Db } from '../db/connection';
import { RunsRepo } from '../audience/runsRepo';
import { PlanService } from '../plan/planService';
import { ChecklistService } from '../risk/checklistService';
import { ChecklistRepo } from '../risk/checklistRepo';
import { type Factor, FACTORS, type KeywordInfluence, type PartnerNetwork, PRESET_WEIGHTS, type Ranking, type RankRequest, rankRequestSchema, portfolioRequestSchema } from '../../shared/partners';
import { DomainError } from '../../shared/result';
import { parseOrRefuse } from '../../shared/validation';
import { optimisePortfolio, type PortfolioResult } from './portfolio';
import { eigenvectorCentrality } from './graph/eigenvector';
import { buildGraph } from './graph/graph';
import { keywordRank } from './text/keywordRank';
import { fitTfidf, topTerms } from './text/tfidf';
import { tokenize } from './text/tokenize';
import { pagerank } from './graph/pagerank';
import { type RankInput, rankPartners } from './score/rank';

type Row = Record<string, unknown>;
const list = (json: unknown): string[] => {
  try {
    const v = JSON.parse(String(json ?? '[]')) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

/**
 * Partner ranking and the portfolio on a project's data: the product, its exclusions, the
 * partners and collaborations datasets, the chosen segmentation run (audience fit) and the
 * shortlist's checklist (risk).
 */
/** The project's partners' names by id, handed to the areas that name partners (overlap, personality). */
export type PartnerNames = (projectId: number) => Map<string, string>;

/** What the partners' overlap sketches say, for the ranking's overlap factor (the overlap area answers it). */
export type OverlapForRanking = (projectId: number) => RankInput['overlap'];
/** Each rated partner's brand-personality fit (the personality area answers it). */
export type BrandFitForRanking = (projectId: number) => RankInput['brandFit'];

export class PartnerService {
  constructor(
    private readonly db: Db,
    private readonly overlapOf: OverlapForRanking = () => undefined,
    private readonly brandFitOf: BrandFitForRanking = () => undefined,
  ) {}

  rank(request: RankRequest): Ranking {
    const r = parseOrRefuse(rankRequestSchema, request);
    const weights = { ...PRESET_WEIGHTS[r.preset ?? 'engagement'], ...r.weights } as Record<Factor | 'risk', number>;
    if (FACTORS.every((f) => weights[f] === 0)) {
      throw new DomainError('invalid_input', 'Every factor weight is zero: there is nothing to rank by. Give at least one factor a weight.', [{ path: 'weights', message: 'partners.problem.zeroWeights' }]);
    }
    return rankPartners({ ...this.inputOf(r.projectId, r.segments), overlap: this.overlapOf(r.projectId), brandFit: this.brandFitOf(r.projectId), weights, filters: { types: r.types, feeCap: r.feeCap, hideConflicts: r.hideConflicts }, top: r.top });
  }

  portfolio(request: { projectId: number; budget: number; max?: number; preset?: RankRequest['preset'] }): PortfolioResult & { ranking: Ranking } {
    const r = parseOrRefuse(portfolioRequestSchema, request);
    const ranking = this.rank({ projectId: r.projectId, preset: r.preset });
    // Exact branch and bound over the 200 best; below them no set could gain.
    const pool = ranking.partners.slice(0, 200);
    const competitors = pool.filter((p) => p.conflicts.some((t) => /^(竞品|competitor)/i.test(t)));
    const conflicts: [string, string][] = [];
    for (const a of competitors) for (const b of pool) if (a.id !== b.id && a.type.toLowerCase() === b.type.toLowerCase()) conflicts.push([a.id, b.id]);
    const result = optimisePortfolio({
      candidates: pool.map((p) => ({ id: p.id, score: p.score, fee: p.fee ?? 0 })),
      budget: r.budget,
      maxCount: r.max ?? 5,
      conflicts,
    });
    return { ...result, ranking };
  }

  /** Keyword influence over the product's and partners' texts (the seeds' "cultural value" ranking). */
  keywords(projectId: number, top = 20): KeywordInfluence {
    const input = this.inputOf(projectId);
    const productText = [input.product.title, input.product.description, ...input.product.tags].join(' ');
    // Single characters (课, 讲, 一) help similarity but say nothing as keywords.
    const words = (text: string) => tokenize(text).filter((w) => [...w].length > 1);
    const docs = [words(productText), ...input.partners.map((p) => words([p.description, ...p.tags].join(' ')))];
    const model = fitTfidf(docs);
    const own = new Set(docs[0]);
    return { product: topTerms(model.vectorize(docs[0]), 10).map((t) => t.term), influence: keywordRank(docs, top).map((k) => ({ ...k, inProduct: own.has(k.term) })) };
  }

  /** Every partner's id and name, by id (the overlap card names its deals with them). */
  names(projectId: number): [string, string][] {
    return this.db.prepare('SELECT partner_id, name FROM partners WHERE project_id = ? ORDER BY partner_id').raw().all(projectId) as [string, string][];
  }

  /** The collaboration network: every partner with its centralities, and the weighted edges. */
  network(projectId: number): PartnerNetwork {
    const input = this.inputOf(projectId);
    const g = buildGraph(input.partners.map((p) => p.id), input.collaborations);
    const pr = pagerank(g);
    const ev = eigenvectorCentrality(g);
    const byId = new Map(input.partners.map((p) => [p.id, p]));
    const shortlist = new Set(input.shortlist);
    return {
      nodes: g.nodes.map((id, i) => ({ id, name: byId.get(id)?.name ?? id, type: byId.get(id)?.type ?? '', pagerank: pr[i], eigenvector: ev[i], degree: g.neighbours[i].length, shortlisted: shortlist.has(id) })),
      edges: g.neighbours.flatMap((adj, i) => adj.filter(([j]) => j > i).map(([j, w]) => ({ a: g.nodes[i], b: g.nodes[j], weight: w }))),
      selfLoops: g.selfLoops,
    };
  }

  private inputOf(projectId: number, segmentIds?: number[]): Omit<RankInput, 'weights' | 'filters' | 'top'> {
    const project = this.db.prepare('SELECT product_title, description, tags, exclusions FROM projects WHERE id = ? AND deleted_at IS NULL').get(projectId) as Row | undefined;
    if (!project) throw new DomainError('not_found', `No project with id ${projectId}.`);
    const partners = (this.db.prepare('SELECT partner_id, name, type, description, tags, audience_profile, audience_size, reputation, fee, conflict_tags FROM partners WHERE project_id = ? ORDER BY partner_id').all(projectId) as Row[]).map((p) => ({
      id: p.partner_id as string,
      name: p.name as string,
      type: (p.type as string) || '',
      description: (p.description as string) || '',
      tags: list(p.tags),
      audienceProfile: (p.audience_profile as string) || '',
      audienceSize: (p.audience_size as number | null) ?? null,
      reputation: (p.reputation as number | null) ?? null,
      fee: (p.fee as number | null) ?? null,
      conflictTags: list(p.conflict_tags),
    }));
    if (!partners.length) throw new DomainError('refused', 'The project has no partners to rank: import the partners dataset first.');
    const collaborations = (this.db.prepare('SELECT partner_a, partner_b FROM collaborations WHERE project_id = ?').raw().all(projectId) as [string, string][]).map(([a, b]) => ({ a, b }));
    const run = new RunsRepo(this.db).chosen(projectId);
    // The segments that matter: the request's, else the plan's (wizard step 1), else all of them.
    const wanted = segmentIds ?? (run ? new PlanService(this.db).targetSegments(projectId, run.createdAt) : null);
    if (segmentIds && run) segmentIds.forEach((id, i) => { if (!run.segments.some((s) => s.id === id)) throw new DomainError('invalid_input', `Segment ${id} is not in the chosen segmentation run.`, [{ path: `segments.${i}`, message: 'plan.problem.unknownSegment', params: { id } }]); });
    const segments = (run?.segments ?? []).filter((s) => !wanted || wanted.includes(s.id)).map((s) => ({
      name: s.name,
      share: s.share,
      text: [s.nameEn, s.nameZh, ...s.distinguishing.flatMap((d) => [d.en, d.zh]), ...Object.values(s.attributes).flatMap((vals) => vals.slice(0, 3).map((v) => v.value))].join(' '),
    }));
    const shortlist = new ChecklistRepo(this.db).shortlist(projectId);
    // The checklist's part of the risk: the share of the partner's blocking items that are open
    // past their due date. Only shortlisted partners have a checklist, so counting paperwork
    // merely not done yet would rank a partner lower for being shortlisted; an overdue
    // blocking item is a real risk to the campaign.
    const items = shortlist.length ? new ChecklistService(this.db).view(projectId).items : [];
    const checklistRisk: Record<string, number> = {};
    for (const id of shortlist) {
      const blocking = items.filter((i) => i.partnerId === id && i.severity === 'blocking' && i.status !== 'na');
      const late = blocking.filter((i) => i.overdue && (i.status === 'todo' || i.status === 'in_progress'));
      if (blocking.length) checklistRisk[id] = (100 * late.length) / blocking.length;
    }
    return {
      product: { title: (project.product_title as string) || '', description: (project.description as string) || '', tags: list(project.tags) },
      exclusions: list(project.exclusions),
      partners,
      collaborations,
      segments,
      segmentRun: run?.id ?? null,
      segmentsTargeted: !!wanted,
      shortlist,
      checklistRisk,
    };
  }
}
