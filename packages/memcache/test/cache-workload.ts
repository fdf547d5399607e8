import { expect } from 'vitest';
import fc from 'fast-check';
import { createMemCache, type ArrayPageSource } from '../src/index.js';
import { codeOf, insideOneRun, source } from './helpers.js';

/** One step of a random workload: allocate, free a live object, or try a bad free. */
export type CacheOp =
  | { readonly kind: 'alloc' }
  | { readonly kind: 'free'; readonly pick: number }
  | { readonly kind: 'double-free'; readonly pick: number }
  | { readonly kind: 'interior'; readonly pick: number; readonly delta: number };

/** Arbitrary workloads of up to `maxLength` steps, weighted towards alloc and free. */
export function cacheOps(maxLength: number): fc.Arbitrary<CacheOp[]> {
  return fc.array(
    fc.oneof(
      { weight: 5, arbitrary: fc.constant<CacheOp>({ kind: 'alloc' }) },
      { weight: 4, arbitrary: fc.nat().map<CacheOp>((pick) => ({ kind: 'free', pick })) },
      { weight: 1, arbitrary: fc.nat().map<CacheOp>((pick) => ({ kind: 'double-free', pick })) },
      { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.nat()).map<CacheOp>(([pick, delta]) => ({ kind: 'interior', pick, delta })) },
    ),
    { maxLength },
  );
}

/** A cache's shape in a random workload. */
export interface CacheShape {
  readonly objectSize: number;
  readonly alignLog: number;
  readonly pagesPerSlab: number | undefined;
  readonly keepEmptySlabs: number;
}

/** Cache shapes: object size, alignment, slab size, kept empty slabs. */
export const cacheShape: fc.Arbitrary<CacheShape> = fc.record({
  objectSize: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 20_000 }), fc.constantFrom(1024, 16384)),
  alignLog: fc.integer({ min: 0, max: 14 }),
  pagesPerSlab: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  keepEmptySlabs: fc.integer({ min: 0, max: 2 }),
});

/**
 * Runs `ops` on a fresh cache of `shape` against a model (the set of live addresses) and
 * checks the invariants after every step; finally frees everything and checks that every
 * page went back to the source.
 */
export function checkCacheWorkload(shape: CacheShape, ops: readonly CacheOp[]): void {
  const src: ArrayPageSource = source(1 << 15);
  const align = 2 ** shape.alignLog;
  const minPages = Math.ceil(Math.ceil(shape.objectSize / align) * align / src.pageSize);
  const pagesPerSlab = shape.pagesPerSlab === undefined ? undefined : Math.max(minPages, shape.pagesPerSlab);
  const cache = createMemCache(src, shape.objectSize, {
    align,
    keepEmptySlabs: shape.keepEmptySlabs,
    ...(pagesPerSlab === undefined ? {} : { pagesPerSlab }),
  });
  const live: number[] = [];
  const liveSet = new Set<number>();
  const freed: number[] = [];
  for (const op of ops) {
    if (op.kind === 'alloc') {
      const a = cache.alloc();
      expect(a).toBeGreaterThanOrEqual(0);
      expect(a % align).toBe(0);
      expect(liveSet.has(a)).toBe(false);
      expect(insideOneRun(src, a, shape.objectSize)).toBe(true);
      for (const b of live) expect(a + shape.objectSize <= b || b + shape.objectSize <= a).toBe(true);
      live.push(a);
      liveSet.add(a);
    } else if (op.kind === 'free') {
      if (live.length === 0) continue;
      const i = op.pick % live.length;
      const a = live[i]!;
      live[i] = live[live.length - 1]!;
      live.pop();
      liveSet.delete(a);
      cache.free(a);
      freed.push(a);
    } else if (op.kind === 'double-free') {
      if (freed.length === 0) continue;
      const a = freed[op.pick % freed.length]!;
      if (liveSet.has(a)) continue; // reused since
      expect(['double-free', 'foreign']).toContain(codeOf(() => { cache.free(a); }));
    } else {
      if (live.length === 0 || cache.stride === 1) continue;
      const a = live[op.pick % live.length]!;
      const delta = 1 + (op.delta % (cache.stride - 1));
      expect(codeOf(() => { cache.free(a + delta); })).toBe('misaligned');
    }
    expect(cache.inUse).toBe(live.length);
    expect(cache.pagesHeld).toBe(src.pagesInUse);
    const stats = cache.stats();
    expect(stats.capacity).toBeGreaterThanOrEqual(live.length);
    expect(stats.slabs).toBeLessThanOrEqual(live.length + shape.keepEmptySlabs);
  }
  for (const a of live) cache.free(a);
  cache.shrink();
  expect(cache.inUse).toBe(0);
  expect(src.pagesInUse).toBe(0);
  expect(src.runCount).toBe(0);
}

