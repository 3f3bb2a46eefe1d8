import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/main/data/values';
import { parseNumberInput } from '../../src/shared/numbers';

/**
 * Every number field of the app reads what the importer reads (one reader in shared/numbers):
 * 80万, ¥800,000, 8e5, grouped digits in either language; what is not a number is refused,
 * never dropped.
 */
describe('numbers as people type them, in a form field and in a spreadsheet cell alike', () => {
  it('reads 80万, ¥800,000, 8e5, 800 000 and full-width digits as 800,000', () => {
    for (const text of ['80万', '¥800,000', '8e5', '800000', '800,000', '800 000', '８００，０００', 'CNY 800,000', '800,000元']) {
      expect(parseNumberInput(text), text).toEqual({ value: 800_000 });
    }
    expect(parseNumberInput('')).toEqual({ value: null });
    for (const text of ['5万元x', 'abc', '1,2,3', '八十万', '1e400']) expect(parseNumberInput(text), text).toEqual({ invalid: true });
  });

  it('a number written in either language’s grouping reads back to itself (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom('en', 'zh-CN'), (n, lang) => {
        expect(parseNumberInput(new Intl.NumberFormat(lang).format(n))).toEqual({ value: n });
      }),
    );
  });

  it('the field and the importer agree on any text (property)', () => {
    const piece = fc.constantFrom('1', '2', '0', '9', ',', '.', ' ', '万', '亿', '%', '¥', '$', 'e', '-', '+', '(', ')', 'a', '，', '５');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const cell = parseNumber(text.replace(/，/g, ','));
        const field = parseNumberInput(text);
        if (cell.ok) expect(field).toEqual({ value: cell.value });
        else expect(field).toEqual({ invalid: true });
      }),
    );
  });

  it('a long run of digits ending in a letter is refused at once (no quadratic backtracking)', () => {
    // The quadratic reader took 6.5 s on 40,000 digits; on 200,000 it would run minutes, past the test's limit.
    for (const n of [10_000, 40_000, 200_000]) expect(parseNumber(`${'1'.repeat(n)}x`).ok).toBe(false);
  });
});
