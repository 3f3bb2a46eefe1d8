import type { Db } from '../db/connection';
import { RunsRepo } from '../audience/runsRepo';
import { ChecklistRepo } from '../risk/checklistRepo';
import { emptyPlan, type Plan, type PlanSave, planSaveSchema, planSchema, type PlanView } from '../../shared/plan';
import { DomainError, type FieldIssue } from '../../shared/result';
import { parseOrRefuse } from '../../shared/validation';
import { planGaps } from './planGaps';

type Row = Record<string, unknown>;

/**
 * The partner-selection wizard's plan: read with what the wizard shows beside it, and
 * saved — with the campaign's budget and dates on the project — in one transaction, after
 * checking that the segments, partners and compared partners it names exist.
 */
export class PlanService {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(projectId: number): PlanView {
    const project = this.project(projectId);
    const stored = this.db.prepare('SELECT data, updated_at FROM campaign_plans WHERE project_id = ?').get(projectId) as Row | undefined;
    const plan = stored ? readPlan(stored.data as string) : emptyPlan();
    const run = new RunsRepo(this.db).chosen(projectId);
    const shortlistIds = new ChecklistRepo(this.db).shortlist(projectId);
    const partners = this.partners(projectId);
    const shortlist = shortlistIds.filter((id) => partners.has(id)).map((id) => partners.get(id)!);
    // Partners dropped from the shortlist elsewhere (the Partners page) leave the comparison too.
    plan.compare = plan.compare.filter((id) => shortlistIds.includes(id));
    const staleSegments = !!plan.needs.segments && (!run || run.createdAt !== plan.needs.segments.run || plan.needs.segments.ids.some((id) => !run.segments.some((s) => s.id === id)));
    const campaign = { budget: project.budget as number, currency: project.currency as string, startDate: (project.start_date as string | null) ?? null, endDate: (project.end_date as string | null) ?? null };
    return {
      plan,
      campaign,
      run: run ? { createdAt: run.createdAt, segments: run.segments.map((s) => ({ id: s.id, name: s.name, nameEn: s.nameEn, nameZh: s.nameZh, share: s.share, size: s.size })) } : null,
      staleSegments,
      shortlist,
      gaps: planGaps(plan, campaign, shortlist, staleSegments),
      updatedAt: (stored?.updated_at as string | undefined) ?? null,
    };
  }

  save(input: PlanSave): PlanView {
    const { projectId, plan, campaign } = parseOrRefuse(planSaveSchema, input);
    this.project(projectId);
    const issues: FieldIssue[] = [];
    const run = new RunsRepo(this.db).chosen(projectId);
    const segs = plan.needs.segments;
    if (segs && (!run || run.createdAt !== segs.run)) issues.push({ path: 'plan.needs.segments', message: 'plan.problem.runChanged' });
    else if (segs) segs.ids.forEach((id, i) => !run!.segments.some((s) => s.id === id) && issues.push({ path: `plan.needs.segments.ids.${i}`, message: 'plan.problem.unknownSegment', params: { id } }));
    const partners = this.partners(projectId);
    plan.content.forEach((c, i) => c.partnerIds.forEach((id, j) => !partners.has(id) && issues.push({ path: `plan.content.${i}.partnerIds.${j}`, message: 'plan.problem.unknownPartner', params: { id } })));
    const shortlist = new ChecklistRepo(this.db).shortlist(projectId);
    plan.compare.forEach((id, i) => !shortlist.includes(id) && issues.push({ path: `plan.compare.${i}`, message: 'plan.problem.notShortlisted', params: { id } }));
    const ids = [...plan.content.map((c) => c.id), ...plan.metrics.map((m) => m.id)];
    if (new Set(ids).size !== ids.length) issues.push({ path: 'plan', message: 'plan.problem.duplicateId' });
    if (issues.length) throw new DomainError('invalid_input', `The plan was not saved: ${issues.map((x) => `${x.path}: ${x.message.replace(/^plan\.problem\./, '')}${x.params?.id !== undefined ? ` (${x.params.id})` : ''}`).join('; ')}.`, issues);

    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO campaign_plans (project_id, data, updated_at) VALUES (?, ?, ?) ON CONFLICT(project_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at')
        .run(projectId, JSON.stringify(plan), at);
      if (campaign) this.db.prepare('UPDATE projects SET budget = ?, start_date = ?, end_date = ?, updated_at = ? WHERE id = ?').run(campaign.budget, campaign.startDate, campaign.endDate, at, projectId);
    })();
    return this.get(projectId);
  }

  /** The ids of the segments the partners must reach in the chosen run, or null (every segment; also when the stored choice is stale). */
  targetSegments(projectId: number, runCreatedAt: string): number[] | null {
    const data = this.db.prepare('SELECT data FROM campaign_plans WHERE project_id = ?').pluck().get(projectId) as string | undefined;
    const segs = data ? readPlan(data).needs.segments : null;
    return segs && segs.run === runCreatedAt ? segs.ids : null;
  }

  private project(projectId: number): Row {
    const row = this.db.prepare('SELECT budget, currency, start_date, end_date FROM projects WHERE id = ? AND deleted_at IS NULL').get(projectId) as Row | undefined;
    if (!row) throw new DomainError('not_found', `No project with id ${projectId}.`);
    return row;
  }

  private partners(projectId: number): Map<string, PlanView['shortlist'][number]> {
    const rows = this.db.prepare('SELECT partner_id, name, type, fee FROM partners WHERE project_id = ?').all(projectId) as Row[];
    return new Map(rows.map((r) => [r.partner_id as string, { id: r.partner_id as string, name: r.name as string, type: (r.type as string) || '', fee: (r.fee as number | null) ?? null }]));
  }
}

/**
 * A stored plan, read leniently: a plan written by an older Tandem (or damaged in a shared
 * file) keeps what still parses, section by section, over the empty plan.
 */
function readPlan(json: string): Plan {
  const base = emptyPlan();
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return base;
  }
  const whole = planSchema.safeParse(raw);
  if (whole.success) return whole.data;
  const merged = { ...base } as Record<string, unknown>;
  for (const key of Object.keys(base) as (keyof Plan)[]) {
    const trial = planSchema.safeParse({ ...base, [key]: raw[key] });
    if (trial.success) merged[key] = trial.data[key];
  }
  return merged as Plan;
}
