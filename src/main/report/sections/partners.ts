import type { PartnerPrediction } from '../../../shared/campaignModel';
import { type Verdict, verdictSentence } from '../../../shared/verdict';
import { CampaignModelService } from '../../forecast/campaign/campaignService';
import { PartnerService } from '../../partners/partnerService';
import { OverlapService } from '../../overlap/overlapService';
import { PersonalityService } from '../../personality/personalityService';
import { PlanService } from '../../plan/planService';
import { ChecklistRepo } from '../../risk/checklistRepo';
import { FACTORS, type RankedPartner, type ShortlistReview } from '../../../shared/partners';
import type { ReportBlock } from '../../../shared/report';
import { DomainError } from '../../../shared/result';
import { groupedBarOption, networkOption, stackedBarOption } from '../charts';
import type { ReportContext } from '../context';
import { DEFAULT_K } from '../../../shared/overlap/thetaSketch';
import { FIT_RULE, PERSONALITY_DIMENSIONS } from '../../../shared/personality';

const typeLabel = (c: ReportContext, type: string) => {
  const label = c.t(`partnerType.${type}`);
  return label === `partnerType.${type}` ? type : label;
};

/** The shortlist with each partner's score taken apart, what it is predicted to bring, and the network around it. */
export function partnerBlocks(c: ReportContext): { blocks: ReportBlock[]; empty: string | null; review: ShortlistReview[] } {
  const shortlist = new ChecklistRepo(c.db).shortlist(c.projectId);
  if (!shortlist.length) return { blocks: [], empty: c.t('report.empty.partners'), review: [] };
  const { plan } = new PlanService(c.db).get(c.projectId);
  // The same ranking as the Partners page: the overlap factor reads the partners' sketches.
  let overlap: OverlapService | null = null;
  let personality: PersonalityService | null = null;
  const partners = new PartnerService(c.db, (projectId) => overlap?.rankingInput(projectId), (projectId) => personality?.fits(projectId));
  const names = (projectId: number) => new Map(partners.names(projectId));
  overlap = new OverlapService(c.db, names);
  personality = new PersonalityService(c.db, names);
  const ranking = partners.rank({ projectId: c.projectId, preset: plan.cooperation.preset, weights: plan.cooperation.weights });
  const rank = new Map(ranking.partners.map((p, i) => [p.id, i + 1]));
  const chosen = shortlist.map((id) => ranking.partners.find((p) => p.id === id)).filter((p): p is RankedPartner => !!p);
  const { byPartner: forecasts, verdict } = predictions(c, shortlist);
  const factorName = (f: string) => c.t(`partners.factor.${f}`);
  const blocks: ReportBlock[] = [
    { kind: 'text', text: c.t('report.partnersIntro', { n: chosen.length, of: ranking.partners.length }) },
    {
      kind: 'chart',
      title: c.t('report.scoreBreakdown'),
      // The factors the plan weighs: one at weight 0 adds nothing but a legend entry.
      option: stackedBarOption(chosen.map((p) => p.name), FACTORS.filter((f) => ranking.weights[f] > 0).map((f) => ({ name: factorName(f), values: chosen.map((p) => p.contributions[f]) }))),
      height: 60 + 30 * chosen.length,
    },
    {
      kind: 'table',
      // The factors' values are in the chart above; the table adds rank, fee and the forecast.
      columns: [c.t('report.rank'), c.t('report.partner'), c.t('report.type'), c.t('report.score'), c.t('report.fee'), c.t('report.forecast')],
      numeric: [true, false, false, true, true, true],
      rows: chosen.map((p) => {
        const f = forecasts.get(p.id);
        return [String(rank.get(p.id) ?? '—'), p.name, typeLabel(c, p.type), p.score.toFixed(2), p.fee === null ? '—' : c.money(p.fee), f ? `${c.number(f.p50)} (${c.number(f.p10)}–${c.number(f.p90)})` : '—'];
      }),
    },
    ...(verdict ? [{ kind: 'text' as const, text: `${c.t('report.forecastVerdict')}: ${verdictSentence(c.t, verdict)}` }] : []),
    ...chosen.map((p) => ({ kind: 'text' as const, text: `${p.name}: ${p.reason[c.lang]}` })),
    ...overlapBlocks(c, overlap),
    ...personalityBlocks(c, personality, new Set(shortlist)),
  ];
  const network = partners.network(c.projectId);
  const near = new Set(shortlist);
  for (const e of network.edges) if (near.has(e.a) || near.has(e.b)) (near.add(e.a), near.add(e.b));
  // The shortlist and its most central neighbours: a readable circle, not the whole graph.
  const nodes = network.nodes.filter((n) => near.has(n.id)).sort((a, b) => Number(b.shortlisted) - Number(a.shortlisted) || b.pagerank - a.pagerank).slice(0, 20);
  const kept = new Set(nodes.map((n) => n.id));
  const top = Math.max(...nodes.map((n) => n.pagerank), 1e-9);
  if (nodes.length > 1) {
    blocks.push({
      kind: 'chart',
      title: c.t('report.network'),
      option: networkOption(nodes.map((n) => ({ id: n.id, name: n.name, size: n.pagerank / top, shortlisted: n.shortlisted })), network.edges.filter((e) => kept.has(e.a) && kept.has(e.b))),
      height: 300,
    });
  }
  return { blocks, empty: null, review: ranking.review };
}

/**
 * What the partners' overlap sketches say: per partner with a result, the people in both (with
 * its band), each side's share, the new people and the affinity; then what a sketch can reveal.
 */
