import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSketches } from '../../src/shared/overlap/compareSketches';
import { dealKeyId, parseDealKey } from '../../src/shared/overlap/dealKey';
import { IdentifierSketcher } from '../../src/shared/overlap/identifierSketcher';
import { detectIdentifierKind, normaliseEmail, normaliseMobile } from '../../src/shared/overlap/identifiers';
import { estimateOverlap } from '../../src/shared/overlap/overlapEstimate';
import { KeyedHash, sha256, toHex } from '../../src/shared/overlap/sha256';
import { readSketchFile, type SketchFile, SketchFileError, writeSketchFile } from '../../src/shared/overlap/sketchFile';
import { HASH_SPACE, sketchOf } from '../../src/shared/overlap/thetaSketch';
import { simulatePair } from './overlapSimulation';

const bytes = (max: number) => fc.uint8Array({ minLength: 0, maxLength: max });

describe('keyed hashing', () => {
  it('computes SHA-256 and HMAC-SHA-256 exactly as node:crypto does, for any key and message length', () => {
    fc.assert(
      fc.property(bytes(150), bytes(300), (key, msg) => {
        expect(toHex(sha256(msg))).toBe(createHash('sha256').update(msg).digest('hex'));
        const mac = createHmac('sha256', key).update(msg).digest();
        const kh = new KeyedHash(key);
        expect(toHex(kh.mac(msg))).toBe(mac.toString('hex'));
        // The sketch value is the MAC's first 53 bits.
        expect(kh.hash53(msg)).toBe(Number(mac.readBigUInt64BE(0) >> 11n));
      }),
      { numRuns: 300 },
    );
  });
});

describe('identifiers', () => {
  it('writes one mobile number the same way however it was typed, and refuses what is not one', () => {
    for (const v of ['13800138000', '138 0013 8000', '138-0013-8000', '+86 138 0013 8000', '008613800138000', '8613800138000', '13800138000.0', ' 13800138000 ']) {
      expect(normaliseMobile(v), v).toBe('+8613800138000');
    }
    expect(normaliseMobile('+1 (415) 555-0100')).toBe('+14155550100');
    for (const v of ['12800138000', '1380013800', '1.38001E+10', '+86 010 12345678', 'abc', '+0123456789', '']) expect(normaliseMobile(v), v).toBeNull();
    expect(normaliseEmail(' Li.Ming@Example.COM ')).toBe('li.ming@example.com');
    expect(normaliseEmail('li.ming@')).toBeNull();
  });

  it('detects the kind from the values, reading a phone column with junk as a phone column', () => {
    expect(detectIdentifierKind(['a@b.cn', 'c@d.com', 'x'])).toBe('email');
    expect(detectIdentifierKind(['13800138000', 'n/a', 'junk', '13900139000', '-'])).toBe('mobile');
    expect(detectIdentifierKind(['oXyZ_123', 'oAbC-456', ''])).toBe('id');
  });
});

