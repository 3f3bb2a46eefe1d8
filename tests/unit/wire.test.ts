import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeValues, encodeValues } from '../../src/main/data/valueWire';

describe('values between the import threads', () => {
  it('decode(encode(batch)) gives back every value, whatever the column holds (property)', () => {
    const value = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', '用', '\u001f', '"', ',', ' ', '\n'), maxLength: 6 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
      fc.integer(),
      fc.constant(null),
      fc.uint8Array({ maxLength: 24 }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 30 }), fc.context(), (width, rows, ctx) => {
        const values = fc.sample(fc.array(value, { minLength: width * rows, maxLength: width * rows }), 1)[0];
        ctx.log(JSON.stringify(values.map((v) => (v instanceof Uint8Array ? [...v] : v))));
        const batch = encodeValues(values, width, new Array(width).fill(false));
        const back = decodeValues(structuredClone(batch));
        expect(back.map((v) => (v instanceof Uint8Array ? [...v] : v))).toEqual(values.map((v) => (v instanceof Uint8Array ? [...v] : v)));
      }),
      { numRuns: 300 },
    );
  });

  it('writes a column of one kind natively: strings, numbers and blobs each as one run; one number or one blob length once', () => {
    const blob = new Uint8Array(new Float64Array([1.5, NaN]).buffer);
    const short = new Uint8Array(new Float64Array([2]).buffer);
    const batch = encodeValues([1, 'u1', blob, '["一线"]', 7, 1, 'u2', blob, '[null]', 8], 5, [false, false, false, true, false]);
    expect(batch.columns.map((c) => c.mode)).toEqual(['same', 'strings', 'sized', 'strings', 'numbers']);
    expect(decodeValues(batch).slice(5, 10)).toEqual([1, 'u2', Buffer.from(blob), '[null]', 8]);
    const mixed = encodeValues([blob, short], 1, [false]);
    expect(mixed.columns.map((c) => c.mode)).toEqual(['blobs']);
    expect(decodeValues(mixed)).toEqual([Buffer.from(blob), Buffer.from(short)]);
  });

  it('columns that repeat one value or one blob length come back whole (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 16 }), (rows, v, length) => {
        const values = Array.from({ length: rows }, (_, r) => [v, Uint8Array.from({ length }, (_, i) => (r * 31 + i) & 255)]).flat();
        const back = decodeValues(structuredClone(encodeValues(values, 2, [false, false])));
        back.forEach((x, i) => (i % 2 === 0 ? expect(Object.is(x, v) || (x === 0 && v === 0)).toBe(true) : expect([...(x as Uint8Array)]).toEqual([...(values[i] as Uint8Array)])));
      }),
      { numRuns: 200 },
    );
  });
});
