import type { Db } from '../../db/connection';
import { campaignVerdict } from '../../../shared/verdict';
import { type CampaignModel, type CampaignModelRequest, campaignModelRequestSchema, type DriverSource, type PartnerPrediction } from '../../../shared/campaignModel';
import type { RankedPartner } from '../../../shared/partners';
import { DomainError } from '../../../shared/result';
import { parseOrRefuse } from '../../../shared/validation';
import { PartnerService } from '../../partners/partnerService';
import { ChecklistRepo } from '../../risk/checklistRepo';
import { fitCampaignModel, type FittedCampaignModel } from './campaignModel';
import { loadCampaignRows } from './campaignRows';

const DAY_MS = 86_400_000;

/**
 * The campaign-level model on a project: fitted on the past campaigns of its campaigns
 * dataset, then asked what each shortlisted partner would bring under the plan — the
 * partner sets addressable audience, audience fit, size, fee, type and reputation; the
 * plan sets the media budget (the campaign budget less the partner's fee), the duration
 * and the price; any other driver stays at its past average. Cheap (a few hundred small
 * ridge fits), so it runs on call rather than as a job.
 */
export class CampaignModelService {
  constructor(private readonly db: Db) {}

  model(request: CampaignModelRequest): CampaignModel {
    const r = parseOrRefuse(campaignModelRequestSchema, request);
    const project = this.db.prepare('SELECT budget, start_date, end_date, price FROM projects WHERE id = ? AND deleted_at IS NULL').get(r.projectId) as
      | { budget: number | null; start_date: string | null; end_date: string | null; price: number | null }
      | undefined;
    if (!project) throw new DomainError('not_found', `No project with id ${r.projectId}.`);
    const rows = loadCampaignRows(this.db, r.projectId);
    if (!rows.length) {
      throw new DomainError('refused', 'No campaign period carries a campaign_id: import the campaigns dataset with a campaign_id column to fit the campaign-level model.', [{ path: 'campaigns', message: 'campaign.problem.none' }]);
    }
    const m = fitCampaignModel(rows);
    const plan = {
      budget: project.budget && project.budget > 0 ? project.budget : null,
      durationWeeks: project.start_date && project.end_date ? Math.max(1, Math.round((Date.parse(project.end_date) - Date.parse(project.start_date)) / DAY_MS / 7)) : null,
      price: project.price ?? null,
    };
    const wanted = r.partners ?? new ChecklistRepo(this.db).shortlist(r.projectId);
    const { partners: ranked, fitMeasured } = wanted.length ? this.rankedPartners(r.projectId) : { partners: new Map<string, RankedPartner>(), fitMeasured: false };
    const predictions = wanted.flatMap((id) => {
      const p = ranked.get(id);
      return p ? [predictFor(m, p, plan, fitMeasured)] : [];
    });
    const verdict = campaignVerdict({
      campaigns: rows.length,
      drivers: m.coefficients.length,
      mape: m.score.mape,
      r2: m.score.r2,
      baselineMape: m.baseline.score.mape,
      predictions: predictions.length,
      outside: predictions.filter((p) => p.outside.length > 0).length,
    });
    return {
      campaigns: rows.map((c, i) => ({ id: c.id, from: c.from, to: c.to, outcome: c.outcome, predicted: m.loo[i], drivers: c.drivers })),
      drivers: m.drivers,
      intercept: m.intercept,
      coefficients: m.coefficients,
      lambda: m.lambda,
      score: m.score,
      baseline: m.baseline,
      coverage: m.coverage,
      predictions,
      verdict,
      plan,
    };
  }

  /** The ranked partners, and whether their audience fit was measured (a segmentation run exists). */
  private rankedPartners(projectId: number): { partners: Map<string, RankedPartner>; fitMeasured: boolean } {
    try {
      const ranking = new PartnerService(this.db).rank({ projectId });
      return { partners: new Map(ranking.partners.map((p) => [p.id, p])), fitMeasured: ranking.segments.run !== null };
    } catch (e) {
      // No partners dataset: nothing to predict for, but the model itself still stands.
      if (e instanceof DomainError && e.code === 'refused') return { partners: new Map(), fitMeasured: false };
      throw e;
    }
  }
}

function predictFor(m: FittedCampaignModel, p: RankedPartner, plan: CampaignModel['plan'], fitMeasured: boolean): PartnerPrediction {
  const drivers: Record<string, number | string> = {};
  const sources: Record<string, DriverSource> = {};
  const set = (name: string, value: number | string | null | undefined, source: DriverSource) => {
    if (value === null || value === undefined) return;
    drivers[name] = value;
    sources[name] = source;
  };
  set('addressable_audience', p.addressable, 'partner');
  // Without segments the ranking has no audience fit (every partner 0): the past average stands in.
  if (fitMeasured) set('audience_fit', p.factors.audienceFit, 'partner');
  set('audience_size', p.audienceSize, 'partner');
  set('partner_fee', p.fee, 'partner');
  set('partner_type', p.type || null, 'partner');
  set('reputation', p.factors.reputation * 100, 'partner');
  set('budget', plan.budget === null ? null : Math.max(0, plan.budget - (p.fee ?? 0)), 'plan');
  set('duration_weeks', plan.durationWeeks, 'plan');
  set('price', plan.price, 'plan');
  for (const d of m.drivers) if (!(d.name in drivers)) sources[d.name] = 'average';
  const baseline = m.predictBaseline(drivers);
  // Only what the model reads is reported.
  const used = new Set(m.drivers.map((d) => d.name));
  for (const k of Object.keys(drivers)) if (!used.has(k)) delete drivers[k], delete sources[k];
  const interval = m.predict(drivers);
  const average = m.predict(Object.fromEntries(Object.entries(drivers).filter(([k]) => sources[k] !== 'partner')));
  return { partnerId: p.id, name: p.name, type: p.type, ...interval, versusAverage: interval.p50 - average.p50, baseline, drivers, sources, outside: m.outside(drivers) };
}
