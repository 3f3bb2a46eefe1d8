import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_PROJECT_FIELDS } from '../../src/shared/project';
import { ProjectsRepo } from '../../src/main/db/projectsRepo';
import { openLibrary } from '../../src/main/db/library';
import { runRecommend } from '../../src/main/partners/targeting/recommend';
import { runTargeting } from '../../src/main/partners/targeting/concept';
import { spawnSync } from 'node:child_process';
import { tempDir } from './helpers';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/main/core/random';
import { fitAls } from '../../src/main/partners/targeting/als';
import { csrFrom, transpose } from '../../src/main/partners/targeting/csr';
import { holdOut, popularTopK, rankingQuality } from '../../src/main/partners/targeting/evaluate';
import { topKUnseen } from '../../src/main/partners/targeting/score';
import { loadInteractions } from '../../src/main/partners/targeting/interactions';
import { EventWeightsRepo } from '../../src/main/partners/targeting/eventWeights';
import { sameCandidate } from '../../src/shared/targetingText';

/** Users in four taste groups, each mostly touching its own group's items, plus some popular noise. */
function tasteGroups(users: number, items: number, perUser: number, seed: number) {
  const r = new Random(seed);
  const U: number[] = [];
  const I: number[] = [];
  for (let u = 0; u < users; u++) {
    const g = u % 4;
    for (let k = 0; k < perUser; k++) {
      const own = r.next() < 0.85;
      // Within a group some items are far more liked than others; the noise favours low ids.
      const item = own ? g * (items / 4) + Math.floor(Math.pow(r.next(), 2) * (items / 4)) : Math.floor(Math.pow(r.next(), 3) * items);
      U.push(u);
      I.push(item);
    }
  }
  return csrFrom(users, items, U, I, U.map(() => 1));
}

describe('targeting by collaborative filtering', () => {
  it('CSR: repeated pairs add up, the transpose holds the same entries', () => {
    const m = csrFrom(3, 4, [0, 2, 0, 1, 0], [1, 3, 1, 0, 2], [1, 1, 2, 1, 1]);
    expect([...m.ptr]).toEqual([0, 2, 3, 4]);
    expect([...m.idx]).toEqual([1, 2, 0, 3]);
    expect([...m.val]).toEqual([3, 1, 1, 1]);
    const t = transpose(m);
    expect([...t.ptr]).toEqual([0, 1, 2, 3, 4]);
    expect([...t.idx]).toEqual([1, 0, 0, 2]);
  });

  it('implicit ALS beats the most-popular baseline on held-out items (nDCG@10), repeatably with a seed', async () => {
    const all = tasteGroups(800, 400, 12, 3);
    const split = holdOut(all, 0.2, 5);
    const heldOut = split.test.reduce((s, t) => s + t.length, 0);
    expect(heldOut).toBeGreaterThan(0.15 * all.idx.length);
    const model = await fitAls(split.train, { factors: 4, reg: 0.1, alpha: 10, iterations: 10, seed: 1 });
    const again = await fitAls(split.train, { factors: 4, reg: 0.1, alpha: 10, iterations: 10, seed: 1 });
    expect([...again.users.subarray(0, 50)]).toEqual([...model.users.subarray(0, 50)]);
    const top = await topKUnseen(model, split.train, 10);
    expect(top.engine).toBe('onnx');
    const als = rankingQuality(split.test, (u) => top.items.subarray(u * 10, u * 10 + 10));
    const pop = rankingQuality(split.test, popularTopK(split.train, 10));
    expect(als.users).toBe(pop.users);
    expect(als.ndcg).toBeGreaterThan(pop.ndcg * 1.5);
    expect(als.precision).toBeGreaterThan(pop.precision);
    // Never a trained item, never twice the same item in a list.
    for (let u = 0; u < 800; u++) {
      const list = [...top.items.subarray(u * 10, u * 10 + 10)];
      const seen = new Set(split.train.idx.subarray(split.train.ptr[u], split.train.ptr[u + 1]));
      expect(list.some((i) => seen.has(i))).toBe(false);
      expect(new Set(list).size).toBe(10);
    }
  });

  it('the ONNX top-k equals a plain ranking of U·Vᵀ without the seen items; empty histories get zero factors', async () => {
    const m = csrFrom(50, 30, [0, 0, 1, 2, 3, 4, 4], [1, 2, 2, 3, 4, 5, 6], [1, 1, 1, 1, 1, 1, 1]);
    const model = await fitAls(m, { factors: 4, iterations: 3, seed: 2 });
    expect([...model.users.subarray(10 * 4, 11 * 4)]).toEqual([0, 0, 0, 0]);
    const top = await topKUnseen(model, m, 5);
    for (const u of [0, 1, 4]) {
      const seen = new Set(m.idx.subarray(m.ptr[u], m.ptr[u + 1]));
      const scored = Array.from({ length: 30 }, (_, i) => ({ i, s: [0, 1, 2, 3].reduce((acc, t) => acc + model.users[u * 4 + t] * model.items[i * 4 + t], 0) }))
        .filter((x) => !seen.has(x.i))
        .sort((a, b) => b.s - a.s);
      const got = [...top.items.subarray(u * 5, u * 5 + 5)];
      scored.slice(0, 5).forEach((x, r) => expect(top.scores[u * 5 + r]).toBeCloseTo(x.s, 5));
      expect(got.every((i) => !seen.has(i))).toBe(true);
    }
  });
});

