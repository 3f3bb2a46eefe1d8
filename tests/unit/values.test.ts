import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainNumber } from '../../src/main/data/audienceRows';
import { parseDate, parseList, parseNumber } from '../../src/main/data/values';
import { serialToIso } from '../../src/main/data/xlsx/reader';

const value = (p: ReturnType<typeof parseNumber> | ReturnType<typeof parseDate>) => (p.ok ? p.value : `error:${p.code}`);

describe('reading typed values', () => {
  it('reads numbers the way spreadsheets show them', () => {
    const cases: [string, number | null | string][] = [
      ['1,234.5', 1234.5],
      ['¥1,200', 1200],
      ['$ 12', 12],
      ['12.5%', 0.125],
      ['(1,234)', -1234],
      ['1.2万', 12000],
      ['3亿', 300000000],
      ['-7', -7],
      ['１２３', 123],
      ['1e3', 1000],
      ['', null],
      ['12,34', 'error:number'],
      ['abc', 'error:number'],
      ['1.2.3', 'error:number'],
    ];
    for (const [text, expected] of cases) expect(value(parseNumber(text)), text).toBe(expected);
  });

  it('reads any number written with thousands separators and a currency sign back (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom('', '¥', '$', '€'), (whole, cents, sign) => {
        const n = whole + Math.sign(whole || 1) * cents / 100;
        const text = `${n < 0 ? '-' : ''}${sign}${Math.abs(whole).toLocaleString('en')}.${String(cents).padStart(2, '0')}`;
        const p = parseNumber(text);
        expect(p.ok && p.value).toBeCloseTo(n, 6);
      }),
    );
  });

  it('the audience fast path reads plain decimals exactly as Number() does, and leaves the rest to parseNumber (property)', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.stringMatching(/^[0-9]{1,12}$/), fc.option(fc.stringMatching(/^[0-9]{1,8}$/)), (neg, whole, frac) => {
        const text = `${neg ? '-' : ''}${whole}${frac === null ? '' : `.${frac}`}`;
        const fast = plainNumber(text);
        // Long strings are left to parseNumber; everything read here is read exactly.
        if (text.length <= 17) expect(fast).not.toBeNaN();
        if (!Number.isNaN(fast)) expect(fast === Number(text)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    for (const text of ['', '-', '1,200', '¥5', '1e5', '0x10', ' 1', '5.', '1.2.3']) expect(plainNumber(text), text).toBeNaN();
  });

  it('reads dates in the forms people type, in the stated day order', () => {
    const cases: [string, 'mdy' | 'dmy', string][] = [
      ['2024-05-01', 'mdy', '2024-05-01'],
      ['2024/5/1', 'mdy', '2024-05-01'],
      ['2024年5月1日', 'mdy', '2024-05-01'],
      ['05/01/2024', 'mdy', '2024-05-01'],
      ['05/01/2024', 'dmy', '2024-01-05'],
      ['45413', 'mdy', '2024-05-01'],
      ['20240501', 'mdy', '2024-05-01'],
      ['1 May 2024', 'mdy', '2024-05-01'],
      ['May 1, 2024', 'mdy', '2024-05-01'],
      ['2024-05-01T09:30:00Z', 'mdy', '2024-05-01'],
      ['2024-02-30', 'mdy', 'error:date'],
      ['13/13/2024', 'mdy', 'error:date'],
      ['2024', 'mdy', 'error:date'],
      ['soon', 'mdy', 'error:date'],
    ];
    for (const [text, order, expected] of cases) expect(value(parseDate(text, order)), text).toBe(expected);
    expect(value(parseDate('2024-05-01 09:30', 'mdy', true))).toBe('2024-05-01 09:30:00');
  });

  it('agrees with Excel on serial numbers, across the 1900 leap-year bug (property)', () => {
    expect(serialToIso(1)).toBe('1900-01-01');
    expect(serialToIso(59)).toBe('1900-02-28');
    expect(serialToIso(61)).toBe('1900-03-01');
    fc.assert(
      fc.property(fc.date({ min: new Date('1910-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
        const serial = day.getTime() / 86400000 + 25569;
        const iso = day.toISOString().slice(0, 10);
        expect(serialToIso(serial)).toBe(iso);
        expect(value(parseDate(String(serial)))).toBe(iso);
      }),
    );
  });

  it('splits lists on the separators of both languages, each entry once', () => {
    expect(parseList('art, 博物馆、history;art|music，音乐')).toEqual(['art', '博物馆', 'history', 'music', '音乐']);
    expect(parseList('  ')).toEqual([]);
  });
});