function overlapBlocks(c: ReportContext, overlap: OverlapService): ReportBlock[] {
  const deals = overlap.view(c.projectId).deals.filter((d) => d.result);
  if (!deals.length) return [];
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const band = (b: { estimate: number; p10: number; p90: number }) => (b.p10 === b.p90 ? c.number(b.estimate) : `${c.number(b.estimate)} (${c.number(b.p10)}–${c.number(b.p90)})`);
  const ratio = (v: number) => (v >= 10 ? c.number(Math.round(v)) : v.toFixed(2));
  return [
    { kind: 'text', text: c.t('report.overlapIntro', { n: deals.length }) },
    {
      kind: 'table',
      columns: [c.t('report.partner'), c.t('overlap.inBoth'), c.t('overlap.shareOfOurs'), c.t('overlap.shareOfTheirs'), c.t('overlap.newPeople'), c.t('overlap.affinity')],
      numeric: [false, true, true, true, true, true],
      rows: deals.map((d) => {
        const r = d.result!;
        return [d.name + (d.stale ? ' *' : ''), band(r.overlap), `${pct(r.shareOfA)} (${pct(r.shareOfAP10)}–${pct(r.shareOfAP90)})`, pct(r.shareOfB), band(r.incrementalReach), r.affinity === null ? '—' : `${ratio(r.affinity)} (${ratio(r.affinityP10!)}–${ratio(r.affinityP90!)})`];
      }),
    },
    ...(deals.some((d) => d.stale) ? [{ kind: 'text' as const, text: c.t('report.overlapStale') }] : []),
    { kind: 'text', text: `${c.t('overlap.privacyTitle')}: ${c.t('overlap.privacyHolds', { k: c.number(DEFAULT_K) })} ${c.t('overlap.privacyReveals', { k: c.number(DEFAULT_K) })} ${c.t('overlap.privacyChecklist')}` },
  ];
}

/** The product's and the shortlisted partners' brand personality, and each pair's fit. */
function personalityBlocks(c: ReportContext, personality: PersonalityService, shortlist: ReadonlySet<string>): ReportBlock[] {
  const v = personality.view(c.projectId);
  const partners = v.partners.filter((p) => shortlist.has(p.subject));
  if (!v.product || !partners.length) return [];
  const dim = (d: string) => c.t(`personality.dim.${d}`);
  return [
    { kind: 'text', text: c.t('report.personalityIntro') },
    {
      kind: 'chart',
      title: c.t('personality.title'),
      option: groupedBarOption(PERSONALITY_DIMENSIONS.map(dim), [{ name: c.t('personality.product'), values: PERSONALITY_DIMENSIONS.map((d) => v.product!.ratings[d]) }, ...partners.map((p) => ({ name: p.name, values: PERSONALITY_DIMENSIONS.map((d) => p.ratings[d]) }))]),
      height: 220,
    },
    {
      kind: 'table',
      columns: [c.t('report.partner'), ...PERSONALITY_DIMENSIONS.filter((d) => FIT_RULE[d] !== 'notADriver').map(dim), c.t('personality.fit')],
      numeric: [false, true, true, true, true, true],
      rows: partners.map((p) => [p.name, ...PERSONALITY_DIMENSIONS.filter((d) => FIT_RULE[d] !== 'notADriver').map((d) => p.fit!.perDimension[d].toFixed(2)), p.fit!.overall.toFixed(2)]),
    },
  ];
}

/** The campaign-level model's prediction per shortlisted partner, when past campaigns allow one. */
function predictions(c: ReportContext, ids: string[]): { byPartner: Map<string, PartnerPrediction>; verdict: Verdict | null } {
  try {
    const model = new CampaignModelService(c.db).model({ projectId: c.projectId, partners: ids });
    return { byPartner: new Map(model.predictions.map((p) => [p.partnerId, p])), verdict: model.verdict };
  } catch (e) {
    if (e instanceof DomainError) return { byPartner: new Map(), verdict: null };
    throw e;
  }
}

/** The co-branded content plan: each item's form, partners, channels and dates. */
export function contentBlocks(c: ReportContext): { blocks: ReportBlock[]; empty: string | null } {
  const view = new PlanService(c.db).get(c.projectId);
  const items = view.plan.content;
  if (!items.length) return { blocks: [], empty: c.t('report.empty.content') };
  const names = new Map(view.shortlist.map((s) => [s.id, s.name]));
  const sep = c.lang === 'zh-CN' ? '、' : ', ';
  return {
    empty: null,
    blocks: [
      {
        kind: 'table',
        columns: [c.t('report.form'), c.t('report.contentTitle'), c.t('report.partners'), c.t('report.channels'), c.t('report.dates')],
        numeric: [false, false, false, false, false],
        rows: items.map((i) => [
          c.t(`plan.form.${i.form}`),
          i.title || '—',
          i.partnerIds.map((id) => names.get(id) ?? id).join(sep) || '—',
          i.channels.map((ch) => c.t(`plan.channel.${ch}`)).join(sep) || '—',
          i.start || i.end ? `${i.start ?? '…'} – ${i.end ?? '…'}` : '—',
        ]),
      },
      ...(view.plan.metrics.length
        ? [{ kind: 'facts' as const, items: view.plan.metrics.map((m) => ({ label: m.metric === 'custom' ? m.label : c.t(`plan.metric.${m.metric}`), value: m.target === null ? '—' : c.number(m.target) })) }]
        : []),
    ],
  };
}
