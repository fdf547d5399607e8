import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { oddInverse, trailingZeros } from '../src/internal/bits.js';
import { createMemCache } from '../src/index.js';
import { codeOf, source } from './helpers.js';

describe('bit helpers', () => {
  it('oddInverse inverts odd numbers modulo 2^32', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 30 - 1 }), (k) => {
        const d = 2 * k + 1;
        expect(Math.imul(d, oddInverse(d))).toBe(1);
      }),
    );
  });

  it('trailingZeros counts factors of two', () => {
    expect(trailingZeros(1)).toBe(0);
    expect(trailingZeros(104)).toBe(3);
    expect(trailingZeros(2 ** 40)).toBe(40);
  });
});

describe('MemCache free: the division-free index check', () => {
  it('accepts exactly the object starts of a slab, for any stride, and gives the exact error otherwise', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.array(fc.oneof(fc.integer({ min: -70_000, max: 70_000 }), fc.integer({ min: -(2 ** 33), max: 2 ** 33 })), { maxLength: 40 }),
        (objectSize, deltas) => {
          const cache = createMemCache(source(64), objectSize, { align: 1, pagesPerSlab: 16 });
          const first = cache.alloc();
          const live = new Set<number>([first]);
          for (let i = 1; i < cache.objectsPerSlab; i++) live.add(cache.alloc());
          const end = first + cache.objectsPerSlab * cache.stride;
          for (const delta of deltas) {
            const address = first + delta;
            const expected = live.has(address)
              ? 'no error'
              : address < 0
                ? 'out-of-range'
                : address >= first && address < end
                  ? (address - first) % cache.stride === 0
                    ? 'double-free'
                    : 'misaligned'
                  : address >= end && address < first + 16 * 4096
                    ? 'out-of-range'
                    : 'foreign';
            expect(codeOf(() => { cache.free(address); })).toBe(expected);
            live.delete(address);
          }
          expect(cache.inUse).toBe(live.size);
        },
      ),
      { numRuns: 60 },
    );
  });
});