describe('the KMV sketch', () => {
  it('keeps the k smallest distinct values whatever their order and repeats', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { maxLength: 400 }), fc.integer({ min: 16, max: 64 }), (values, k) => {
        const doubled = [...values, ...values.slice().reverse()];
        const s = sketchOf(doubled, k);
        const distinct = [...new Set(values)].sort((a, b) => a - b);
        if (distinct.length <= k) {
          expect(s.theta).toBe(1);
          expect([...s.values]).toEqual(distinct);
        } else {
          expect([...s.values]).toEqual(distinct.slice(0, k));
          expect(s.theta * HASH_SPACE).toBe(distinct[k]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is exact, and says so, when both audiences fit in the sketch', () => {
    const a = sketchOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => v * 1e6), 16);
    const b = sketchOf([5, 6, 7, 8, 9, 10, 11, 12].map((v) => v * 1e6), 16);
    const e = estimateOverlap(a, b, 1000);
    expect(e.overlap).toMatchObject({ estimate: 6, p05: 6, p95: 6 });
    expect(e.shareOfA.estimate).toBe(0.6);
    expect(e.a.exact && e.b.exact).toBe(true);
    expect(e.incrementalReach.estimate).toBe(2);
    expect(e.affinity?.estimate).toBeCloseTo((6 * 1000) / (10 * 8), 10);
  });

  // The partner's sketch keeps 16,384 values; the app's own side 65,536 (it never leaves the machine).
  for (const [kA, reps] of [[16_384, 25], [65_536, 15]] as const) {
    it(`keeps the truth inside its stated 90% interval at least 90% of the time, audiences of 10k to 10M and overlaps of 1% to 60% (k ${kA} and 16,384)`, () => {
      const sizes = [10_000, 100_000, 1_000_000, 10_000_000];
      const shares = [0.01, 0.05, 0.2, 0.6];
      const hits = { overlap: [0, 0], shareOfA: [0, 0], shareOfB: [0, 0], affinity: [0, 0] };
      let trials = 0;
      let widestShare = 0;
      let seed = 1;
      for (const nA of sizes) {
        for (const nB of sizes) {
          for (const share of shares) {
            const truth = Math.round(share * Math.min(nA, nB));
            for (let r = 0; r < reps; r++) {
              const p = simulatePair(nA, nB, truth, kA, seed++, 16_384);
              const e = estimateOverlap(p.a, p.b, 1e9);
              trials++;
              const check = (key: keyof typeof hits, t: number, i: { p05: number; p10: number; p90: number; p95: number }) => {
                if (t >= i.p05 && t <= i.p95) hits[key][0]++;
                if (t >= i.p10 && t <= i.p90) hits[key][1]++;
              };
              check('overlap', truth, e.overlap);
              check('shareOfA', truth / nA, e.shareOfA);
              check('shareOfB', truth / nB, e.shareOfB);
              check('affinity', (truth * 1e9) / (nA * nB), e.affinity!);
              if (Math.max(nA, nB) / Math.min(nA, nB) <= 5) widestShare = Math.max(widestShare, (e.shareOfA.p95 - e.shareOfA.p05) / 2, (e.shareOfB.p95 - e.shareOfB.p05) / 2);
            }
          }
        }
      }
      for (const [key, [in90, in80]] of Object.entries(hits)) {
        expect(in90 / trials, `${key} within P05–P95`).toBeGreaterThanOrEqual(0.9);
        // And the P10–P90 band is not padded far past its 80%.
        expect(in80 / trials, `${key} within P10–P90`).toBeGreaterThanOrEqual(0.78);
        expect(in80 / trials, `${key} within P10–P90`).toBeLessThanOrEqual(0.9);
      }
      // The sizing claim: about ±1.5 points on a share while the audiences are within a factor of 5.
      expect(widestShare).toBeLessThanOrEqual(0.015);
    });
  }

  it('estimates a real overlap of hashed phone numbers typed differently on the two sides', () => {
    const key = parseDealKey('ab'.repeat(32));
    const ours = new IdentifierSketcher(key, null);
    const theirs = new IdentifierSketcher(key, null);
    const phone = (i: number) => String(13_000_000_000 + i * 7919);
    // 60,000 of ours, 90,000 of theirs, 24,000 in both; theirs write +86 and spaces.
    for (let i = 0; i < 60_000; i++) ours.offer(phone(i), i + 2);
    for (let i = 36_000; i < 126_000; i++) theirs.offer(`+86 ${phone(i).slice(0, 3)} ${phone(i).slice(3)}`, i + 2);
    theirs.offer('not a phone', 90_002);
    expect(ours.kind).toBe('mobile');
    expect(theirs.counts).toMatchObject({ valid: 90_000, invalid: 1 });
    const file = (s: IdentifierSketcher, label: string): SketchFile => ({
      label, identifier: s.kind, keyId: dealKeyId(key), createdAt: '2026-12-02T00:00:00.000Z', createdBy: 'test', input: null, parts: [{ name: 'all', sketch: s.finish() }],
    });
    const r = compareSketches(file(ours, 'ours'), file(theirs, 'theirs'), 1e9);
    expect(r.overlap.p10).toBeLessThanOrEqual(24_000 * 1.02);
    expect(r.overlap.p90).toBeGreaterThanOrEqual(24_000 * 0.98);
    expect(Math.abs(r.shareOfA - 0.4)).toBeLessThan(0.03);
    expect(Math.abs(r.shareOfB - 24_000 / 90_000)).toBeLessThan(0.03);
    expect(r.affinity).toBeGreaterThan(1000);
  });
});