describe('the recommend job', () => {
  it('leaves out interactions naming unknown items (counted), refuses a project without interactions, writes user_id/item_id/rank/score', async () => {
    const dir = tempDir();
    const lib = openLibrary(dir);
    const repo = new ProjectsRepo(lib.db);
    const id = repo.insert({ ...DEFAULT_PROJECT_FIELDS, name: 'recs' }, new Date().toISOString());
    const empty = repo.insert({ ...DEFAULT_PROJECT_FIELDS, name: 'none' }, new Date().toISOString());
    const item = lib.db.prepare("INSERT INTO catalog_items (project_id, item_id, title) VALUES (?, ?, ?)");
    for (let i = 0; i < 40; i++) item.run(id, `i${i}`, `Item ${i}`);
    const add = lib.db.prepare('INSERT INTO interactions (project_id, user_id, item_id, weight) VALUES (?, ?, ?, ?)');
    const r = new Random(4);
    for (let u = 0; u < 120; u++) for (let k = 0; k < 6; k++) add.run(id, `u${u}`, `i${(u % 4) * 10 + Math.floor(r.next() * 10)}`, 1);
    add.run(id, 'u1', 'ghost-item', 3);
    add.run(id, 'u2', 'ghost-item', 1);
    const out = path.join(dir, 'recs.tsv');
    const result = await runRecommend(lib.db, { projectId: id, outPath: out, top: 5, iterations: 5, seed: 1 });
    expect(result).toMatchObject({ users: 120, items: 40, unknownItems: 2 });
    // Factor models rank on onnxruntime; item models sum their neighbours' links in JavaScript.
    expect(result.engine).toBe(result.model === 'als' ? 'onnx' : 'js');
    // Every candidate is kept with its validation score, best first, the chosen one on top.
    expect(result.search.candidates.length).toBeGreaterThan(20);
    expect(sameCandidate(result.search.candidates[0].settings, result.settings)).toBe(true);
    expect(result.quality.itemKnn!.ndcg).toBeGreaterThan(0);
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('user_id\titem_id\trank\tscore');
    expect(lines.length - 1).toBe(result.written);
    const [user, itemId, rank, score] = lines[1].split('\t');
    expect(user).toMatch(/^u\d+$/);
    expect(itemId).toMatch(/^i\d+$/);
    expect(rank).toBe('1');
    expect(Number.isFinite(Number(score))).toBe(true);
    expect(result.quality.model.ndcg).toBeGreaterThanOrEqual(0);
    await expect(runRecommend(lib.db, { projectId: empty, outPath: path.join(dir, 'none.tsv') })).rejects.toThrow(/no interactions with known items/);
    expect(fs.existsSync(path.join(dir, 'none.tsv'))).toBe(false);
    // A log whose users each took one item holds nothing to learn from: refused, with the reason.
    const single = repo.insert({ ...DEFAULT_PROJECT_FIELDS, name: 'single' }, new Date().toISOString());
    for (let u = 0; u < 50; u++) add.run(single, `s${u}`, `i${u % 40}`, 1);
    await expect(runRecommend(lib.db, { projectId: single, outPath: path.join(dir, 'single.tsv') })).rejects.toThrow(/took a single item: nothing shows which items go together/);
    expect(fs.existsSync(path.join(dir, 'single.tsv'))).toBe(false);
  });

  it('counts each interaction by its event’s weight: the defaults rank a purchase over a view, the strategist’s own weights replace them, bad weights are refused', () => {
    const lib = openLibrary(tempDir());
    const id = new ProjectsRepo(lib.db).insert({ ...DEFAULT_PROJECT_FIELDS, name: 'events' }, new Date().toISOString());
    const add = lib.db.prepare('INSERT INTO interactions (project_id, user_id, item_id, event, weight) VALUES (?, ?, ?, ?, ?)');
    add.run(id, 'u1', 'a', 'view', 1);
    add.run(id, 'u1', 'b', 'purchase', 1);
    add.run(id, 'u1', 'b', 'view', 2);
    add.run(id, 'u1', 'c', 'Unheard', 1);
    const strength = () => {
      const { matrix, items } = loadInteractions(lib.db, id);
      return Object.fromEntries(items.map((item, i) => [item, matrix.val[matrix.ptr[0] + [...matrix.idx.subarray(matrix.ptr[0], matrix.ptr[1])].indexOf(i)]]));
    };
    expect(strength()).toEqual({ a: 1, b: 5 + 2, c: 1 });
    const repo = new EventWeightsRepo(lib.db);
    const view = repo.save({ projectId: id, weights: { view: 0, purchase: 10 } });
    expect(view.events.map((e) => [e.event, e.rows, e.weight])).toEqual([['view', 2, 0], ['Unheard', 1, 1], ['purchase', 1, 10]]);
    // A view now counts for nothing: item a drops out of u1's row.
    expect(strength()).toEqual({ b: 10, c: 1 });
    expect(() => repo.save({ projectId: id, weights: { view: -1 } })).toThrow();
    expect(() => repo.save({ projectId: id, weights: { view: Number.NaN } })).toThrow();
    expect(repo.weights(id).view).toBe(0);
  });
});

