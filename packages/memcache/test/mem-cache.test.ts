import { describe, expect, it } from 'vitest';
import { ArrayPageSource, MemCache, MemcacheError, createMemCache, type PageSource } from '../src/index.js';
import { codeOf, insideOneRun, source } from './helpers.js';

describe('MemCache', () => {
  it('hands out the lowest free slot first', () => {
    const src = source();
    const cache = createMemCache(src, 64, { pagesPerSlab: 1 });
    const a = Array.from({ length: 10 }, () => cache.alloc());
    expect(a[1]! - a[0]!).toBe(64);
    cache.free(a[7]!);
    cache.free(a[3]!);
    expect(cache.alloc()).toBe(a[3]);
    expect(cache.alloc()).toBe(a[7]);
    expect(cache.alloc()).toBe(a[9]! + 64);
  });

  it('takes no pages until the first allocation, and gives them all back', () => {
    const src = source();
    const cache = createMemCache(src, 100);
    expect(src.pagesInUse).toBe(0);
    const objects = Array.from({ length: 200 }, () => cache.alloc());
    expect(cache.stats()).toMatchObject({ objectSize: 100, stride: 104, align: 8, objectsPerSlab: 39, inUse: 200, slabs: 6, pagesHeld: 6 });
    expect(src.pagesInUse).toBe(6);
    for (const o of objects) cache.free(o);
    expect(src.pagesInUse).toBe(0);
    expect(cache.stats()).toMatchObject({ inUse: 0, slabs: 0, pagesHeld: 0, capacity: 0, allocations: 200, frees: 200 });
  });

  it('serves 16 KiB objects aligned to 16 KiB (first-level page tables)', () => {
    const src = source();
    const cache = createMemCache(src, 16384, { align: 16384 });
    expect(cache.pagesPerSlab).toBe(4);
    const tables = Array.from({ length: 5 }, () => cache.alloc());
    for (const t of tables) {
      expect(t % 16384).toBe(0);
      expect(insideOneRun(src, t, 16384)).toBe(true);
    }
    expect(new Set(tables).size).toBe(5);
    for (const t of tables) cache.free(t);
    expect(src.pagesInUse).toBe(0);
  });

  it('serves 1 KiB objects aligned to 1 KiB (second-level tables), four per page', () => {
    const src = source();
    const cache = createMemCache(src, 1024, { align: 1024 });
    const tables = Array.from({ length: 8 }, () => cache.alloc());
    for (const t of tables) expect(t % 1024).toBe(0);
    expect(src.pagesInUse).toBe(2);
  });

  it('aligns slabs itself when the page source ignores the alignment request', () => {
    const inner = new ArrayPageSource({ pages: 256, base: 0x1000 });
    const careless: PageSource = {
      pageSize: inner.pageSize,
      allocPages: (count) => inner.allocPages(count),
      freePages: (address) => {
        inner.freePages(address);
      },
    };
    inner.allocPages(1); // make the next run start off a 16 KiB boundary
    const cache = createMemCache(careless, 16384, { align: 16384 });
    const t = cache.alloc();
    expect(t % 16384).toBe(0);
    expect(cache.pagesHeld).toBe(7);
    expect(insideOneRun(inner, t, 16384)).toBe(true);
    cache.free(t);
    expect(inner.pagesInUse).toBe(1);
  });

  it('rounds the stride up to the alignment', () => {
    const cache = createMemCache(source(), 24, { align: 16 });
    expect(cache.stride).toBe(32);
    const a = cache.alloc();
    const b = cache.alloc();
    expect(b - a).toBe(32);
    expect(codeOf(() => { cache.free(a + 24); })).toBe('misaligned');
  });

  it('returns -1 when the source runs dry, and recovers after frees', () => {
    const src = source(2);
    const cache = createMemCache(src, 2048);
    const a = [cache.alloc(), cache.alloc(), cache.alloc(), cache.alloc()];
    expect(a.every((x) => x >= 0)).toBe(true);
    expect(cache.alloc()).toBe(-1);
    cache.free(a[0]!);
    expect(cache.alloc()).toBe(a[0]);
  });

  it('caps live objects at maxObjects', () => {
    const cache = createMemCache(source(), 64, { maxObjects: 3 });
    const a = [cache.alloc(), cache.alloc(), cache.alloc()];
    expect(cache.alloc()).toBe(-1);
    cache.free(a[1]!);
    expect(cache.alloc()).toBe(a[1]);
  });

  it('keeps empty slabs when asked, and gives them back on shrink', () => {
    const src = source();
    const cache = createMemCache(src, 2048, { keepEmptySlabs: 1 });
    const a = [cache.alloc(), cache.alloc(), cache.alloc(), cache.alloc()];
    expect(src.pagesInUse).toBe(2);
    for (const x of a) cache.free(x);
    expect(src.pagesInUse).toBe(1);
    expect(cache.alloc()).toBe(a[0]);
    cache.free(a[0]!);
    cache.shrink();
    expect(src.pagesInUse).toBe(0);
    expect(cache.stats().slabs).toBe(0);
  });

  it('rejects bad frees with typed errors naming the address', () => {
    const src = source();
    const cache = createMemCache(src, 48, { name: 'thread-cache' });
    const a = cache.alloc();
    cache.alloc();
    expect(codeOf(() => { cache.free(a + 8); })).toBe('misaligned');
    expect(codeOf(() => { cache.free(a + 4096 * 100); })).toBe('foreign');
    expect(codeOf(() => { cache.free(-16); })).toBe('out-of-range');
    expect(codeOf(() => { cache.free(Number.NaN); })).toBe('out-of-range');
    expect(codeOf(() => { cache.free(a + 85 * 48); })).toBe('out-of-range'); // 4096 / 48 = 85 slots
    cache.free(a);
    let error: unknown;
    try {
      cache.free(a);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MemcacheError);
    expect((error as MemcacheError).code).toBe('double-free');
    expect((error as MemcacheError).message).toBe(`thread-cache: cannot free 0x${a.toString(16)}: it is already free`);
    expect(cache.inUse).toBe(1);
  });

  it('answers isAllocated and owns', () => {
    const cache = createMemCache(source(), 64);
    const a = cache.alloc();
    const b = cache.alloc();
    expect(cache.isAllocated(a)).toBe(true);
    expect(cache.isAllocated(a + 1)).toBe(false);
    cache.free(b);
    expect(cache.isAllocated(b)).toBe(false);
    expect(cache.owns(b)).toBe(true);
    expect(cache.owns(a + 4096)).toBe(false);
  });

  it('rejects bad options', () => {
    const src = source();
    expect(codeOf(() => new MemCache(src, 0))).toBe('invalid-argument');
    expect(codeOf(() => new MemCache(src, 1.5))).toBe('invalid-argument');
    expect(codeOf(() => new MemCache(src, 64, { align: 12 }))).toBe('invalid-argument');
    expect(codeOf(() => new MemCache(src, 64, { pagesPerSlab: 0 }))).toBe('invalid-argument');
    expect(codeOf(() => new MemCache(src, 8192, { pagesPerSlab: 1 }))).toBe('invalid-argument');
    expect(codeOf(() => new MemCache(src, 64, { maxObjects: -1 }))).toBe('invalid-argument');
    expect(codeOf(() => new MemCache(src, 64, { keepEmptySlabs: 0.5 }))).toBe('invalid-argument');
    expect(codeOf(() => new MemCache({ pageSize: 3000, allocPages: () => -1, freePages: () => undefined }, 64))).toBe(
      'invalid-argument',
    );
  });

  it('rejects a page source that returns unaligned addresses', () => {
    const bad: PageSource = { pageSize: 4096, allocPages: () => 100, freePages: () => undefined };
    expect(codeOf(() => createMemCache(bad, 64).alloc())).toBe('bad-page-source');
  });

  it('gives every slab of many back, in any order, and reuses their numbers', () => {
    const src = source(1 << 12);
    const cache = createMemCache(src, 2048, { pagesPerSlab: 2 });
    for (let round = 0; round < 2; round++) {
      const objects = Array.from({ length: 4 * 300 }, () => cache.alloc());
      expect(cache.stats()).toMatchObject({ slabs: 300, pagesHeld: 600 });
      for (let i = 0; i < objects.length; i += 2) cache.free(objects[i]!);
      for (let i = objects.length - 1; i > 0; i -= 2) cache.free(objects[i]!);
      expect(cache.stats()).toMatchObject({ inUse: 0, slabs: 0, pagesHeld: 0 });
      expect(src.pagesInUse).toBe(0);
      expect(src.runCount).toBe(0);
    }
  });

  it('grows through many slabs and several bitmap levels', () => {
    const src = source(1 << 14);
    const cache = createMemCache(src, 8);
    const n = 512 * 3000; // 3000 slabs of 512 objects
    let last = -1;
    for (let i = 0; i < n; i++) last = cache.alloc();
    expect(last).toBeGreaterThanOrEqual(0);
    expect(cache.stats()).toMatchObject({ inUse: n, slabs: 3000, pagesHeld: 3000 });
    expect(src.pagesInUse).toBe(3000);
  });
});