describe('the sketch file', () => {
  const key = parseDealKey('cd'.repeat(32));
  const sample = (): SketchFile => {
    const s = new IdentifierSketcher(key, 'email', 64);
    for (let i = 0; i < 500; i++) s.offer(`user${i}@example.com`, i + 2);
    const seg = new IdentifierSketcher(key, 'email', 64);
    for (let i = 0; i < 40; i++) seg.offer(`user${i}@example.com`, i + 2);
    return { label: '书友会 members', identifier: 'email', keyId: dealKeyId(key), createdAt: '2026-12-02T08:00:00.000Z', createdBy: 'test', input: { rows: 500, empty: 0, valid: 500, invalid: 0 }, parts: [{ name: 'all', sketch: s.finish() }, { name: 'segment 1', sketch: seg.finish() }] };
  };

  it('reads back what it wrote, and says what it holds', () => {
    const f = sample();
    const text = writeSketchFile(f);
    const back = readSketchFile(text);
    expect(back).toEqual(f);
    expect(text).toContain('no identifier');
    expect(text).not.toContain('user1@');
  });

  const refusedAs = (text: string): SketchFileError => {
    try {
      readSketchFile(text);
    } catch (e) {
      if (e instanceof SketchFileError) return e;
      throw e;
    }
    throw new Error('it was read');
  };

  it('refuses a truncated, foreign, newer, tampered or inconsistent file, saying which', () => {
    const text = writeSketchFile(sample());
    expect(refusedAs(text.slice(0, text.length / 2)).code).toBe('truncated');
    expect(refusedAs('user_id\n1\n').code).toBe('not_sketch');
    expect(refusedAs('{"format": "something else"}').code).toBe('not_sketch');
    const newer = refusedAs(text.replace('"version": 1', '"version": 2'));
    expect(newer.code).toBe('version');
    expect(newer.message).toContain('newer Tandem');
    // One kept value changed: the checksum no longer matches.
    const at = text.indexOf('"values": "') + 20;
    const flipped = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    expect(refusedAs(flipped).code).toBe('checksum');
    expect(refusedAs(text.replace('"label": "书友会 members"', '"label": "other"')).code).toBe('checksum');
  });

  it('refuses a crafted file whose checksum was recomputed but whose content breaks the format, located', () => {
    // Re-seal a body the way a careful forger would, with the file's own (public) checksum rule.
    const reseal = (mutate: (body: Record<string, unknown>) => void): string => {
      const parsed = JSON.parse(writeSketchFile(sample()));
      delete parsed.checksum;
      mutate(parsed);
      const canonical = (v: unknown): string =>
        Array.isArray(v) ? `[${v.map(canonical).join(',')}]` : v && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}` : JSON.stringify(v);
      return JSON.stringify({ ...parsed, checksum: `sha256:${createHash('sha256').update(canonical(parsed)).digest('hex')}` });
    };
    const e1 = refusedAs(reseal((b) => ((b.parts as { count: number }[])[0].count = 3)));
    expect(e1.code).toBe('invalid');
    expect(e1.message).toMatch(/^parts\[0\]\.values: holds 64 values where count says 3/);
    const e2 = refusedAs(reseal((b) => ((b.parts as { k: number }[])[1].k = 1e9)));
    expect(e2.message).toMatch(/^parts\[1\]\.k:/);
    const e3 = refusedAs(reseal((b) => (b.identifier = 'passport')));
    expect(e3.message).toMatch(/^identifier:/);
    const e4 = refusedAs(reseal((b) => ((b.parts as { limit: number }[])[0].limit = 5)));
    expect(e4.message).toMatch(/^parts\[0\]\.values: value 1 is not below the part's limit/);
  });

  it('refuses to compare sketches made under different keys, with the reason', () => {
    const other = { ...sample(), keyId: dealKeyId(parseDealKey('ef'.repeat(32))) };
    expect(() => compareSketches(sample(), other)).toThrow(/different deal keys/);
    expect(() => compareSketches(sample(), { ...sample(), identifier: 'mobile' })).toThrow(/different identifiers/);
  });
});