describe('tandem recommend', () => {
  it('runs from the built CLI on the demo: every user gets K rows, quality beside most-popular in the JSON', async () => {
    const dir = tempDir();
    const run = (...args: string[]) => spawnSync(process.execPath, [path.resolve('bin/tandem.mjs'), '--json', '--data-dir', dir, ...args], { encoding: 'utf8' });
    expect(run('demo').status).toBe(0);
    const out = path.join(dir, 'targets.tsv');
    const rec = run('recommend', '--project', '1', '--top', '3', '--factors', '8', '--iterations', '4', '--out', out);
    expect(rec.status, rec.stderr).toBe(0);
    const r = JSON.parse(rec.stdout);
    // --factors narrows the search to ALS with those factors.
    expect(r).toMatchObject({ model: 'als', factors: 8, engine: 'onnx', unknownItems: 0 });
    expect(r.search.candidates.every((c: { settings: { model: string; factors: number } }) => c.settings.model === 'als' && c.settings.factors === 8)).toBe(true);
    expect(r.quality.popular.ndcg).toBeGreaterThan(0);
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines.length - 1).toBe(r.users * 3);
    expect(run('recommend', '--project', '1').status).toBe(2);
    expect(run('recommend', '--project', '1', '--out', out, '--top', '0').status).toBe(2);
  }, 60_000);
});

describe('concept targeting', () => {
  it('places the concept among the catalog items that share its words, scores every user, counts the best share; refuses without a catalog', async () => {
    const dir = tempDir();
    const lib = openLibrary(dir);
    const repo = new ProjectsRepo(lib.db);
    const id = repo.insert({ ...DEFAULT_PROJECT_FIELDS, name: 'tea', productTitle: '茶文化十二讲', tags: ['茶文化'] }, new Date().toISOString());
    const bare = repo.insert({ ...DEFAULT_PROJECT_FIELDS, name: 'bare' }, new Date().toISOString());
    const item = lib.db.prepare('INSERT INTO catalog_items (project_id, item_id, title, tags) VALUES (?, ?, ?, ?)');
    const themes = ['茶文化', '汽车', '书法', '咖啡'];
    for (let i = 0; i < 40; i++) item.run(id, `i${i}`, `${themes[i % 4]} 第${i}课`, JSON.stringify([themes[i % 4]]));
    lib.db.prepare("INSERT INTO partners (project_id, partner_id, name, type, description, tags) VALUES (?, 'p1', '茶馆', 'brand', '茶文化 体验', '[\"茶文化\"]')").run(id);
    const add = lib.db.prepare('INSERT INTO interactions (project_id, user_id, item_id, weight) VALUES (?, ?, ?, 1)');
    const r = new Random(8);
    // Users 0, 4, 8… drink tea: they touch the tea items (i0, i4, i8…).
    for (let u = 0; u < 200; u++) for (let k = 0; k < 6; k++) add.run(id, `u${u}`, `i${(u % 4) + 4 * Math.floor(r.next() * 10)}`);
    const out = path.join(dir, 'targets.csv');
    const res = await runTargeting(lib.db, { projectId: id, partnerId: 'p1', share: 0.25, outPath: out });
    expect(res.anchors.length).toBeGreaterThan(0);
    for (const a of res.anchors) expect(a.title).toContain('茶文化');
    expect(res.addressable).toBeLessThanOrEqual(50);
    const lines = fs.readFileSync(out, 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toContain('user_id,score,segment');
    const tea = lines.slice(1).filter((l) => Number(l.split(',')[0].slice(1)) % 4 === 0).length;
    expect(tea / (lines.length - 1)).toBeGreaterThan(0.8);
    await expect(runTargeting(lib.db, { projectId: bare })).rejects.toThrow(/no interactions|no catalog/);
    await expect(runTargeting(lib.db, { projectId: id, partnerId: 'nobody' })).rejects.toThrow(/no partner nobody/);
  }, 60_000);
});
