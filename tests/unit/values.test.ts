import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainNumber } from '../../src/main/data/audienceRows';
import { parseDate, parseList, parseNumber, timeReadingOf } from '../../src/main/data/values';
import { serialToIso } from '../../src/shared/tables/xlsxReader';

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

describe('time as logs write it (issue "Targeting that wins on real data", item 1)', () => {
  const FROM = 631_152_000; // 1990-01-01, UTC
  const TO = 4_102_444_800; // 2100-01-01
  const utc = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

  it('reads Unix seconds (9 or 10 digits) and milliseconds as UTC date-times, alone or as a column', () => {
    fc.assert(
      fc.property(fc.integer({ min: FROM, max: TO - 1 }), (s) => {
        expect(value(parseDate(String(s), 'mdy', true))).toBe(utc(s * 1000));
        expect(value(parseDate(String(s), 'mdy', true, 'unixSeconds'))).toBe(utc(s * 1000));
        expect(value(parseDate(String(s * 1000 + 123), 'mdy', true))).toBe(utc(s * 1000 + 123));
        expect(value(parseDate(String(s * 1000 + 123), 'mdy', true, 'unixMillis'))).toBe(utc(s * 1000 + 123));
      }),
    );
    // The ratings log that was refused row by row: 1997, nine digits.
    expect(value(parseDate('874965758', 'mdy', true))).toBe('1997-09-22 22:02:38');
    // A date field takes the day.
    expect(value(parseDate('874965758', 'mdy', false, 'unixSeconds'))).toBe('1997-09-22');
  });

  it('reads ISO 8601 with a zone as the instant in UTC, and a plain date-time as written', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -12, max: 14 }), fc.constantFrom(0, 30, 45), (d, hours, minutes) => {
        const iso = d.toISOString().slice(0, 19);
        const sign = hours < 0 ? '-' : '+';
        const zone = `${sign}${String(Math.abs(hours)).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
        const offsetMs = (hours < 0 ? -1 : 1) * (Math.abs(hours) * 60 + minutes) * 60_000;
        expect(value(parseDate(`${iso}${zone}`, 'mdy', true))).toBe(utc(Date.parse(`${iso}Z`) - offsetMs));
        expect(value(parseDate(`${iso}Z`, 'mdy', true))).toBe(utc(Date.parse(`${iso}Z`)));
        expect(value(parseDate(iso.replace('T', ' '), 'mdy', true))).toBe(iso.replace('T', ' '));
      }),
    );
    expect(value(parseDate('2024-05-01 12:30:00', 'mdy', true))).toBe('2024-05-01 12:30:00');
    expect(value(parseDate('2024-05-01T12:30:00+08:00', 'mdy', true))).toBe('2024-05-01 04:30:00');
  });

  it('reads a column one way: the reading that fits every value, YYYYMMDD before Unix time before Excel serials', () => {
    expect(timeReadingOf(['20240501', '20240502', ''])).toBe('yyyymmdd');
    expect(timeReadingOf(['874965758', '1714550400'])).toBe('unixSeconds');
    expect(timeReadingOf(['1714550400123', '874965758000'])).toBe('unixMillis');
    expect(timeReadingOf(['45413', '45414.5'])).toBe('excelSerial');
    // Two readings in one column, or not all bare numbers: none; each value then reads alone.
    expect(timeReadingOf(['20240501', '1714550400'])).toBeNull();
    expect(timeReadingOf(['2024-05-01', '20240501'])).toBeNull();
    expect(timeReadingOf(['12', '7'])).toBeNull();
    // Under a column's reading, a value that does not fit it is refused, saying why.
    expect(value(parseDate('20240501', 'mdy', true, 'unixSeconds'))).toBe('error:date');
    expect(parseDate('20240501', 'mdy', true, 'unixSeconds')).toMatchObject({ reason: '"20240501" is not Unix time in seconds, as the rest of its column is' });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: FROM, max: TO - 1 }), { minLength: 1, maxLength: 30 }), (xs) => {
        expect(timeReadingOf(xs.map(String))).toBe('unixSeconds');
      }),
    );
  });
});