describe('MemCache free: addresses the fast lookup cannot place', () => {
  it('rejects aliases of live objects 2^32 pages away, negative twins and non-integers with the exact codes', () => {
    const src = source();
    const cache = createMemCache(src, 64);
    const a = cache.alloc();
    const far = a + 2 ** 32 * 4096;
    expect(codeOf(() => { cache.free(far); })).toBe('foreign');
    expect(codeOf(() => { cache.free(a - 2 ** 32 * 4096); })).toBe('out-of-range');
    expect(codeOf(() => { cache.free(a + 0.5); })).toBe('misaligned');
    expect(codeOf(() => { cache.free(Number.POSITIVE_INFINITY); })).toBe('out-of-range');
    expect(cache.isAllocated(a)).toBe(true);
    cache.free(a);
    expect(cache.inUse).toBe(0);
  });

  it('still frees objects on a source whose addresses start at page 0', () => {
    const src = new ArrayPageSource({ pages: 4 });
    const cache = createMemCache(src, 16);
    const a = cache.alloc();
    expect(a).toBe(0);
    expect(codeOf(() => { cache.free(Number.NaN); })).toBe('out-of-range');
    expect(codeOf(() => { cache.free(-16); })).toBe('out-of-range');
    expect(codeOf(() => { cache.free(-0.5); })).toBe('out-of-range');
    cache.free(a);
    expect(src.pagesInUse).toBe(0);
  });
});
