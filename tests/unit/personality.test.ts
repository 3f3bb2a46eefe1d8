import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/api/dispatch';
import { runCli } from '../../src/main/cli/main';
import { createServices, type Services } from '../../src/main/core/services';
import type { CallInput, CallName, CallOutput } from '../../src/shared/contract';
import { dimensionFit, personalityFit, type PersonalityRatings } from '../../src/shared/personality';
import { tempDir } from './helpers';

async function call<N extends CallName>(s: Services, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const r = await dispatch(s.handlers, name, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as CallOutput<N>;
}

const rating = fc.double({ min: 1, max: 5, noNaN: true });

describe('brand-personality fit (van der Lans et al. 2014)', () => {
  it('rewards similarity on sophistication and ruggedness and a moderate difference on sincerity and competence', () => {
    fc.assert(
      fc.property(rating, rating, rating, (p, a, b) => {
        // Similar: the closer partner fits at least as well.
        if (Math.abs(p - a) <= Math.abs(p - b)) expect(dimensionFit('similar', p, a)).toBeGreaterThanOrEqual(dimensionFit('similar', p, b));
        const m = dimensionFit('moderateDifference', p, a);
        expect(m).toBeGreaterThanOrEqual(0);
        expect(m).toBeLessThanOrEqual(1);
      }),
    );
    expect(dimensionFit('moderateDifference', 3, 4)).toBe(1);
    expect(dimensionFit('moderateDifference', 3, 3)).toBe(0.75);
    expect(dimensionFit('moderateDifference', 3, 4)).toBeGreaterThan(dimensionFit('moderateDifference', 3, 3));
    expect(dimensionFit('moderateDifference', 1, 5)).toBe(0);
    expect(dimensionFit('similar', 2, 2)).toBe(1);
    expect(dimensionFit('similar', 1, 5)).toBe(0);
    const product: PersonalityRatings = { sincerity: 4, excitement: 2, competence: 4, sophistication: 4.5, ruggedness: 1.5 };
    const mirror = personalityFit(product, product);
    const complement = personalityFit(product, { ...product, sincerity: 3, competence: 5 });
    // Identical on the complementary dimensions is good, one point apart better; excitement never counts.
    expect(complement.overall).toBeGreaterThan(mirror.overall);
    expect(personalityFit(product, { ...product, excitement: 5 }).overall).toBe(mirror.overall);
  });
});

describe('brand personality in the app', () => {
  it('rates by hand, imports a survey off the main process, ranks by the fit, and refuses what it cannot use', async () => {
    const dir = tempDir();
    const dataDir = path.join(dir, 'lib');
    const partners = path.join(dir, 'partners.csv');
    fs.writeFileSync(partners, 'partner_id,name,type,description\np1,墨韵书局,bookstore,古籍 宋画\np2,山野户外,outdoor,露营 徒步\np3,茶馆,teahouse,茶\n');
    for (const args of [['project', 'create', '--name', '宋画沙龙', '--title', '宋画十讲'], ['import', '--project', '1', '--kind', 'partners', partners]]) {
      expect(await runCli(['--data-dir', dataDir, ...args], { out: () => {}, err: () => {}, interactive: false })).toBe(0);
    }
    const s = createServices({ dataDir, locale: 'en' });
    try {
      await call(s, 'personality.save', { projectId: 1, subject: 'product', ratings: { sincerity: 4, excitement: 2, competence: 4, sophistication: 4.5, ruggedness: 1.5 } });
      await call(s, 'personality.save', { projectId: 1, subject: 'p2', ratings: { sincerity: 3, excitement: 5, competence: 3, sophistication: 1.5, ruggedness: 5 } });
      let view = await call(s, 'personality.view', { projectId: 1 });
      expect(view.partners.map((p) => [p.subject, p.respondents, p.source])).toEqual([['p2', 0, 'by hand']]);

      // A survey: one row per respondent, Chinese headers, the partner named or by id, bad rows located.
      const survey = path.join(dir, '调研.csv');
      const rows = ['评价对象,真诚/Sincerity,刺激,能力,Sophistication（高雅）,粗犷'];
      for (let i = 0; i < 40; i++) rows.push(`墨韵书局,${3 + (i % 2)},2,${4 + (i % 2)},${4 + (i % 3) * 0.5},2`);
      rows.push('p1,9,2,4,4,2', '不知名品牌,3,3,3,3,3', ',1,1,1,1,1');
      fs.writeFileSync(survey, `${rows.join('\n')}\n`);
      const r = await call(s, 'personality.importSurvey', { projectId: 1, path: survey });
      expect(r.respondents).toBe(40);
      expect(r.subjects).toEqual([{ subject: 'p1', name: '墨韵书局', respondents: 40 }]);
      expect(r.rejected).toEqual([
        { row: 42, column: '真诚/Sincerity', value: '9', reason: 'not a rating from 1 to 5' },
        { row: 43, column: '评价对象', value: '不知名品牌', reason: 'names neither the product nor a partner of the project' },
        { row: 44, column: '评价对象', value: '', reason: 'empty' },
      ]);
      view = r.view;
      const p1 = view.partners.find((p) => p.subject === 'p1')!;
      expect(p1.ratings.sincerity).toBeCloseTo(3.5, 5);
      expect(p1.respondents).toBe(40);
      expect(p1.standardErrors!.sincerity).toBeCloseTo(0.5 * Math.sqrt(40 / 39) / Math.sqrt(40), 3);
      // The bookstore fits the course better than the outdoor brand, and the ranking follows when asked to.
      expect(p1.fit!.overall).toBeGreaterThan(view.partners.find((p) => p.subject === 'p2')!.fit!.overall);
      const only = { audienceFit: 0, contentFit: 0, network: 0, reputation: 0, costEfficiency: 0, overlap: 0, brandFit: 1, risk: 0 };
      const ranked = await call(s, 'partners.rank', { projectId: 1, weights: only });
      expect(ranked.partners.map((p) => p.id)).toEqual(['p1', 'p3', 'p2']);
      // Unrated p3 takes the median of the rated: neither helped nor hurt.
      expect(ranked.partners[1].factors.brandFit).toBeCloseTo((p1.fit!.overall + view.partners.find((p) => p.subject === 'p2')!.fit!.overall) / 2, 3);

      const refusals = [
        await dispatch(s.handlers, 'personality.save', { projectId: 1, subject: 'p1', ratings: { sincerity: 6, excitement: 2, competence: 4, sophistication: 4, ruggedness: 2 } }),
        await dispatch(s.handlers, 'personality.save', { projectId: 1, subject: 'p9', ratings: { sincerity: 3, excitement: 3, competence: 3, sophistication: 3, ruggedness: 3 } }),
      ];
      expect(refusals.map((x) => !x.ok && x.error.code)).toEqual(['invalid_input', 'not_found']);
      const noColumns = path.join(dir, 'bad.csv');
      fs.writeFileSync(noColumns, 'brand,score\np1,4\n');
      const bad = await dispatch(s.handlers, 'personality.importSurvey', { projectId: 1, path: noColumns });
      expect(!bad.ok && bad.error.message).toMatch(/no column for sincerity, excitement, competence, sophistication, ruggedness/);
      expect((await call(s, 'personality.view', { projectId: 1 })).partners.find((p) => p.subject === 'p1')!.respondents).toBe(40);
    } finally {
      await s.close();
    }
  }, 120_000);
});
