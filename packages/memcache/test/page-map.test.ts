import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_PAGE_NUMBER, PageMap } from '../src/internal/page-map.js';

describe('PageMap', () => {
  it('answers -1 for absent keys and non-page numbers', () => {
    const m = new PageMap();
    m.set(0, 3);
    m.set(MAX_PAGE_NUMBER, 4);
    expect(m.get(0)).toBe(3);
    expect(m.get(MAX_PAGE_NUMBER)).toBe(4);
    expect(m.get(1)).toBe(-1);
    expect(m.get(-1)).toBe(-1);
    expect(m.get(Number.NaN)).toBe(-1);
    expect(m.get(2 ** 40)).toBe(-1);
    expect(m.delete(-5)).toBe(false);
  });

  it('agrees with a Map model under random inserts and deletes (with colliding keys)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.oneof(fc.nat({ max: 64 }), fc.nat({ max: MAX_PAGE_NUMBER })), fc.nat({ max: 1000 })), {
          maxLength: 400,
        }),
        (ops) => {
          const m = new PageMap();
          const model = new Map<number, number>();
          for (const [insert, key, value] of ops) {
            if (insert) {
              m.set(key, value);
              model.set(key, value);
            } else {
              expect(m.delete(key)).toBe(model.delete(key));
            }
            expect(m.size).toBe(model.size);
          }
          for (const [k, v] of model) expect(m.get(k)).toBe(v);
        },
      ),
    );
  });
});
