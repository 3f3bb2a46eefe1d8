import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { conflictsOf } from '../../src/main/partners/score/conflicts';
import { costEfficiency, minMax } from '../../src/main/partners/score/factors';
import { type RankInput, rankPartners } from '../../src/main/partners/score/rank';
import { PRESET_WEIGHTS } from '../../src/shared/partners';
import { tempDir } from './helpers';

const partner = (id: string, o: Partial<RankInput['partners'][number]> = {}): RankInput['partners'][number] => ({
  id, name: id, type: 'museum', description: '', tags: [], audienceProfile: '', audienceSize: 10000, reputation: 50, fee: 10000, conflictTags: [], ...o,
});

const base = (partners: RankInput['partners'], o: Partial<RankInput> = {}): RankInput => ({
  product: { title: '宋画十二讲', description: '宋代绘画 山水 博物馆 导览', tags: ['宋画', '山水'] },
  exclusions: ['知识付费平台'],
  partners,
  collaborations: [],
  segments: [],
  segmentRun: null,
  shortlist: [],
  checklistRisk: {},
  weights: PRESET_WEIGHTS.engagement,
  ...o,
});

describe('partner factors', () => {
  it('normalise to 0–1: min–max, a constant column is all ones, unknowns score 0; cost efficiency on a log scale', () => {
    expect(minMax([2, 4, 6])).toEqual([0, 0.5, 1]);
    expect(minMax([3, 3])).toEqual([1, 1]);
    expect(minMax([Number.NaN, 1, 2])).toEqual([0, 0, 1]);
    const ce = costEfficiency([100_000, 100_000, null, 50_000], [1000, 100_000, 1000, null]);
    expect(ce[0]).toBe(1);
    expect(ce[1]).toBe(0);
    expect(ce[2]).toBe(0);
    expect(ce[3]).toBe(0);
  });

  it('content fit: the partner that talks about the product ranks first; each factor moves the score its way', () => {
    const ps = [
      partner('song', { description: '以宋代山水画见长的博物馆，提供宋画导览', tags: ['宋画', '山水'] }),
      partner('cars', { type: 'automaker', description: '新能源汽车 试驾 活动', tags: ['汽车'] }),
    ];
    const r = rankPartners(base(ps));
    expect(r.partners[0].id).toBe('song');
    expect(r.partners[0].factors.contentFit).toBe(1);
    expect(r.partners[1].factors.contentFit).toBe(0);
    // Reputation alone: raise the car maker's and it gains exactly its weighted share.
    const better = rankPartners(base([ps[0], { ...ps[1], reputation: 100 }]));
    const gain = better.partners.find((p) => p.id === 'cars')!.score - r.partners.find((p) => p.id === 'cars')!.score;
    const w = PRESET_WEIGHTS.engagement;
    const total = w.audienceFit + w.contentFit + w.network + w.reputation + w.costEfficiency;
    expect(gain).toBeCloseTo((w.reputation * 0.5) / total, 3);
    // Contributions add up to the score.
    for (const p of r.partners) expect(Object.values(p.contributions).reduce((s, x) => s + x, 0)).toBeCloseTo(p.score, 3);
  });

  it('network influence and audience fit from the collaboration graph and the chosen segments', () => {
    const ps = [partner('hub'), partner('a'), partner('b'), partner('alone', { description: '古琴 音乐会', tags: ['古琴'] })];
    const r = rankPartners(base(ps, { collaborations: [{ a: 'hub', b: 'a' }, { a: 'hub', b: 'b' }], segments: [{ name: 'Music lovers', text: '古琴 音乐会 民乐', share: 1 }] }));
    const by = new Map(r.partners.map((p) => [p.id, p]));
    expect(by.get('hub')!.factors.network).toBe(1);
    expect(by.get('alone')!.factors.network).toBe(0);
    expect(by.get('alone')!.factors.audienceFit).toBe(1);
    expect(by.get('hub')!.factors.audienceFit).toBe(0);
    // Without a segmentation run, audience fit is not measured (0 for everyone) and says so.
    expect(rankPartners(base(ps)).segments.names).toEqual([]);
  });

  it('risk: an exclusion clash, a competitor on the shortlist, a warning, open checklist items; filters hide and cap', () => {
    expect(conflictsOf({ id: 'x', type: 'museum', conflictTags: ['独家:知识付费平台'] }, ['知识付费平台'], [])).toEqual([{ tag: '独家:知识付费平台', kind: 'exclusion', with: '知识付费平台', penalty: 1 }]);
    expect(conflictsOf({ id: 'x', type: 'brand', conflictTags: ['竞品:同品类独家'] }, [], [{ id: 'y', type: 'brand' }])).toMatchObject([{ kind: 'competitor', with: 'y', penalty: 0.6 }]);
    expect(conflictsOf({ id: 'x', type: 'kol', conflictTags: ['形象争议'] }, [], [])).toMatchObject([{ kind: 'warning', penalty: 0.3 }]);
    const ps = [partner('clean', { fee: 5000 }), partner('excl', { conflictTags: ['独家:知识付费平台'], fee: 50000 }), partner('risky')];
    const r = rankPartners(base(ps, { checklistRisk: { risky: 40 } }));
    const by = new Map(r.partners.map((p) => [p.id, p]));
    expect(by.get('excl')!.factors.risk).toBe(1);
    expect(by.get('excl')!.contributions.risk).toBeCloseTo(-PRESET_WEIGHTS.engagement.risk, 6);
    expect(by.get('excl')!.reason.en).toContain('your exclusion 知识付费平台');
    expect(by.get('excl')!.reason['zh-CN']).toContain('排除项');
    expect(by.get('risky')!.factors.risk).toBe(0.4);
    expect(r.partners.at(-1)!.id).toBe('excl');
    const filtered = rankPartners(base(ps, { filters: { hideConflicts: true, feeCap: 20000 } }));
    expect(filtered.partners.map((p) => p.id).sort()).toEqual(['clean', 'risky']);
    // Partners without description or tags still get finite scores.
    for (const p of r.partners) for (const v of Object.values(p.factors)) expect(Number.isFinite(v)).toBe(true);
  });

  // Its speed (10,000 partners in under a second) is measured by `npm run bench` (section partners), not here.
  it('ranks 10,000 partners: every one scored, in order, the shortlist reviewed', () => {
    const ps = Array.from({ length: 10_000 }, (_, i) => partner(`p${i}`, { description: ['宋画 博物馆', '汽车 试驾', '咖啡 礼盒', '古琴 音乐会'][i % 4] + ` 第${i % 97}号`, tags: [['宋画'], ['汽车'], ['咖啡'], ['古琴']][i % 4], reputation: i % 100, fee: 1000 + (i % 50) * 1000 }));
    const collaborations = Array.from({ length: 30_000 }, (_, i) => ({ a: `p${(i * 7) % 10_000}`, b: `p${(i * 13 + 1) % 10_000}` }));
    const r = rankPartners(base(ps, { collaborations, shortlist: ['p1', 'p9999'] }));
    expect(r.partners).toHaveLength(10_000);
    expect(r.partners.every((p, i) => i === 0 || r.partners[i - 1].score >= p.score)).toBe(true);
    expect(r.review.map((x) => x.partnerId)).toEqual(['p1', 'p9999']);
    for (const x of r.review) expect(r.partners[x.rank - 1].id).toBe(x.partnerId);
  });
});

