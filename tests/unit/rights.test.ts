import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/main/db/library';
import { generateDemo } from '../../src/main/demo/generate';
import { writeDemo } from '../../src/main/demo/write';
import { exportProject } from '../../src/main/projectFile/exportProject';
import { checkProjectFile } from '../../src/main/projectFile/inspect';
import { copyIntoLibrary } from '../../src/main/projectFile/openProject';
import { RevenueService } from '../../src/main/risk/revenueService';
import { splitProblems, splitRevenue, takeOf } from '../../src/main/risk/revenueSplit';
import { RightsService } from '../../src/main/risk/rightsService';
import { alertOf, exclusivityClashes, type RegisterLicence } from '../../src/main/risk/rightsRules';
import type { RevenueParty } from '../../src/shared/revenue';
import { tempDir } from './helpers';
import path from 'node:path';

const NOW = new Date('2026-11-23T10:00:00');

function demoWorld() {
  const lib = openLibrary(tempDir());
  const id = writeDemo(lib.db, generateDemo(20261123), NOW);
  return { lib, id, rights: new RightsService(lib.db, () => NOW), revenue: new RevenueService(lib.db, () => NOW) };
}

const lic = (id: number, partnerId: string, o: Partial<RegisterLicence> = {}): RegisterLicence => ({
  id, partnerId, territory: ['中国大陆'], channels: ['merchandise'], start: '2027-01-01', end: '2027-06-30', exclusive: false, ...o,
});

describe('the rights register', () => {
  it('alerts for windows ending within 90 days, and for ended ones', () => {
    expect(alertOf('2027-02-21', '2026-11-23')).toEqual({ alert: 'expiring', daysLeft: 90 });
    expect(alertOf('2027-02-22', '2026-11-23')).toEqual({ alert: null, daysLeft: 91 });
    expect(alertOf('2026-11-23', '2026-11-23')).toEqual({ alert: 'expiring', daysLeft: 0 });
    expect(alertOf('2026-11-22', '2026-11-23')).toEqual({ alert: 'expired', daysLeft: -1 });
  });

  it('finds exclusivities that overlap between partners in place, use and time — and only those', () => {
    // Exclusive merchandise in mainland China against another partner's merchandise there: a clash, over the shared days.
    expect(exclusivityClashes([lic(1, 'brand', { exclusive: true }), lic(2, 'artist', { start: '2027-03-01', end: '2027-12-31' })])).toEqual([
      { a: 1, b: 2, territory: ['中国大陆'], channels: ['merchandise'], from: '2027-03-01', to: '2027-06-30' },
    ]);
    // Same partner, nobody exclusive, disjoint windows, places or uses: no clash.
    expect(exclusivityClashes([lic(1, 'brand', { exclusive: true }), lic(2, 'brand')])).toEqual([]);
    expect(exclusivityClashes([lic(1, 'brand'), lic(2, 'artist')])).toEqual([]);
    expect(exclusivityClashes([lic(1, 'brand', { exclusive: true, end: '2027-02-28' }), lic(2, 'artist', { start: '2027-03-01' })])).toEqual([]);
    expect(exclusivityClashes([lic(1, 'brand', { exclusive: true }), lic(2, 'artist', { territory: ['香港'] })])).toEqual([]);
    expect(exclusivityClashes([lic(1, 'brand', { exclusive: true }), lic(2, 'artist', { channels: ['course video'] })])).toEqual([]);
    // Worldwide and all channels cover everything; words compare across case and width.
    expect(exclusivityClashes([lic(1, 'kol', { exclusive: true, territory: ['全球'], channels: ['ALL'] }), lic(2, 'artist', { channels: ['Ｍerchandise'] })])).toHaveLength(1);
    expect(exclusivityClashes([lic(1, 'a', { exclusive: true, channels: ['Merchandise'] }), lic(2, 'b', { channels: ['merchandise', 'posters'] })])[0].channels).toEqual(['Merchandise']);
    // One day in common is enough.
    expect(exclusivityClashes([lic(1, 'a', { exclusive: true, end: '2027-03-01' }), lic(2, 'b', { start: '2027-03-01' })])[0]).toMatchObject({ from: '2027-03-01', to: '2027-03-01' });
  });

  it('keeps licences per partner on the demo: the expiring museum licence and the brand clash show; bad input changes nothing', () => {
    const { rights, id } = demoWorld();
    const register = rights.register(id);
    expect(register.licences).toHaveLength(4);
    const museum = register.licences.find((l) => l.territory.includes('香港'))!;
    expect(museum).toMatchObject({ alert: 'expiring', daysLeft: 40 });
    const brand = register.licences.find((l) => l.channels.join() === '周边商品')!;
    expect(register.clashes.map((c) => [c.a, c.b].sort())).toEqual([[brand.id, register.licences.find((l) => l.fee === 60000)!.id].sort()]);
    const before = JSON.stringify(rights.register(id));
    const base = { partnerId: brand.partnerId, licensor: 'x', asset: 'y', territory: ['中国大陆'], channels: ['海报'], start: '2027-01-01', end: '2027-02-01', exclusive: false, fee: 1, notes: '' };
    expect(() => rights.save(id, { ...base, end: '2026-12-01' })).toThrow(/end date is before the start/);
    expect(() => rights.save(id, { ...base, start: '2027-02-30' })).toThrow(/date like/);
    expect(() => rights.save(id, { ...base, fee: -5 })).toThrow(/zero or more/);
    expect(() => rights.save(id, { ...base, partnerId: 'p999' })).toThrow(/no partner p999/);
    expect(() => rights.save(id, { ...base, id: 9999 })).toThrow(/no licence 9999/);
    expect(JSON.stringify(rights.register(id))).toBe(before);
    const saved = rights.save(id, { ...base, channels: ['周边商品'], id: brand.id, exclusive: false });
    expect(saved.clashes.filter((c) => c.a === brand.id || c.b === brand.id)).toEqual([]);
  });
});

