import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/api/dispatch';
import { runCli } from '../../src/main/cli/main';
import { createServices, type Services } from '../../src/main/core/services';
import { sketchIdsFile } from '../../src/main/overlap/sketchIdsFile';
import { saveSketchFile } from '../../src/main/overlap/sketchFiles';
import type { CallInput, CallName, CallOutput } from '../../src/shared/contract';
import { parseDealKey } from '../../src/shared/overlap/dealKey';
import { tempDir } from './helpers';

const phone = (i: number) => String(13_600_000_000 + i * 3_331);

async function cli(dataDir: string, ...args: string[]) {
  let err = '';
  const code = await runCli(['--data-dir', dataDir, ...args], { out: () => {}, err: (s) => (err += s), interactive: false });
  if (code !== 0) throw new Error(err);
}

async function call<N extends CallName>(s: Services, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const r = await dispatch(s.handlers, name, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as CallOutput<N>;
}

/**
 * A project of 12,000 members with a phone column, three segments, two partners; the first
 * partner's 20,000 members include 4,800 of ours (every second one of our first 9,600).
 */
async function world() {
  const dir = tempDir();
  const dataDir = path.join(dir, 'lib');
  const audience = path.join(dir, 'audience.csv');
  fs.writeFileSync(audience, `user_id,minutes,courses,手机号\n${Array.from({ length: 12_000 }, (_, i) => `u${i},${(i * 37) % 600},${i % 3 === 0 ? 9 : i % 7},${phone(i)}`).join('\n')}\n`);
  const partners = path.join(dir, 'partners.csv');
  fs.writeFileSync(partners, 'partner_id,name,type\np1,书店会员,bookstore\np2,茶馆,teahouse\n');
  await cli(dataDir, 'project', 'create', '--name', '宋画沙龙');
  await cli(dataDir, 'import', '--project', '1', '--kind', 'audience', audience);
  await cli(dataDir, 'import', '--project', '1', '--kind', 'partners', partners);
  await cli(dataDir, 'segment', '--project', '1', '--k', '3', '--seed', '1');
  const theirs = path.join(dir, 'theirs.csv');
  const shared = Array.from({ length: 4_800 }, (_, j) => phone(2 * j));
  const own = Array.from({ length: 15_200 }, (_, j) => phone(1_000_000 + j));
  fs.writeFileSync(theirs, `phone\n${[...own, ...shared].join('\n')}\n`);
  return { dir, dataDir, theirs };
}

/** The partner's side: the key out of the kit Tandem wrote, its list sketched as the kit does. */
function partnerSketch(kitFile: string, list: string, out: string, key?: Uint8Array): string {
  const config = JSON.parse(/<script type="application\/json" id="tandem-deal">(.*?)<\/script>/.exec(fs.readFileSync(kitFile, 'utf8'))![1]);
  const r = sketchIdsFile({ file: list, column: 'phone', key: key ?? parseDealKey(config.key), label: config.partner, createdBy: 'kit' });
  saveSketchFile(out, r.sketch);
  return out;
}

describe('overlap with a partner, in the app', () => {
  it('makes the deal with its kit, imports the partner\'s sketch in a job and shows the overlap per segment with intervals', async () => {
    const w = await world();
    const s = createServices({ dataDir: w.dataDir, locale: 'en' });
    try {
      let view = await call(s, 'overlap.view', { projectId: 1 });
      expect(view).toMatchObject({ columns: ['user_id', '手机号'], audienceRows: 12_000, deals: [] });
      expect(view.settings).toMatchObject({ column: 'user_id', measure: 'incrementalReach' });
      view = await call(s, 'overlap.saveSettings', { projectId: 1, column: '手机号', universe: 50_000_000 });
      expect(view.settings).toMatchObject({ column: '手机号', universe: 50_000_000 });

      const kit = path.join(w.dir, 'kit.html');
      const made = await call(s, 'overlap.kit', { projectId: 1, partnerId: 'p1', path: kit, lang: 'zh-CN' });
      expect(fs.readFileSync(kit, 'utf8')).toContain('宋画沙龙 × 书店会员');
      // A second kit for the same partner carries the same key: sketches already made still match.
      expect((await call(s, 'overlap.kit', { projectId: 1, partnerId: 'p1', path: kit, lang: 'en' })).keyId).toBe(made.keyId);
      const sketch = partnerSketch(kit, w.theirs, path.join(w.dir, 'theirs.tsketch'));

      const job = await s.jobs.wait(s.jobs.start('overlap', { projectId: 1, partnerId: 'p1', path: sketch }).id);
      expect(job.state, job.error ?? '').toBe('done');
      view = await call(s, 'overlap.view', { projectId: 1 });
      const deal = view.deals[0];
      expect(deal).toMatchObject({ partnerId: 'p1', name: '书店会员', keyId: made.keyId, stale: false, theirs: { file: 'theirs.tsketch', label: '书店会员', rows: 20_000 } });
      const r = deal.result!;
      // Ours (12,000) is held exactly; theirs is sampled: the truth lies in the band.
      expect(r.a).toMatchObject({ estimate: 12_000, exact: true });
      // The deal's key is new each run, so the estimates move: within 6% is five or more standard errors.
      const near = (value: number, truth: number) => expect(Math.abs(value - truth) / truth).toBeLessThan(0.06);
      near(r.overlap.estimate, 4_800);
      expect(r.overlap.p10 <= r.overlap.estimate && r.overlap.estimate <= r.overlap.p90).toBe(true);
      near(r.shareOfA, 0.4);
      near(r.incrementalReach.estimate, 15_200);
      expect(r.affinity).toBeGreaterThan(100);
      // Each segment's overlap, under the run's names, adding up to the whole.
      expect(r.segments).toHaveLength(3);
      expect(r.segments.reduce((t, x) => t + x.size.estimate, 0)).toBeCloseTo(12_000, -2);
      expect(Math.abs(r.segments.reduce((t, x) => t + x.overlap.estimate, 0) - r.overlap.estimate)).toBeLessThan(0.05 * r.overlap.estimate);
      for (const seg of r.segments) expect(seg.name).not.toMatch(/^segment:/);

      // The ranking's overlap factor: p1 brings ~15,200 new people, p2 (600 of ours, 400 others) 400.
      const small = path.join(w.dir, 'small.csv');
      fs.writeFileSync(small, `phone\n${[...Array.from({ length: 600 }, (_, j) => phone(j)), ...Array.from({ length: 400 }, (_, j) => phone(1_100_000 + j))].join('\n')}\n`);
      const kit2 = path.join(w.dir, 'kit2.html');
      await call(s, 'overlap.kit', { projectId: 1, partnerId: 'p2', path: kit2, lang: 'en' });
      expect((await s.jobs.wait(s.jobs.start('overlap', { projectId: 1, partnerId: 'p2', path: partnerSketch(kit2, small, path.join(w.dir, 'small.tsketch')) }).id)).state).toBe('done');
      const only = { audienceFit: 0, contentFit: 0, network: 0, reputation: 0, costEfficiency: 0, overlap: 1, risk: 0 };
      const byReach = await call(s, 'partners.rank', { projectId: 1, weights: only });
      expect(byReach.partners.map((p) => p.id)).toEqual(['p1', 'p2']);
      expect(byReach.partners[0].factors.overlap).toBe(1);
      expect(byReach.partners[1].factors.overlap).toBeCloseTo(400 / r.incrementalReach.estimate, 2);
      // By affinity the small partner wins: 60% of its people are ours, against 24% of p1's.
      await call(s, 'overlap.saveSettings', { projectId: 1, measure: 'affinity' });
      expect((await call(s, 'partners.rank', { projectId: 1, weights: only })).partners.map((p) => p.id)).toEqual(['p2', 'p1']);
      // The presets leave the factor at 0: the default ranking does not move with sketches.
      expect((await call(s, 'partners.rank', { projectId: 1 })).weights.overlap).toBe(0);

      // The report's partner section carries the overlap table and the privacy note, in both languages.
      await call(s, 'checklist.setShortlist', { projectId: 1, partnerIds: ['p1', 'p2'] });
      for (const [lang, words] of [['en', ['Audience overlap measured with 2 partners', 'What a sketch can and cannot reveal', 'stays satisfied']], ['zh-CN', ['受众重合度由带密钥哈希的草图测得', '草图能透露什么']]] as const) {
        const pdf = path.join(w.dir, `report-${lang}.pdf`);
        const job = await s.jobs.wait(s.jobs.start('report', { projectId: 1, path: pdf, lang }).id);
        expect(job.state, job.error ?? '').toBe('done');
        const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
        for (const w of words) expect(text).toContain(w);
      }

      // Choosing another column makes our side stale until the job runs again.
      await call(s, 'overlap.saveSettings', { projectId: 1, column: 'user_id' });
      expect((await call(s, 'overlap.view', { projectId: 1 })).deals[0].stale).toBe(true);
    } finally {
      await s.close();
    }
  }, 240_000);

  it('refuses a sketch of another deal, a damaged one and another kind of identifier, and keeps what it had', async () => {
    const w = await world();
    const s = createServices({ dataDir: w.dataDir, locale: 'en' });
    try {
      await call(s, 'overlap.saveSettings', { projectId: 1, column: '手机号' });
      const kit1 = path.join(w.dir, 'kit1.html');
      const kit2 = path.join(w.dir, 'kit2.html');
      await call(s, 'overlap.kit', { projectId: 1, partnerId: 'p1', path: kit1, lang: 'en' });
      await call(s, 'overlap.kit', { projectId: 1, partnerId: 'p2', path: kit2, lang: 'en' });
      const good = partnerSketch(kit1, w.theirs, path.join(w.dir, 'good.tsketch'));
      expect((await s.jobs.wait(s.jobs.start('overlap', { projectId: 1, partnerId: 'p1', path: good }).id)).state).toBe('done');
      const before = JSON.stringify((await call(s, 'overlap.view', { projectId: 1 })).deals);

      // The p2 deal's sketch offered as p1's: another key.
      const other = partnerSketch(kit2, w.theirs, path.join(w.dir, 'other.tsketch'));
      const wrong = await s.jobs.wait(s.jobs.start('overlap', { projectId: 1, partnerId: 'p1', path: other }).id);
      expect(wrong).toMatchObject({ state: 'failed', errorCode: 'refused' });
      expect(wrong.error).toContain('another deal key');

      const cut = path.join(w.dir, 'cut.tsketch');
      fs.writeFileSync(cut, fs.readFileSync(good, 'utf8').slice(0, 3000));
      const damaged = await s.jobs.wait(s.jobs.start('overlap', { projectId: 1, partnerId: 'p1', path: cut }).id);
      expect(damaged).toMatchObject({ state: 'failed', errorCode: 'invalid_input' });
      expect(damaged.error).toContain('ends early');

      // Our user ids are opaque ids; the partner hashed phone numbers: refused, not a zero overlap.
      await call(s, 'overlap.saveSettings', { projectId: 1, column: 'user_id' });
      const mismatch = await s.jobs.wait(s.jobs.start('overlap', { projectId: 1, partnerId: 'p1' }).id);
      expect(mismatch).toMatchObject({ state: 'failed', errorCode: 'refused' });
      expect(mismatch.error).toContain('would not match');
      await call(s, 'overlap.saveSettings', { projectId: 1, column: '手机号' });
      expect(JSON.stringify((await call(s, 'overlap.view', { projectId: 1 })).deals)).toBe(before);

      expect((await dispatch(s.handlers, 'overlap.saveSettings', { projectId: 1, column: 'nope' })).ok).toBe(false);
      expect((await dispatch(s.handlers, 'overlap.saveSettings', { projectId: 1, universe: 10 })).ok).toBe(false);
      expect((await dispatch(s.handlers, 'overlap.kit', { projectId: 1, partnerId: 'p9', path: kit1, lang: 'en' })).ok).toBe(false);
    } finally {
      await s.close();
    }
  }, 240_000);
});
