import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/main/db/library';
import { generateDemo } from '../../src/main/demo/generate';
import { writeDemo } from '../../src/main/demo/write';
import { JobRunner } from '../../src/main/jobs/runner';
import { ProjectService } from '../../src/main/projects/service';
import { tempDir } from './helpers';

function digest(seed: number): string {
  const d = generateDemo(seed);
  const { truth: _t, ...data } = d;
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('the demo generator', () => {
  it('is deterministic: the same seed gives the same project, another seed another one', () => {
    expect(digest(7)).toBe(digest(7));
    expect(digest(7)).not.toBe(digest(8));
  });

  it('has the sizes the design asks for', () => {
    const d = generateDemo(11);
    expect(d.audience).toHaveLength(20_000);
    expect(d.catalog).toHaveLength(300);
    expect(d.interactions).toHaveLength(200_000);
    expect(d.partners).toHaveLength(120);
    expect(d.campaigns).toHaveLength(156);
    expect(d.collaborations.length).toBeGreaterThan(200);
  });

  it('looks like real platform data', () => {
    const d = generateDemo(11);
    // Skewed behaviour: the mean of minutes well above the median; many users never buy.
    const listen = d.audience.map((u) => u.features.listen_minutes);
    expect(listen.reduce((s, x) => s + x, 0) / listen.length).toBeGreaterThan(1.5 * median(listen));
    expect(d.audience.filter((u) => u.features.purchases === 0).length / d.audience.length).toBeGreaterThan(0.2);
    expect(new Set(d.audience.map((u) => u.attributes.city_tier)).size).toBe(4);
    expect(new Set(d.audience.map((u) => u.attributes.age_band)).size).toBe(5);
    // Catalog: bilingual titles, unique ids.
    expect(new Set(d.catalog.map((c) => c.itemId)).size).toBe(300);
    expect(d.catalog.every((c) => /[\u4e00-\u9fff]/.test(c.title) && /[A-Za-z]/.test(String(c.extra.title_en)))).toBe(true);
    // Interactions only name known users and items; popular items dominate (long tail).
    const users = new Set(d.audience.map((u) => u.userId));
    const items = new Set(d.catalog.map((c) => c.itemId));
    expect(d.interactions.every((i) => users.has(i.userId) && items.has(i.itemId))).toBe(true);
    // Partners: every type, sane ranges, unique names, some conflicts to clear.
    expect(new Set(d.partners.map((p) => p.type))).toEqual(new Set(['museum', 'artist', 'brand', 'automaker', 'school', 'kol', 'institution']));
    expect(d.partners.every((p) => p.reputation! >= 0 && p.reputation! <= 100 && p.fee! > 0 && p.audienceSize! > 0)).toBe(true);
    expect(new Set(d.partners.map((p) => p.name)).size).toBe(120);
    expect(d.partners.some((p) => p.conflictTags.length > 0)).toBe(true);
    // Collaborations connect known partners, never a partner with itself.
    const ids = new Set(d.partners.map((p) => p.partnerId));
    expect(d.collaborations.every((c) => ids.has(c.partnerA) && ids.has(c.partnerB) && c.partnerA !== c.partnerB)).toBe(true);
    // Campaigns: consecutive weeks, five channels, media explains a real part of the outcome.
    const days = d.campaigns.map((c) => Date.parse(c.period) / 86_400_000);
    expect(days.slice(1).every((day, i) => day - days[i] === 7)).toBe(true);
    expect(Object.keys(d.campaigns[0].spend)).toEqual(['douyin', 'wechat', 'xiaohongshu', 'bilibili', 'search']);
    const media = Object.values(d.truth.campaigns.contribution).reduce((s, x) => s + x, 0);
    const total = d.campaigns.reduce((s, c) => s + c.outcome, 0);
    expect(media / total).toBeGreaterThan(0.2);
    expect(media / total).toBeLessThan(0.7);
  });

  it('writes one project with its datasets in one transaction', () => {
    const lib = openLibrary(tempDir());
    const d = generateDemo(3);
    const id = writeDemo(lib.db, d, new Date('2026-11-23T00:00:00Z'));
    const p = new ProjectService(lib.db).get(id);
    expect(p.datasets.map((x) => [x.kind, x.rows])).toEqual([
      ['audience', 20000], ['catalog', 300], ['interactions', 200000], ['partners', 120],
      ['collaborations', d.collaborations.length], ['campaigns', 156],
    ]);
    // A failure part-way (a cancel) leaves nothing behind.
    expect(() => writeDemo(lib.db, d, new Date(), (f) => { if (f > 0.5) throw new Error('cancel'); })).toThrow('cancel');
    expect(new ProjectService(lib.db).list()).toHaveLength(1);
    lib.close();
  });
});

describe('the job runner', () => {
  it('runs the demo in a worker thread with progress, and a cancelled job leaves nothing', async () => {
    const dataDir = tempDir();
    openLibrary(dataDir).close();
    const runner = new JobRunner({ dataDir });
    const seen: number[] = [];
    runner.on('job', (j) => j.state === 'running' && seen.push(j.progress));

    const cancelled = runner.start('demo', { seed: 5 });
    await new Promise<void>((resolve) => runner.on('job', (j) => j.id === cancelled.id && j.progress > 0.1 && resolve()));
    expect(runner.cancel(cancelled.id)).toBe(true);
    expect((await runner.wait(cancelled.id)).state).toBe('cancelled');
    let lib = openLibrary(dataDir);
    expect(new ProjectService(lib.db).list()).toHaveLength(0);
    lib.close();

    const job = runner.start('demo', { seed: 5 });
    const done = await runner.wait(job.id);
    expect(done.state).toBe('done');
    expect(seen.length).toBeGreaterThan(5);
    lib = openLibrary(dataDir);
    const projects = new ProjectService(lib.db).list();
    expect(projects).toHaveLength(1);
    expect(projects[0].id).toBe((done.result as { projectId: number }).projectId);
    lib.close();
    await runner.close();
  });

  it('reports a failing job as failed, with its reason', async () => {
    const runner = new JobRunner({ dataDir: tempDir() });
    const job = runner.start('demo', { seed: -4 });
    const ended = await runner.wait(job.id);
    expect(ended.state).toBe('failed');
    expect(ended.error).toMatch(/seed|>=0|too_small/i);
    await runner.close();
  });
});
