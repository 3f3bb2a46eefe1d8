import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Options, parseArgs, UsageError } from '../../src/main/cli/args';
import { isSafeExternalUrl, tandemFileFromArgv } from '../../src/main/core/externalUrl';
import { allocate } from '../../src/main/demo/interactions';
import { Random } from '../../src/main/core/random';
import { monthlyPacing } from '../../src/shared/pacing';

const isoDay = fc.integer({ min: Date.UTC(2020, 0, 1) / 86_400_000, max: Date.UTC(2035, 0, 1) / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

describe('budget pacing', () => {
  it('spreads the whole budget over consecutive months, by days (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), isoDay, fc.integer({ min: 0, max: 900 }), (budget, start, span) => {
        const end = new Date(Date.parse(start) + span * 86_400_000).toISOString().slice(0, 10);
        const months = monthlyPacing(budget, start, end);
        expect(months.reduce((s, m) => s + m.days, 0)).toBe(span + 1);
        expect(Math.abs(months.reduce((s, m) => s + m.amount, 0) - budget)).toBeLessThanOrEqual(1e-6 * Math.max(1, budget));
        expect(months[0].month).toBe(start.slice(0, 7));
        expect(months.at(-1)!.month).toBe(end.slice(0, 7));
        expect(new Set(months.map((m) => m.month)).size).toBe(months.length);
      }),
    );
  });

  it('gives nothing for an end before the start', () => {
    expect(monthlyPacing(100, '2027-02-01', '2027-01-01')).toEqual([]);
    expect(monthlyPacing(3100, '2027-01-01', '2027-01-31')).toEqual([{ month: '2027-01', days: 31, amount: 3100 }]);
  });
});

describe('the seeded random source', () => {
  it('stays in [0, 1) and repeats for a seed (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const a = new Random(seed);
        const b = new Random(seed);
        for (let i = 0; i < 50; i++) {
          const x = a.next();
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
          expect(b.next()).toBe(x);
        }
      }),
    );
  });

  it('draws distributions with the right moments', () => {
    const r = new Random(1);
    const n = 40000;
    const mean = (f: () => number) => Array.from({ length: n }, f).reduce((s, x) => s + x, 0) / n;
    expect(mean(() => r.normal(3, 2))).toBeCloseTo(3, 1);
    expect(mean(() => r.gamma(2.5, 2))).toBeCloseTo(5, 0);
    expect(mean(() => r.poisson(4))).toBeCloseTo(4, 1);
    expect(mean(() => r.beta(2, 6))).toBeCloseTo(0.25, 1);
  });

  it('allocates whole counts that add up exactly (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), fc.array(fc.double({ min: 0.001, max: 1000, noNaN: true }), { minLength: 1, maxLength: 200 }), (total, weights) => {
        const counts = allocate(total, weights);
        expect(counts.reduce((s, c) => s + c, 0)).toBe(total);
        expect(counts.every((c) => Number.isInteger(c) && c >= 0)).toBe(true);
      }),
    );
  });
});

describe('the CLI argument parser', () => {
  it('reads flags, values and positionals in any order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9一-龥][^\s]*$/), { maxLength: 5 }), fc.stringMatching(/^[^-\s][^\s]*$/), (positionals, name) => {
        const parsed = parseArgs([...positionals, '--name', name, '--json'], new Set(['json']));
        expect(parsed.positionals).toEqual(positionals);
        expect(parsed.options.get('name')).toEqual([name]);
        expect(parsed.options.get('json')).toEqual(['true']);
      }),
    );
  });

  it('refuses unknown options, missing values and non-numbers with the option named', () => {
    expect(() => parseArgs(['--name'], new Set())).toThrow('--name needs a value');
    expect(() => new Options(parseArgs(['--colour', 'red'], new Set()).options, new Set(['name']))).toThrow('unknown option --colour');
    const o = new Options(parseArgs(['--budget', '1,200.5', '--seed', '2.5', '--tags', 'a、b;c'], new Set()).options, new Set(['budget', 'seed', 'tags']));
    expect(o.number('budget')).toBe(1200.5);
    expect(() => o.integer('seed')).toThrow(UsageError);
    expect(o.list('tags')).toEqual(['a', 'b', 'c']);
  });
});

describe('external links and launch arguments', () => {
  it('lets only http(s) links out', () => {
    expect(isSafeExternalUrl('https://example.org/docs')).toBe(true);
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@example.org', 'not a url', 'tandem://x']) {
      expect(isSafeExternalUrl(bad)).toBe(false);
    }
  });

  it('finds a .tandem file among launch arguments', () => {
    expect(tandemFileFromArgv(['/app/Tandem', '--flag', '/home/me/pitch.tandem'])).toBe('/home/me/pitch.tandem');
    expect(tandemFileFromArgv(['/app/Tandem', '--inspect'])).toBeNull();
  });
});