describe('tandem partners', () => {
  it('rank and portfolio from the built CLI on the demo: the JSON of DESIGN §2; all-zero weights refused', () => {
    const dir = tempDir();
    const run = (...args: string[]) => spawnSync(process.execPath, [path.resolve('bin/tandem.mjs'), '--json', '--data-dir', dir, ...args], { encoding: 'utf8' });
    expect(run('demo').status).toBe(0);
    const rank = run('partners', 'rank', '--project', '1', '--preset', 'awareness', '--top', '5');
    expect(rank.status, rank.stderr).toBe(0);
    const { partners } = JSON.parse(rank.stdout);
    expect(partners).toHaveLength(5);
    expect(Object.keys(partners[0])).toEqual(['id', 'name', 'score', 'factors', 'conflicts', 'reason']);
    expect(partners[0].score).toBeGreaterThanOrEqual(partners[4].score);
    const folio = run('partners', 'portfolio', '--project', '1', '--budget', '200000', '--max', '3');
    expect(folio.status, folio.stderr).toBe(0);
    const f = JSON.parse(folio.stdout);
    expect(Object.keys(f)).toEqual(['selected', 'totalScore', 'totalFee', 'excluded']);
    expect(f.selected.length).toBeLessThanOrEqual(3);
    expect(f.totalFee).toBeLessThanOrEqual(200000);
    const zero = run('partners', 'rank', '--project', '1', '--weights', 'audienceFit=0,contentFit=0,network=0,reputation=0,costEfficiency=0');
    expect(zero.status).toBe(2);
    expect(zero.stderr).toContain('Every factor weight is zero');
    expect(run('partners', 'rank', '--project', '1', '--weights', 'charm=2').status).toBe(2);
    const poor = JSON.parse(run('partners', 'portfolio', '--project', '1', '--budget', '1').stdout);
    expect(poor.selected).toEqual([]);
    expect(poor.excluded.every((x: { why: string }) => x.why === 'budget')).toBe(true);
  }, 60_000);
});

describe('keyword influence and the network on the demo', () => {
  it('the product’s words and the corpus’s most influential ones; every partner in the network, centralities finite', async () => {
    const { openLibrary } = await import('../../src/main/db/library');
    const { generateDemo } = await import('../../src/main/demo/generate');
    const { writeDemo } = await import('../../src/main/demo/write');
    const { PartnerService } = await import('../../src/main/partners/partnerService');
    const lib = openLibrary(tempDir());
    const id = writeDemo(lib.db, generateDemo(20261123), new Date());
    const service = new PartnerService(lib.db);
    const k = service.keywords(id);
    expect(k.product).toEqual(expect.arrayContaining(['painting', '宋代']));
    expect(k.influence.map((x) => x.term)).toContain('宋画');
    expect(k.influence).toHaveLength(20);
    expect(k.influence[0].rank).toBeGreaterThanOrEqual(k.influence[19].rank);
    const net = service.network(id);
    expect(net.nodes).toHaveLength(120);
    expect(net.nodes.filter((n) => n.shortlisted)).toHaveLength(4);
    expect(net.nodes.reduce((s, n) => s + n.pagerank, 0)).toBeCloseTo(1, 8);
    expect(net.edges.length).toBeGreaterThan(100);
  });
});
