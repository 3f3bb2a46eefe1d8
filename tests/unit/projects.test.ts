import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/main/db/library';
import { DatasetsRepo } from '../../src/main/db/datasetsRepo';
import { ProjectService } from '../../src/main/projects/service';
import { DomainError } from '../../src/shared/result';
import { tempDir } from './helpers';

function world() {
  let clock = Date.parse('2026-11-23T09:00:00Z');
  const lib = openLibrary(tempDir());
  const service = new ProjectService(lib.db, () => new Date((clock += 60_000)));
  return { lib, service };
}

describe('the project library', () => {
  it('creates a project with every field of DESIGN §1 and reads it back', () => {
    const { service, lib } = world();
    const p = service.create({
      name: '宋画联名 Song collab',
      client: 'Zhishan',
      kind: 'audio',
      productTitle: '千里江山',
      description: 'An audio course',
      tags: ['宋画', 'art'],
      price: 199,
      goals: 'Awareness',
      kpiWeights: { awareness: 40, engagement: 20, conversion: 30, quality: 10 },
      budget: 500000,
      currency: 'CNY',
      startDate: '2027-01-04',
      endDate: '2027-03-28',
      exclusions: ['博彩'],
      status: 'review',
    });
    expect(service.get(p.id)).toMatchObject({
      name: '宋画联名 Song collab',
      tags: ['宋画', 'art'],
      kpiWeights: { awareness: 40, engagement: 20, conversion: 30, quality: 10 },
      exclusions: ['博彩'],
      status: 'review',
      datasets: [],
    });
    lib.close();
  });

  it('refuses an invalid update and leaves the stored project untouched', () => {
    const { service, lib } = world();
    const p = service.create({ name: 'Salon', budget: 100, startDate: '2027-01-01' });
    for (const patch of [{ budget: -5 }, { endDate: '2026-12-01' }, { name: '' }, { price: Number.NaN }]) {
      expect(() => service.update(p.id, patch)).toThrow(DomainError);
    }
    expect(service.get(p.id)).toEqual(p);
    lib.close();
  });

  it('moves a deleted project to the trash, restores it, and empties the trash for good with its data', () => {
    const { service, lib } = world();
    const keep = service.create({ name: 'Keep' });
    const gone = service.create({ name: 'Gone' });
    lib.db.transaction(() =>
      new DatasetsRepo(lib.db).replace(gone.id, 'collaborations', [{ partnerA: 'a', partnerB: 'b', year: 2024, kind: 'event', outcome: 'success' }], { source: 'test', importedAt: 'now' }),
    )();
    service.trash(gone.id);
    expect(service.list().map((p) => p.name)).toEqual(['Keep']);
    expect(service.list({ trash: true }).map((p) => p.name)).toEqual(['Gone']);
    expect(() => service.get(gone.id)).toThrow(/in the trash/);
    expect(service.restore(gone.id).deletedAt).toBeNull();
    expect(() => service.restore(keep.id)).toThrow(/not in the trash/);
    service.trash(gone.id);
    expect(service.emptyTrash()).toEqual({ deleted: 1 });
    expect(service.list({ trash: true })).toEqual([]);
    expect(lib.db.prepare('SELECT count(*) AS n FROM collaborations').get()).toEqual({ n: 0 });
    expect(service.list().map((p) => p.id)).toEqual([keep.id]);
    lib.close();
  });

  it('duplicates a project with its datasets, back in draft', () => {
    const { service, lib } = world();
    const p = service.create({ name: 'Original', status: 'live' });
    lib.db.transaction(() =>
      new DatasetsRepo(lib.db).replace(p.id, 'audience', [
        { userId: 'u1', features: { minutes: 3 }, attributes: { city: 'A' } },
        { userId: 'u2', features: { minutes: 9 }, attributes: { city: 'B' } },
      ], { source: 'a.csv', importedAt: '2026-11-01T00:00:00Z' }),
    )();
    const copy = service.duplicate(p.id, '（副本）');
    expect(copy.name).toBe('Original（副本）');
    expect(copy.status).toBe('draft');
    expect(copy.datasets).toEqual([{ kind: 'audience', rows: 2, source: 'a.csv', importedAt: '2026-11-01T00:00:00Z' }]);
    expect(new DatasetsRepo(lib.db).count(copy.id, 'audience')).toBe(2);
    lib.close();
  });

  it('searches names, clients and tags, and sorts recent first by default', () => {
    const { service, lib } = world();
    const a = service.create({ name: 'Alpha', client: '西湖美术馆', budget: 10 });
    const b = service.create({ name: 'Beta', tags: ['宋词'], budget: 30 });
    const c = service.create({ name: 'Gamma', budget: 20 });
    service.open(a.id);
    expect(service.list().map((p) => p.name)).toEqual(['Alpha', 'Gamma', 'Beta']);
    expect(service.list({ sort: 'budget' }).map((p) => p.id)).toEqual([b.id, c.id, a.id]);
    expect(service.list({ sort: 'name' }).map((p) => p.name)).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(service.list({ search: '美术馆' }).map((p) => p.name)).toEqual(['Alpha']);
    expect(service.list({ search: '宋词' }).map((p) => p.name)).toEqual(['Beta']);
    lib.close();
  });

  it('writes a dataset in one transaction: a failure part-way leaves the previous rows', () => {
    const { service, lib } = world();
    const p = service.create({ name: 'Atomic' });
    const repo = new DatasetsRepo(lib.db);
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ userId: `u${i}`, features: {}, attributes: {} }));
    lib.db.transaction(() => repo.replace(p.id, 'audience', rows(3), { source: 'first', importedAt: 't' }))();
    expect(() =>
      lib.db.transaction(() =>
        repo.replace(p.id, 'audience', rows(20000), { source: 'second', importedAt: 't' }, (i) => {
          if (i >= 10000) throw new Error('crash mid-write');
        }),
      )(),
    ).toThrow('crash mid-write');
    expect(repo.count(p.id, 'audience')).toBe(3);
    expect(service.get(p.id).datasets[0]).toMatchObject({ rows: 3, source: 'first' });
    expect(() => repo.replace(p.id, 'audience', [], { source: null, importedAt: 't' })).toThrow(/inside a transaction/);
    lib.close();
  });

  it('writes every row exactly once, whatever the count against the insert batch size (property)', () => {
    const { service, lib } = world();
    const p = service.create({ name: 'Batches' });
    const repo = new DatasetsRepo(lib.db);
    const row = fc.record({
      userId: fc.string({ minLength: 1, maxLength: 8 }),
      itemId: fc.string({ minLength: 1, maxLength: 8 }),
      event: fc.constantFrom('view', 'listen', 'purchase'),
      weight: fc.double({ min: 0, max: 10, noNaN: true }),
      ts: fc.option(fc.constant('2026-11-01T00:00:00Z'), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 300 }), (rows) => {
        lib.db.transaction(() => repo.replace(p.id, 'interactions', rows, { source: 't', importedAt: 't' }))();
        const stored = lib.db
          .prepare('SELECT user_id AS userId, item_id AS itemId, event, weight, ts FROM interactions WHERE project_id = ? ORDER BY rowid')
          .all(p.id);
        expect(stored).toEqual(rows);
        expect(service.get(p.id).datasets[0].rows).toBe(rows.length);
      }),
      { numRuns: 60 },
    );
    lib.close();
  });
});
