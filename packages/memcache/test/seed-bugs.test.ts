/**
 * Regression tests for the allocator bugs of the original system's history
 * (spec/codezero.md §3.2), restated for this design.
 */
import { describe, expect, it } from 'vitest';
import { ArrayPageSource, Kmalloc, createMemCache, type PageSource } from '../src/index.js';
import { codeOf, source } from './helpers.js';

describe('seed bug: malloc and free from two different allocator instances', () => {
  it('kfree into another kmalloc over the same page source is rejected and harms neither', () => {
    const src = source();
    const one = new Kmalloc(src);
    const two = new Kmalloc(src);
    const a = one.kmalloc(64);
    const b = two.kmalloc(64);
    const big = one.kmalloc(10_000);
    expect(codeOf(() => { two.kfree(a); })).toBe('foreign');
    expect(codeOf(() => { one.kfree(b); })).toBe('foreign');
    expect(codeOf(() => { two.kfree(big); })).toBe('foreign');
    expect(one.stats().inUse).toBe(2);
    expect(two.stats().inUse).toBe(1);
    one.kfree(a);
    one.kfree(big);
    two.kfree(b);
    expect(src.pagesInUse).toBe(0);
  });

  it('free into another cache of the same object size is rejected', () => {
    const src = source();
    const one = createMemCache(src, 32);
    const two = createMemCache(src, 32);
    const a = one.alloc();
    two.alloc();
    expect(codeOf(() => { two.free(a); })).toBe('foreign');
    expect(one.isAllocated(a)).toBe(true);
    one.free(a);
  });
});

describe("seed bug: freeing pages that belong to the allocator's own metadata", () => {
  it('keeps no metadata in the pages: objects start at the first byte and fill the slab', () => {
    const src = source();
    const cache = createMemCache(src, 64);
    expect(cache.objectsPerSlab).toBe(64);
    const first = cache.alloc();
    expect(first % 4096).toBe(0);
    for (let i = 1; i < 64; i++) cache.alloc();
    expect(cache.stats()).toMatchObject({ slabs: 1, pagesHeld: 1 });
    expect(src.pagesInUse).toBe(1);
  });

  it("rejects a free in a slab's unused tail, where an in-page header would have been", () => {
    const src = source();
    const cache = createMemCache(src, 1000); // 4 objects per page, 96 bytes of tail
    const a = cache.alloc();
    const tail = a + 4000;
    expect(codeOf(() => { cache.free(tail); })).toBe('out-of-range');
    expect(codeOf(() => { cache.free(tail + 88); })).toBe('out-of-range');
    expect(cache.inUse).toBe(1);
    expect(src.pagesInUse).toBe(1);
  });

  it('never releases a slab while an object in it is live, whatever address is freed', () => {
    const src = source();
    const k = new Kmalloc(src);
    const a = k.kmalloc(128);
    const b = k.kmalloc(128);
    expect(codeOf(() => { k.kfree(a + 4096 - 128); })).toBe('double-free'); // the last slot, free
    k.kfree(a);
    expect(src.pagesInUse).toBe(1);
    expect(k.usableSize(b)).toBe(128);
    k.kfree(b);
    expect(src.pagesInUse).toBe(0);
  });
});

describe('seed bug: recursion in the allocator corrupting its state', () => {
  it('a page source that calls back into the growing cache gets a typed error; the cache stays sound', () => {
    const inner = source();
    let reenter = true;
    const cacheRef: { alloc: () => number }[] = [];
    const sneaky: PageSource = {
      pageSize: inner.pageSize,
      allocPages: (count, align) => {
        if (reenter) {
          reenter = false;
          cacheRef[0]!.alloc();
        }
        return inner.allocPages(count, align);
      },
      freePages: (address) => {
        inner.freePages(address);
      },
    };
    const cache = createMemCache(sneaky, 256);
    cacheRef.push(cache);
    expect(codeOf(() => cache.alloc())).toBe('reentrant');
    expect(cache.stats()).toMatchObject({ inUse: 0, slabs: 0, pagesHeld: 0 });
    expect(inner.pagesInUse).toBe(0);
    const a = cache.alloc();
    const b = cache.alloc();
    expect(b - a).toBe(256);
    cache.free(a);
    cache.free(b);
    expect(inner.pagesInUse).toBe(0);
  });

  it('a page source may allocate from another class of the same kmalloc while one grows', () => {
    const inner = new ArrayPageSource({ pages: 64 });
    const log: number[] = [];
    let nestedOnce = false;
    const ks: Kmalloc[] = [];
    const nested: PageSource = {
      pageSize: inner.pageSize,
      allocPages: (count, align) => {
        const k = ks[0];
        if (k && !nestedOnce) {
          nestedOnce = true;
          log.push(k.kmalloc(16)); // bookkeeping from another class
        }
        return inner.allocPages(count, align);
      },
      freePages: (address) => {
        inner.freePages(address);
      },
    };
    const k = new Kmalloc(nested);
    ks.push(k);
    const a = k.kmalloc(64);
    expect(log).toHaveLength(1);
    expect(k.usableSize(a)).toBe(64);
    expect(k.usableSize(log[0]!)).toBe(16);
    expect(k.stats().inUse).toBe(2);
    k.kfree(a);
    k.kfree(log[0]!);
    expect(inner.pagesInUse).toBe(0);
  });
});

describe('seed bug: kfree of the wrong cache', () => {
  it("an object of one size class cannot be freed into another class's cache", () => {
    const k = new Kmalloc(source());
    const a = k.kmalloc(64);
    const c16 = k.classes[1]!;
    expect(c16.objectSize).toBe(16);
    expect(codeOf(() => { c16.free(a); })).toBe('foreign');
    expect(k.usableSize(a)).toBe(64);
    k.kfree(a);
  });

  it('kfree of an object from a standalone cache over the same source is rejected', () => {
    const src = source();
    const k = new Kmalloc(src);
    const cache = createMemCache(src, 64);
    k.kmalloc(64);
    const o = cache.alloc();
    expect(codeOf(() => { k.kfree(o); })).toBe('foreign');
    expect(cache.isAllocated(o)).toBe(true);
  });
});

describe('seed bug: 2-byte-aligned kmalloc results', () => {
  it('every size from 0 to 5000 gets an 8-byte-aligned result', () => {
    const k = new Kmalloc(source(1 << 14));
    for (let size = 0; size <= 5000; size++) {
      const a = k.kmalloc(size);
      expect(a % 8).toBe(0);
    }
  });

  it('odd sizes in a row stay 8-byte aligned and disjoint', () => {
    const k = new Kmalloc(source());
    const a = [1, 3, 5, 7, 2, 6].map((s) => k.kmalloc(s));
    expect(a.every((x) => x % 8 === 0)).toBe(true);
    expect(new Set(a).size).toBe(a.length);
  });
});
