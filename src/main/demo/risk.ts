import type { PartnerRow } from '../../shared/datasets';
import type { Db } from '../db/connection';
import { PartnerService } from '../partners/partnerService';
import { localDay } from '../risk/days';
import { ChecklistService } from '../risk/checklistService';
import { RevenueService } from '../risk/revenueService';
import { RightsService } from '../risk/rightsService';

/**
 * The demo's shortlist and a partly worked checklist, so the risk page has something true
 * to show: the best-ranked artist, museum, brand and KOL under the plan's goal (awareness)
 * that carry no conflict tag — a shortlist a strategist would defend; some items
 * done (one with its licence summary as evidence), some in progress, one not applicable,
 * and blocking items still open, one of them overdue, so the gate has something to refuse;
 * a rights register with a licence ending within 90 days and the brand's merchandise
 * exclusivity clashing with the artist's licence; and a revenue-share scenario.
 */
export function seedDemoChecklist(db: Db, projectId: number, partners: PartnerRow[], now: Date): void {
  const ranking = new PartnerService(db).rank({ projectId, preset: 'awareness' });
  const byId = new Map(partners.map((p) => [p.partnerId, p]));
  const best = (type: string) => {
    const p = ranking.partners.find((r) => r.type === type && r.clashes.length === 0);
    return p ? byId.get(p.id) : undefined;
  };
  const shortlist = ['artist', 'museum', 'brand', 'kol'].map(best).filter((p): p is PartnerRow => !!p);
  const service = new ChecklistService(db, () => now, () => 'Tandem demo');
  service.setShortlist(projectId, shortlist.map((p) => p.partnerId));
  const [artist, museum, brand, kol] = shortlist.map((p) => p.partnerId);
  const daysAgo = (n: number) => localDay(new Date(now.getTime() - n * 86_400_000));
  const legal = '王蕾（法务）';
  const business = '陈舟（商务）';
  const content = '林一（内容）';
  const steps: [string, Parameters<ChecklistService['set']>[2]][] = [
    ['project.pipl-consent', { status: 'done', owner: legal, notes: '只向合作方提供人群汇总数据，不含任何用户个人信息。' }],
    ['project.ad-labelling-cn', { status: 'in_progress', owner: content }],
    ['project.gdpr', { status: 'na', naReason: '活动只面向中国大陆用户，不涉及欧盟居民。' }],
    ['project.competitor-exclusivity', { owner: business, due: daysAgo(3) }],
    ['project.revenue-share', { status: 'in_progress', owner: business }],
    ['project.brand-safety', { status: 'done', owner: content }],
    [`artist-ip.chain-of-title@${artist}`, { status: 'done', owner: legal }],
    [`artist-ip.licence-scope@${artist}`, { status: 'in_progress', owner: legal, due: daysAgo(-10) }],
    [`museum-heritage.image-rights@${museum}`, { owner: legal }],
    [`museum-heritage.expert-review@${museum}`, { status: 'done', owner: content }],
    [`consumer-brand.trademark-both@${brand}`, { status: 'in_progress', owner: business }],
    [`kol-livestream.morality@${kol}`, { status: 'done', owner: business, notes: '近两年内容无负面舆情。' }],
    [`kol-livestream.likeness-release@${kol}`, { status: 'done', owner: legal }],
    ['project.endorsement-claims', { status: 'done', owner: content }],
    ['project.termination-morality', { status: 'done', owner: legal }],
    ['project.deliverables-approval', { status: 'in_progress', owner: business }],
    [`artist-ip.moral-rights@${artist}`, { status: 'done', owner: legal }],
    [`artist-ip.likeness-release@${artist}`, { status: 'done', owner: legal }],
    [`museum-heritage.heritage-rules@${museum}`, { status: 'in_progress', owner: content }],
    [`consumer-brand.product-safety@${brand}`, { status: 'in_progress', owner: business }],
    [`consumer-brand.stock-unsold@${brand}`, { status: 'done', owner: business }],
  ];
  for (const [item, patch] of steps) service.set(projectId, item, patch);
  const summary = [
    '授权摘要 / Licence summary',
    `作品授权方 / Licensor: ${partners.find((p) => p.partnerId === artist)?.name ?? artist}`,
    '地域 / Territory: 中国大陆 / Mainland China',
    '渠道 / Channels: 课程视频、海报、社交媒体 / course video, posters, social media',
    '期限 / Window: 2027-01-04 — 2027-06-30, 非独占 / non-exclusive',
  ].join('\n');
  service.addEvidenceBytes(projectId, `artist-ip.chain-of-title@${artist}`, 'licence-summary.txt', Buffer.from(summary, 'utf8'));
}

/** Licences of the shortlisted partners and a revenue-share scenario, dated from the demo's creation. */
export function seedDemoRights(db: Db, projectId: number, now: Date): void {
  const service = new ChecklistService(db, () => now);
  const [artist, museum, brand, kol] = service.view(projectId).shortlist;
  const day = (offset: number) => localDay(new Date(now.getTime() + offset * 86_400_000));
  const rights = new RightsService(db, () => now);
  const licences = [
    { partnerId: artist.partnerId, licensor: artist.name, asset: '《溪山行旅》新绘系列 6 幅 / six new paintings after Travellers among Mountains and Streams', territory: ['中国大陆'], channels: ['课程视频', '海报', '社交媒体', '周边商品'], start: day(-30), end: day(214), exclusive: false, fee: 60000 },
    { partnerId: museum.partnerId, licensor: museum.name, asset: '馆藏宋画高清图像 12 幅 / 12 high-resolution images of Song paintings', territory: ['中国大陆', '香港'], channels: ['课程视频', '海报'], start: day(-120), end: day(40), exclusive: false, fee: 90000 },
    { partnerId: brand.partnerId, licensor: brand.name, asset: '联名礼盒与服饰的商标及设计 / marks and designs of the co-branded gift box and apparel', territory: ['中国大陆'], channels: ['周边商品'], start: day(0), end: day(180), exclusive: true, fee: 0 },
    { partnerId: kol.partnerId, licensor: kol.name, asset: '出镜肖像与短视频 / likeness and short videos', territory: ['全球'], channels: ['社交媒体', '直播'], start: day(10), end: day(100), exclusive: false, fee: 20000 },
  ];
  for (const l of licences) rights.save(projectId, { ...l, notes: '' });
  new RevenueService(db, () => now).save(projectId, {
    name: '基准方案 / Baseline split',
    revenues: [
      { label: 'P10', amount: 300000 },
      { label: 'P50', amount: 800000 },
      { label: 'P90', amount: 1500000 },
    ],
    parties: [
      { name: artist.name, model: { kind: 'guarantee', minimum: 30000, share: 12 } },
      { name: museum.name, model: { kind: 'tiered', tiers: [{ upTo: 500000, share: 8 }, { upTo: null, share: 12 }] } },
      { name: brand.name, model: { kind: 'percent', share: 10 } },
      { name: kol.name, model: { kind: 'fixed', amount: 20000 } },
    ],
  });
}

