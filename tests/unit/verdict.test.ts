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
