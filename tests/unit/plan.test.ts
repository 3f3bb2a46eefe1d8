import { describe, expect, it } from 'vitest';
import { runSegmentation } from '../../src/main/audience/runSegmentation';
import { RunsRepo } from '../../src/main/audience/runsRepo';
import { openLibrary } from '../../src/main/db/library';
import { generateDemo } from '../../src/main/demo/generate';
import { RECIPE } from '../../src/main/demo/recipe';
import { writeDemo } from '../../src/main/demo/write';
import { PartnerService } from '../../src/main/partners/partnerService';
import { type RankInput, rankPartners } from '../../src/main/partners/score/rank';
import { PlanService } from '../../src/main/plan/planService';
import { ProjectService } from '../../src/main/projects/service';
import { ChecklistService } from '../../src/main/risk/checklistService';
import { PRESET_WEIGHTS } from '../../src/shared/partners';
import { emptyPlan, type Plan } from '../../src/shared/plan';
import { refusal, tempDir } from './helpers';

const now = new Date('2026-11-23T09:00:00Z');

function demo() {
  const lib = openLibrary(tempDir());
  // A smaller audience than the shipped demo's keeps these tests quick; everything else is the demo.
  const id = writeDemo(lib.db, generateDemo(20261123, { recipe: { ...RECIPE, counts: { ...RECIPE.counts, users: 3000, interactions: 20000 } } }), now);
  return { lib, id, plans: new PlanService(lib.db, () => now) };
}


