import { describe, expect, it } from 'vitest';
import { translate } from '../../src/shared/i18n';
import { campaignVerdict, mmmVerdict, recommendVerdict, verdictSentence } from '../../src/shared/verdict';

describe('verdicts: a plain judgement against the baseline and the promised coverage', () => {
  it('targeting: no better than the most popular items is not trustworthy; barely better, or below item-kNN, is with care', () => {
    const q = (model: number, popular: number, knn?: number) => ({ model: { ndcg: model }, popular: { ndcg: popular }, itemKnn: knn === undefined ? null : { ndcg: knn }, users: 900 });
    expect(recommendVerdict(q(0.227, 0.232)).level).toBe('untrustworthy');
    expect(recommendVerdict(q(0.24, 0.232)).level).toBe('care');
    expect(recommendVerdict(q(0.325, 0.152)).level).toBe('good');
    expect(recommendVerdict(q(0.325, 0.152, 0.4)).level).toBe('care');
    expect(recommendVerdict(q(0.325, 0.152)).text).toContain('2.14 times');
  });

  it('marketing mix: a band covering under half of the held-out weeks is not trustworthy, whatever the fit', () => {
    expect(mmmVerdict({ r2: 0.715, mape: 0.078, coverage: 0.45 }, 31)).toMatchObject({ level: 'untrustworthy' });
    expect(mmmVerdict({ r2: 0.9, mape: 0.05, coverage: 0.75 }, 36).level).toBe('good');
    expect(mmmVerdict({ r2: 0.9, mape: 0.05, coverage: 0.6 }, 36).level).toBe('care');
    expect(mmmVerdict({ r2: -0.2, mape: 0.3, coverage: 0.8 }, 36).level).toBe('untrustworthy');
    expect(mmmVerdict({ r2: 0.9, mape: 0.05, coverage: 0.8 }, 6).level).toBe('care');
  });

  it('marketing mix: a channel whose share the data leave open (P10–P90 a fifth of media or wider) is named, and the fit is to be used with care', () => {
    const good = { r2: 0.9, mape: 0.05, coverage: 0.8 };
    const pinned = [{ name: 'douyin', contributionShareP10: 0.25, contributionShareP90: 0.4 }, { name: 'search', contributionShareP10: 0.04, contributionShareP90: 0.14 }];
    expect(mmmVerdict(good, 36, pinned).level).toBe('good');
    const open = mmmVerdict(good, 36, [...pinned, { name: 'wechat', contributionShareP10: 0.12, contributionShareP90: 0.46 }]);
    expect(open.level).toBe('care');
    expect(open.text).toContain('wechat');
    expect(open.text).toContain('34%');
    expect(open.text).not.toContain('douyin');
    expect(verdictSentence((k, p) => translate('zh-CN', k, p), open)).toContain('增量实验');
    // Fits stored before intervals existed have none: nothing to judge, the verdict stands.
    expect(mmmVerdict(good, 36, [{ name: 'tv' }]).level).toBe('good');
  });

  it('campaign model: worse than the line is not trustworthy; few campaigns per driver or predictions outside the past is with care', () => {
    const base = { campaigns: 15, drivers: 11, mape: 0.028, r2: 0.996, baselineMape: 0.576, predictions: 4, outside: 2 };
    expect(campaignVerdict(base).level).toBe('care');
    expect(campaignVerdict({ ...base, campaigns: 60, outside: 0 }).level).toBe('good');
    expect(campaignVerdict({ ...base, mape: 0.6 }).level).toBe('untrustworthy');
  });

  it('reads the same in both languages, from the same keys', () => {
    const v = mmmVerdict({ r2: 0.715, mape: 0.078, coverage: 0.45 }, 31);
    expect(v.text.startsWith('Not trustworthy:')).toBe(true);
    const zh = verdictSentence((k, p) => translate('zh-CN', k, p), v);
    expect(zh).toContain('不可信');
    expect(zh).toContain('45%');
    expect(zh).not.toMatch(/verdict\./);
  });
});