describe('the revenue-share calculator', () => {
  const parties: RevenueParty[] = [
    { name: 'Artist', model: { kind: 'guarantee', minimum: 30000, share: 12 } },
    { name: 'Museum', model: { kind: 'tiered', tiers: [{ upTo: 500000, share: 8 }, { upTo: null, share: 12 }] } },
    { name: 'Brand', model: { kind: 'percent', share: 10 } },
    { name: 'KOL', model: { kind: 'fixed', amount: 20000 } },
  ];

  it('splits revenue as computed by hand for each model', () => {
    // 200,000: artist's 12% (24,000) does not reach the 30,000 guarantee; museum 8% = 16,000; brand 20,000; KOL 20,000.
    expect(splitRevenue(parties, 200000)).toEqual({ takes: [30000, 16000, 20000, 20000], platform: 114000 });
    // 800,000: artist 96,000; museum 8% × 500,000 + 12% × 300,000 = 76,000; brand 80,000; KOL 20,000.
    expect(splitRevenue(parties, 800000)).toEqual({ takes: [96000, 76000, 80000, 20000], platform: 528000 });
    // Nothing sold: the guarantee and the fixed fee are still owed, the platform is out of pocket.
    expect(splitRevenue(parties, 0)).toEqual({ takes: [30000, 0, 0, 20000], platform: -50000 });
    // A last tier with an end: nothing more above it.
    expect(takeOf({ kind: 'tiered', tiers: [{ upTo: 100000, share: 10 }, { upTo: 200000, share: 20 }] }, 500000)).toBe(30000);
  });

  it('property: takes never decrease as revenue grows, and percentages alone never pay out more than the revenue', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 5_000_000 }), (x, y) => {
        const [lo, hi] = x < y ? [x, y] : [y, x];
        const a = splitRevenue(parties, lo).takes;
        const b = splitRevenue(parties, hi).takes;
        a.forEach((t, i) => expect(b[i]).toBeGreaterThanOrEqual(t - 1e-6));
        const shares = splitRevenue(parties.filter((p) => p.model.kind !== 'fixed' && p.model.kind !== 'guarantee'), hi);
        expect(shares.platform).toBeGreaterThanOrEqual(-1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses overlapping tiers and shares over 100%, located, and saves nothing', () => {
    expect(splitProblems(parties)).toEqual([]);
    const overlap: RevenueParty[] = [{ name: 'Museum', model: { kind: 'tiered', tiers: [{ upTo: 500000, share: 8 }, { upTo: 300000, share: 12 }] } }];
    expect(splitProblems(overlap)).toMatchObject([{ path: 'parties.0.model.tiers.1.upTo', message: "Museum: tier 2 ends at 300,000, not after tier 1's end (500,000): the tiers overlap.", key: 'revenue.problem.overlap' }]);
    const open: RevenueParty[] = [{ name: 'Museum', model: { kind: 'tiered', tiers: [{ upTo: null, share: 8 }, { upTo: 300000, share: 12 }] } }];
    expect(splitProblems(open)[0].message).toContain('tier 1 has no end, but tier 2 follows it');
    const greedy: RevenueParty[] = [...parties, { name: 'Agency', model: { kind: 'tiered', tiers: [{ upTo: 500000, share: 60 }, { upTo: null, share: 75 }] } }];
    // Below 500,000: 12 + 8 + 10 + 60 = 90%; above: 12 + 12 + 10 + 75 = 109%.
    expect(splitProblems(greedy)).toMatchObject([{ path: 'parties', message: "The partners' shares of revenue above 500,000 add up to 109%, more than 100%.", params: { total: '109' } }]);

    const { revenue, id } = demoWorld();
    const before = revenue.list(id);
    expect(before).toHaveLength(1);
    expect(before[0].results.map((r) => r.label)).toEqual(['P10', 'P50', 'P90']);
    const input = { name: 'Greedy', revenues: [{ label: 'P50', amount: 800000 }], parties: greedy };
    expect(() => revenue.save(id, input)).toThrow(/add up to 109%/);
    expect(() => revenue.save(id, { ...input, parties: overlap })).toThrow(/tiers overlap/);
    expect(() => revenue.save(id, { ...input, parties: [{ name: 'X', model: { kind: 'percent', share: 140 } }] })).toThrow(/between 0 and 100/);
    expect(revenue.list(id)).toEqual(before);
    const saved = revenue.save(id, { ...input, name: 'Lean', parties });
    expect(saved.at(-1)!.results[0]).toEqual({ label: 'P50', revenue: 800000, takes: [96000, 76000, 80000, 20000], platform: 528000 });
  });

  it('register and scenarios travel in a .tandem file, renumbered in the library that opens it', () => {
    const { lib, id, rights, revenue } = demoWorld();
    const file = path.join(tempDir(), 'p.tandem');
    exportProject(lib.db, id, file);
    const checked = checkProjectFile(file, tempDir());
    const { projectId } = copyIntoLibrary(lib.db, checked, 'copy');
    checked.dispose();
    const strip = <T extends { id: number }>(xs: T[]) => xs.map(({ id: _id, ...rest }) => rest);
    expect(strip(rights.register(projectId).licences)).toEqual(strip(rights.register(id).licences));
    expect(rights.register(projectId).clashes).toHaveLength(rights.register(id).clashes.length);
    expect(strip(revenue.list(projectId))).toEqual(strip(revenue.list(id)));
    expect(rights.register(projectId).licences[0].id).not.toBe(rights.register(id).licences[0].id);
  });
});