describe('the selection wizard’s plan', () => {
  it('the demo’s plan resumes on step 4 with nothing left to settle; an empty project starts on step 1 with every gap listed', () => {
    const { lib, id, plans } = demo();
    const v = plans.get(id);
    expect(v.plan.step).toBe('content');
    expect(v.plan.done).toEqual(['needs', 'cooperation', 'shortlist']);
    expect(v.plan.content).toHaveLength(4);
    expect(v.shortlist).toHaveLength(4);
    expect(v.plan.compare).toEqual(v.shortlist.map((s) => s.id));
    expect(v.campaign).toMatchObject({ budget: 800000, startDate: '2027-01-04', endDate: '2027-03-28' });
    expect(v.gaps).toEqual([]);

    const fresh = new ProjectService(lib.db).create({ name: 'Empty' } as never);
    const e = plans.get(fresh.id);
    expect(e.plan).toEqual(emptyPlan());
    expect(e.updatedAt).toBeNull();
    expect(e.gaps.map((g) => g.key)).toEqual(['plan.gap.noNeeds', 'plan.gap.noBudget', 'plan.gap.noDates', 'plan.gap.noModel', 'plan.gap.noShortlist', 'plan.gap.noContent', 'plan.gap.noMetrics']);
  });

  it('saves the plan and the campaign’s budget and dates together; names what is missing per step', () => {
    const { lib, id, plans } = demo();
    const v = plans.get(id);
    const plan: Plan = structuredClone(v.plan);
    plan.step = 'metrics';
    plan.content[1].channels = [];
    plan.content[3].end = '2027-04-10';
    plan.metrics[0].target = null;
    plan.content.forEach((c) => (c.partnerIds = c.partnerIds.filter((p) => p !== v.shortlist[0].id)));
    const saved = plans.save({ projectId: id, plan, campaign: { budget: 200000, startDate: '2027-01-04', endDate: '2027-03-28' } });
    expect(saved.plan.step).toBe('metrics');
    expect(saved.updatedAt).toBe(now.toISOString());
    expect(new ProjectService(lib.db).get(id).budget).toBe(200000);
    expect(saved.gaps).toEqual([
      // The shortlist's fees added up, against the budget.
      { step: 'shortlist', key: 'plan.gap.overBudget', params: { fee: v.shortlist.reduce((s, p) => s + (p.fee ?? 0), 0), budget: 200000 } },
      { step: 'content', key: 'plan.gap.noChannels', params: { n: 2 } },
      { step: 'content', key: 'plan.gap.outsideCampaign', params: { n: 4 } },
      { step: 'content', key: 'plan.gap.partnerUnused', params: { name: v.shortlist[0].name } },
      { step: 'metrics', key: 'plan.gap.noTarget', params: { n: 1 } },
    ]);
  });

  it('refuses bad input with located messages and changes nothing: dates, percentages, unknown partners and segments, a comparison off the shortlist', () => {
    const { lib, id, plans } = demo();
    const before = plans.get(id);
    const budget = new ProjectService(lib.db).get(id).budget;
    const bad = (edit: (p: Plan) => void, campaign?: object) => {
      const p = structuredClone(before.plan);
      edit(p);
      return refusal(() => plans.save({ projectId: id, plan: p, ...(campaign ? { campaign } : {}) } as never));
    };
    expect(bad((p) => (p.content[0].end = '2026-12-01')).issues).toContainEqual(expect.objectContaining({ path: 'plan.content.0.end', message: 'validation.endBeforeStart' }));
    expect(bad((p) => (p.content[0].start = '2027-02-30')).issues?.[0].path).toBe('plan.content.0.start');
    expect(bad((p) => (p.metrics[3].target = 140)).issues).toContainEqual(expect.objectContaining({ path: 'plan.metrics.3.target', message: 'validation.weightRange' }));
    expect(bad((p) => p.metrics.push({ id: 'm-9', metric: 'custom', label: ' ', target: 1, baseline: null, due: null })).issues?.[0]).toMatchObject({ path: 'plan.metrics.4.label', message: 'validation.required' });
    expect(bad((p) => (p.metrics[0].target = Number.NaN)).issues?.[0].path).toBe('plan.metrics.0.target');
    expect(bad((p) => (p.metrics[0].target = -5)).issues?.[0].message).toBe('validation.nonNegative');
    const unknown = bad((p) => p.content[0].partnerIds.push('p999'));
    expect(unknown.issues).toEqual([{ path: 'plan.content.0.partnerIds.1', message: 'plan.problem.unknownPartner', params: { id: 'p999' } }]);
    expect(unknown.message).toContain('p999');
    const nonShort = (lib.db.prepare("SELECT partner_id FROM partners WHERE project_id = ? AND partner_id NOT IN (SELECT partner_id FROM shortlist WHERE project_id = ?) LIMIT 1").pluck().get(id, id)) as string;
    expect(bad((p) => (p.compare = [nonShort])).issues?.[0]).toMatchObject({ path: 'plan.compare.0', message: 'plan.problem.notShortlisted' });
    expect(bad((p) => (p.compare = [...p.compare, nonShort])).issues?.[0].message).toBe('validation.tooMany');
    expect(bad((p) => (p.needs.segments = { run: '2026-01-01T00:00:00.000Z', ids: [0] })).issues?.[0].message).toBe('plan.problem.runChanged');
    expect(bad((p) => (p.content[1].id = p.content[0].id)).issues?.[0].message).toBe('plan.problem.duplicateId');
    expect(bad(() => {}, { budget: 1, startDate: '2027-03-01', endDate: '2027-02-01' }).issues?.[0]).toMatchObject({ path: 'campaign.endDate', message: 'validation.endBeforeStart' });
    expect(refusal(() => plans.save({ projectId: 999, plan: before.plan })).code).toBe('not_found');
    expect(plans.get(id)).toEqual(before);
    expect(new ProjectService(lib.db).get(id).budget).toBe(budget);
  });

  it('a damaged stored plan keeps every section that still reads', () => {
    const { lib, id, plans } = demo();
    const raw = JSON.parse(lib.db.prepare('SELECT data FROM campaign_plans WHERE project_id = ?').pluck().get(id) as string);
    raw.metrics = [{ id: 'm-1', metric: 'mystery' }];
    raw.step = 'nowhere';
    lib.db.prepare('UPDATE campaign_plans SET data = ? WHERE project_id = ?').run(JSON.stringify(raw), id);
    const v = plans.get(id);
    expect(v.plan.step).toBe('needs');
    expect(v.plan.metrics).toEqual([]);
    expect(v.plan.content).toHaveLength(4);
    lib.db.prepare('UPDATE campaign_plans SET data = ? WHERE project_id = ?').run('[1, 2]', id);
    expect(plans.get(id).plan).toEqual(emptyPlan());
  });

  it('the target segments steer audience fit; a later segmentation makes them stale and the ranking falls back to every segment; a copy keeps the plan', async () => {
    const { lib, id, plans } = demo();
    const first = await runSegmentation(lib.db, id, { k: 4, seed: 1 }, { now: () => now });
    const partners = new PartnerService(lib.db);
    const all = partners.rank({ projectId: id });
    expect(all.segments).toMatchObject({ names: first.segments.map((s) => s.name), targeted: false });
    const plan = structuredClone(plans.get(id).plan);
    plan.needs.segments = { run: first.createdAt, ids: [first.segments[2].id] };
    plans.save({ projectId: id, plan });
    const targeted = partners.rank({ projectId: id });
    expect(targeted.segments).toEqual({ run: first.id, names: [first.segments[2].name], targeted: true });
    const fit = (r: typeof all) => Object.fromEntries(r.partners.map((p) => [p.id, p.factors.audienceFit]));
    expect(fit(targeted)).not.toEqual(fit(all));
    // The request may name other segments; one not in the run is refused, located.
    expect(partners.rank({ projectId: id, segments: [first.segments[0].id, first.segments[1].id] }).segments.names).toHaveLength(2);
    expect(refusal(() => partners.rank({ projectId: id, segments: [77] })).issues?.[0]).toMatchObject({ path: 'segments.0', message: 'plan.problem.unknownSegment' });

    const copy = new ProjectService(lib.db).duplicate(id);
    expect(plans.get(copy.id).plan).toEqual(plans.get(id).plan);

    const later = await runSegmentation(lib.db, id, { k: 3, seed: 2 }, { now: () => new Date(now.getTime() + 60_000) });
    new RunsRepo(lib.db).choose(id, later.id);
    const stale = plans.get(id);
    expect(stale.staleSegments).toBe(true);
    expect(stale.gaps.map((g) => g.key)).toContain('plan.gap.staleSegments');
    expect(partners.rank({ projectId: id }).segments).toMatchObject({ names: later.segments.map((s) => s.name), targeted: false });
  });

  it('the shortlist edited elsewhere leaves the comparison too', () => {
    const { lib, id, plans } = demo();
    const keep = plans.get(id).shortlist.slice(1).map((s) => s.id);
    new ChecklistService(lib.db, () => now).setShortlist(id, keep);
    expect(plans.get(id).plan.compare).toEqual(keep);
  });
});

describe('cost efficiency from addressable reach', () => {
  const partner = (id: string, description: string): RankInput['partners'][number] => ({
    id, name: id, type: 'museum', description, tags: [], audienceProfile: '', audienceSize: 50_000, reputation: 50, fee: 20_000, conflictTags: [],
  });
  const input = (segments: RankInput['segments']): RankInput => ({
    product: { title: '宋画', description: '', tags: [] }, exclusions: [], collaborations: [], segmentRun: 1, shortlist: [], checklistRisk: {}, weights: PRESET_WEIGHTS.conversion,
    partners: [partner('music', '古琴 音乐会 民乐'), partner('cars', '新能源 汽车 试驾')],
    segments,
  });
  it('the same audience and fee reach further through the partner whose audience is the target; without segments they tie', () => {
    const r = rankPartners(input([{ name: 'Music', text: '古琴 民乐 音乐会', share: 1 }]));
    const by = Object.fromEntries(r.partners.map((p) => [p.id, p.factors.costEfficiency]));
    expect(by).toEqual({ music: 1, cars: 0 });
    const none = rankPartners(input([]));
    expect(none.partners.map((p) => p.factors.costEfficiency)).toEqual([1, 1]);
  });
});
