/** The README's example, verbatim apart from the assertions. Keep the two in step. */
import { describe, expect, it } from 'vitest';
import { ArrayPageSource, Kmalloc, MemcacheError, createMemCache } from '../src/index.js';

describe('README example', () => {
  it('runs as documented', () => {
    const lines: string[] = [];
    const log = (s: string): void => {
      lines.push(s);
    };

    // --- README example start ---
    // Any PageSource works; ArrayPageSource is a small one for tests and demos.
    const pages = new ArrayPageSource({ pages: 1024, base: 0x0010_0000 });

    // 16 KiB first-level page tables, 16 KiB aligned.
    const pgdCache = createMemCache(pages, 16384, { align: 16384, name: 'pgd' });
    const pgd = pgdCache.alloc();
    log(`pgd at 0x${pgd.toString(16)}`); // pgd at 0x100000

    // General-purpose allocation by size; free by address only.
    const heap = new Kmalloc(pages);
    const a = heap.kmalloc(24); // from the 32-byte class
    const c = heap.kmalloc(32); // same class, same slab
    const b = heap.kmalloc(10_000); // whole pages
    log(`a: ${heap.usableSize(a)} bytes, b: ${heap.usableSize(b)} bytes`); // a: 32 bytes, b: 12288 bytes
    heap.kfree(a);
    try {
      heap.kfree(a);
    } catch (e) {
      if (e instanceof MemcacheError) log(e.code); // double-free
    }
    heap.kfree(b);
    heap.kfree(c);
    pgdCache.free(pgd);
    log(`pages still held: ${pages.pagesInUse}`); // pages still held: 0
    // --- README example end ---

    expect(lines).toEqual(['pgd at 0x100000', 'a: 32 bytes, b: 12288 bytes', 'double-free', 'pages still held: 0']);
  });
});
