import { describe, expect, it } from 'vitest';
import { Kmalloc } from '../src/index.js';
import { PageMap } from '../src/internal/page-map.js';
import { codeOf, source } from './helpers.js';

describe('Kmalloc', () => {
  it('has power-of-two classes from 8 bytes to half a page by default', () => {
    const k = new Kmalloc(source());
    expect(k.classes.map((c) => c.objectSize)).toEqual([8, 16, 32, 64, 128, 256, 512, 1024, 2048]);
    expect(k.usableSize(k.kmalloc(0))).toBe(8);
    expect(k.usableSize(k.kmalloc(1))).toBe(8);
    expect(k.usableSize(k.kmalloc(9))).toBe(16);
    expect(k.usableSize(k.kmalloc(64))).toBe(64);
    expect(k.usableSize(k.kmalloc(65))).toBe(128);
    expect(k.usableSize(k.kmalloc(2048))).toBe(2048);
    expect(k.usableSize(k.kmalloc(2049))).toBe(4096);
    expect(k.usableSize(k.kmalloc(10_000))).toBe(12_288);
  });

  it('honours minSize and maxSize', () => {
    const k = new Kmalloc(source(), { minSize: 16, maxSize: 8192 });
    expect(k.classes.map((c) => c.objectSize)).toEqual([16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192]);
    const a = k.kmalloc(5000);
    expect(k.usableSize(a)).toBe(8192);
    expect(a % 4096).toBe(0);
    expect(k.stats().largeAllocations).toBe(0);
  });

  it('serves big requests as whole pages and frees them by address', () => {
    const src = source();
    const k = new Kmalloc(src);
    const a = k.kmalloc(3 * 4096 + 1);
    expect(a % 4096).toBe(0);
    expect(k.stats()).toMatchObject({ largeAllocations: 1, largePages: 4, pagesHeld: 4, inUse: 1 });
    expect(codeOf(() => { k.kfree(a + 4096); })).toBe('misaligned');
    k.kfree(a);
    expect(src.pagesInUse).toBe(0);
    expect(codeOf(() => { k.kfree(a); })).toBe('foreign');
  });

  it('serves large allocations of hundreds of pages', () => {
    const src = source();
    const k = new Kmalloc(src);
    const a = k.kmalloc(300 * 4096);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(k.usableSize(a)).toBe(300 * 4096);
    expect(codeOf(() => { k.kfree(a + 299 * 4096); })).toBe('misaligned');
    k.kfree(a);
    expect(src.pagesInUse).toBe(0);
  });

  it('gives every page back once everything is freed', () => {
    const src = source();
    const k = new Kmalloc(src);
    const sizes = [1, 8, 24, 100, 500, 1500, 3000, 9000, 33, 64];
    const addrs = sizes.flatMap((s) => [k.kmalloc(s), k.kmalloc(s)]);
    expect(src.pagesInUse).toBeGreaterThan(0);
    for (const a of addrs.reverse()) k.kfree(a);
    expect(k.stats().pagesHeld).toBe(0);
    expect(src.pagesInUse).toBe(0);
  });

  it('rejects bad frees and bad sizes with typed errors', () => {
    const k = new Kmalloc(source());
    const a = k.kmalloc(40);
    k.kmalloc(40);
    expect(codeOf(() => { k.kfree(a + 8); })).toBe('misaligned');
    expect(codeOf(() => { k.kfree(0x100); })).toBe('foreign');
    expect(codeOf(() => { k.kfree(-8); })).toBe('out-of-range');
    expect(codeOf(() => { k.kfree(Number.POSITIVE_INFINITY); })).toBe('out-of-range');
    k.kfree(a);
    expect(codeOf(() => { k.kfree(a); })).toBe('double-free');
    expect(codeOf(() => k.kmalloc(-1))).toBe('invalid-argument');
    expect(codeOf(() => k.kmalloc(1.5))).toBe('invalid-argument');
    expect(codeOf(() => k.kmalloc(Number.NaN))).toBe('invalid-argument');
    expect(k.usableSize(a)).toBe(0);
    expect(k.usableSize(0x100)).toBe(0);
  });

  it('gives the exact error for addresses that alias a live object or a large block 2^32 pages away', () => {
    const k = new Kmalloc(source());
    const a = k.kmalloc(40);
    const big = k.kmalloc(10_000);
    const far = 2 ** 32 * 4096;
    expect(codeOf(() => { k.kfree(a + far); })).toBe('foreign');
    expect(codeOf(() => { k.kfree(big + far); })).toBe('foreign');
    expect(codeOf(() => { k.kfree(a - far); })).toBe('out-of-range');
    expect(codeOf(() => { k.kfree(a + 0.5); })).toBe('misaligned');
    expect(k.stats().inUse).toBe(2);
    k.kfree(a);
    k.kfree(big);
    expect(k.stats().pagesHeld).toBe(0);
  });

  it('returns -1 when the source runs dry', () => {
    const k = new Kmalloc(source(2));
    expect(k.kmalloc(3 * 4096)).toBe(-1);
    const a = k.kmalloc(4096);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(k.kmalloc(8)).toBeGreaterThanOrEqual(0);
    expect(k.kmalloc(16)).toBe(-1);
  });

  it('keeps empty slabs per class when asked, until shrink', () => {
    const src = source();
    const k = new Kmalloc(src, { keepEmptySlabs: 1 });
    const a = k.kmalloc(100);
    k.kfree(a);
    expect(src.pagesInUse).toBe(1);
    expect(k.kmalloc(100)).toBe(a);
    k.kfree(a);
    k.shrink();
    expect(src.pagesInUse).toBe(0);
  });

  it('lets a cache change its page registry only before its first slab', () => {
    const k = new Kmalloc(source());
    k.kmalloc(8);
    const c8 = k.classes[0]!;
    expect(codeOf(() => { c8.useRegistry({ map: new PageMap(), tag: 0 }); })).toBe('invalid-argument');
  });

  it('rejects bad options', () => {
    const src = source();
    expect(codeOf(() => new Kmalloc(src, { minSize: 4 }))).toBe('invalid-argument');
    expect(codeOf(() => new Kmalloc(src, { minSize: 24 }))).toBe('invalid-argument');
    expect(codeOf(() => new Kmalloc(src, { minSize: 64, maxSize: 32 }))).toBe('invalid-argument');
    expect(codeOf(() => new Kmalloc(src, { keepEmptySlabs: -1 }))).toBe('invalid-argument');
  });
});
