import type { Db } from '../db/connection';
import { PlanService } from '../plan/planService';
import { ChecklistService } from '../risk/checklistService';
import { emptyPlan, type Plan } from '../../shared/plan';
import { PRESET_WEIGHTS } from '../../shared/partners';

/**
 * The demo's campaign plan, left on step 4 as a strategist would leave it mid-way: needs,
 * a cooperation model and goals, the shortlist compared, four co-branded content items over
 * the campaign's weeks and the success metrics of the project's goals.
 */
export function seedDemoPlan(db: Db, projectId: number, now: Date): void {
  const [artist, museum, brand, kol] = new ChecklistService(db, () => now).view(projectId).shortlist.map((s) => s.partnerId);
  const plan: Plan = {
    ...emptyPlan(),
    step: 'content',
    done: ['needs', 'cooperation', 'shortlist'],
    needs: {
      needs: ['brandAwareness', 'newUsers', 'courseSales'],
      brief: '在春节前后的三个月里，借博物馆与艺术家的权威和品牌的渠道，让“宋画”成为一个可以收藏、可以走进线下的主题。\nOver the three months around Spring Festival, borrow the authority of a museum and an artist and a brand’s reach to make Song painting a theme people collect and visit.',
      segments: null,
    },
    cooperation: { model: 'coBrandedProduct', preset: 'awareness', weights: { ...PRESET_WEIGHTS.awareness }, types: [] },
    compare: [artist, museum, brand, kol].filter(Boolean),
    content: [
      { id: 'c-1', form: 'jointCourse', title: '博物馆特别导览课 / Museum guided lecture', partnerIds: [museum], channels: ['wechat', 'xiaohongshu', 'appPush'], start: '2027-01-04', end: '2027-02-14', notes: '' },
      { id: 'c-2', form: 'limitedEdition', title: '千里江山联名礼盒 / Co-branded gift box', partnerIds: [brand, artist], channels: ['partnerChannels', 'wechat', 'douyin'], start: '2027-01-18', end: '2027-03-14', notes: '' },
      { id: 'c-3', form: 'liveSession', title: '直播：如何看一幅宋画 / Live: reading a Song painting', partnerIds: [artist, kol], channels: ['douyin', 'bilibili'], start: '2027-01-25', end: '2027-01-25', notes: '' },
      { id: 'c-4', form: 'offlineSalon', title: '上海线下沙龙 / Shanghai salon', partnerIds: [museum, kol], channels: ['offline', 'wechat'], start: '2027-03-06', end: '2027-03-07', notes: '' },
    ],
    metrics: [
      { id: 'm-1', metric: 'signups', label: '', baseline: 0, target: 20000, due: '2027-03-28' },
      { id: 'm-2', metric: 'reach', label: '', baseline: null, target: 5_000_000, due: '2027-03-28' },
      { id: 'm-3', metric: 'revenue', label: '', baseline: null, target: 3_980_000, due: '2027-03-28' },
      { id: 'm-4', metric: 'engagementRate', label: '', baseline: 3.2, target: 6, due: '2027-02-28' },
    ],
  };
  new PlanService(db, () => now).save({ projectId, plan });
}
