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

  it('writes a column of one kind natively: strings, numbers and blobs each as one run', () => {
    const blob = new Uint8Array(new Float64Array([1.5, NaN]).buffer);
    const batch = encodeValues([1, 'u1', blob, '["一线"]', 1, 'u2', blob, '[null]'], 4, [false, false, false, true]);
    expect(batch.columns.map((c) => c.mode)).toEqual(['numbers', 'strings', 'blobs', 'strings']);
    expect(decodeValues(batch).slice(4, 8)).toEqual([1, 'u2', Buffer.from(blob), '[null]']);
  });
});
