import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ArrayPageSource } from '../src/index.js';
import { codeOf } from './helpers.js';

describe('ArrayPageSource', () => {
  it('hands out page-aligned runs first fit and takes them back', () => {
    const src = new ArrayPageSource({ pages: 8, base: 0x8000 });
    const a = src.allocPages(2);
    const b = src.allocPages(1);
    expect([a, b]).toEqual([0x8000, 0xa000]);
    src.freePages(a);
    expect(src.allocPages(1)).toBe(0x8000);
    expect(src.pagesInUse).toBe(2);
    expect(src.runCount).toBe(2);
    expect(src.isAllocated(0x8fff)).toBe(true);
    expect(src.isAllocated(0x9000)).toBe(false);
  });

  it('honours alignment relative to absolute addresses', () => {
    const src = new ArrayPageSource({ pages: 32, base: 0x1000 });
    const a = src.allocPages(4, 4);
    expect(a % 0x4000).toBe(0);
    expect(a).toBe(0x4000);
  });

  it('returns -1 when no run fits', () => {
    const src = new ArrayPageSource({ pages: 4 });
    expect(src.allocPages(5)).toBe(-1);
    src.allocPages(1);
    src.allocPages(1);
    expect(src.allocPages(4, 4)).toBe(-1);
  });

  it('rejects frees of runs it never handed out, and bad arguments', () => {
    const src = new ArrayPageSource({ pages: 4 });
    const a = src.allocPages(2);
    expect(codeOf(() => { src.freePages(a + 4096); })).toBe('foreign');
    src.freePages(a);
    expect(codeOf(() => { src.freePages(a); })).toBe('foreign');
    expect(codeOf(() => src.allocPages(0))).toBe('invalid-argument');
    expect(codeOf(() => src.allocPages(1, 3))).toBe('invalid-argument');
    expect(codeOf(() => new ArrayPageSource({ pages: 0 }))).toBe('invalid-argument');
    expect(codeOf(() => new ArrayPageSource({ pages: 1, pageSize: 1000 }))).toBe('invalid-argument');
    expect(codeOf(() => new ArrayPageSource({ pages: 1, base: 100 }))).toBe('invalid-argument');
  });

  it('never hands out overlapping runs, and frees back to empty', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 3 }), fc.nat()), { maxLength: 100 }),
        (ops) => {
          const src = new ArrayPageSource({ pages: 64, base: 0x10000 });
          const live: [number, number][] = [];
          for (const [alloc, count, alignLog, pick] of ops) {
            if (alloc) {
              const a = src.allocPages(count, 2 ** alignLog);
              if (a < 0) continue;
              expect(a % (4096 * 2 ** alignLog)).toBe(0);
              for (const [b, n] of live) expect(a + count * 4096 <= b || b + n * 4096 <= a).toBe(true);
              live.push([a, count]);
            } else if (live.length > 0) {
              const [a] = live.splice(pick % live.length, 1)[0]!;
              src.freePages(a);
            }
          }
          for (const [a] of live) src.freePages(a);
          expect(src.pagesInUse).toBe(0);
          expect(src.allocPages(64)).toBe(0x10000);
        },
      ),
    );
  });
});
