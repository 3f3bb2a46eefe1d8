import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdSet } from '../../src/main/db/idSet';

describe('the id set of an audience import', () => {
  it('answers as a Set of the ids would, growing from a tiny table, confirming each match by the id', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('u1', 'u2', '用户', '')), { maxLength: 400 }), (ids) => {
        const rows: string[] = [];
        const set = new IdSet((row) => rows[row], 1);
        const reference = new Set<string>();
        for (const id of ids) {
          const fresh = set.add(id, rows.length);
          expect(fresh).toBe(!reference.has(id));
          if (fresh) {
            rows.push(id);
            reference.add(id);
          }
        }
        expect(set.size).toBe(reference.size);
      }),
      { numRuns: 300 },
    );
  });

  it('never refuses a new id whose hash matches another (the id itself decides)', () => {
    // An idAt that lies about every stored row makes every hash match a mismatch: all ids are new.
    const set = new IdSet(() => 'not this one', 4);
    for (let i = 0; i < 1000; i++) expect(set.add(`u${i % 10}`, i)).toBe(true);
    expect(set.size).toBe(1000);
  });
});
