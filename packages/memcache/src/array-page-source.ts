import type { ArrayPageSourceOptions, PageSource } from './api.js';
import { MemcacheError } from './memcache-error.js';
import { isPowerOfTwo } from './internal/bits.js';
import { hex } from './internal/format.js';

/**
 * A small, self-contained {@link PageSource} over a fixed range of pages, for tests,
 * examples and benchmarks (a real system plugs in its page allocator instead).
 *
 * First fit over a byte-per-page map, honouring `alignPages`; it remembers every run it
 * handed out and throws {@link MemcacheError} `foreign` when asked to free anything else, so
 * a test notices a cache that gives back pages it does not own. Allocation is O(pages) in the
 * worst case: fine for tests, not meant as a production page allocator.
 */
export class ArrayPageSource implements PageSource {
  /** Page size in bytes. */
  readonly pageSize: number;
  /** Byte address of the first page. */
  readonly base: number;
  /** Number of pages managed. */
  readonly pageCount: number;

  private readonly used: Uint8Array;
  private readonly runs = new Map<number, number>();
  private inUse = 0;
  private lowestFree = 0;

  /**
   * @param options - size of the range, page size, base address.
   * @throws {@link MemcacheError} `invalid-argument` for bad options.
   */
  constructor(options: ArrayPageSourceOptions) {
    const pageSize = options.pageSize ?? 4096;
    const base = options.base ?? 0;
    if (!isPowerOfTwo(pageSize)) throw new MemcacheError('invalid-argument', `ArrayPageSource: page size ${pageSize} is not a power of two`);
    if (!Number.isSafeInteger(options.pages) || options.pages <= 0) {
      throw new MemcacheError('invalid-argument', `ArrayPageSource: page count ${options.pages} is not a positive integer`);
    }
    if (!Number.isSafeInteger(base) || base < 0 || base % pageSize !== 0) {
      throw new MemcacheError('invalid-argument', `ArrayPageSource: base ${hex(base)} is not a page-aligned address`);
    }
    this.pageSize = pageSize;
    this.base = base;
    this.pageCount = options.pages;
    this.used = new Uint8Array(options.pages);
  }

  /** Pages currently handed out. */
  get pagesInUse(): number {
    return this.inUse;
  }

  /** Runs currently handed out. */
  get runCount(): number {
    return this.runs.size;
  }

  /** The live runs, as `[firstAddress, pages]` pairs in no particular order. */
  liveRuns(): [number, number][] {
    return [...this.runs];
  }

  /** True when the page holding `address` is currently handed out. */
  isAllocated(address: number): boolean {
    const page = Math.floor((address - this.base) / this.pageSize);
    return page >= 0 && page < this.pageCount && this.used[page] === 1;
  }

  /** Allocates `count` contiguous pages, first fit, aligned to `alignPages` pages; -1 when none fit. */
  allocPages(count: number, alignPages = 1): number {
    if (!Number.isSafeInteger(count) || count <= 0 || !isPowerOfTwo(alignPages)) {
      throw new MemcacheError('invalid-argument', `ArrayPageSource: cannot allocate ${count} page(s) aligned to ${alignPages}`);
    }
    const basePage = this.base / this.pageSize;
    const used = this.used;
    let start = this.lowestFree;
    for (;;) {
      // Round the absolute page number up to the alignment.
      start = Math.ceil((basePage + start) / alignPages) * alignPages - basePage;
      if (start + count > this.pageCount) return -1;
      let clash = -1;
      for (let p = start + count - 1; p >= start; p--) {
        if (used[p] === 1) {
          clash = p;
          break;
        }
      }
      if (clash < 0) break;
      start = clash + 1;
    }
    used.fill(1, start, start + count);
    if (start === this.lowestFree) {
      let next = start + count;
      while (next < this.pageCount && used[next] === 1) next++;
      this.lowestFree = next;
    }
    this.inUse += count;
    const address = this.base + start * this.pageSize;
    this.runs.set(address, count);
    return address;
  }

  /** Gives back a run by its first address. @throws {@link MemcacheError} `foreign` for anything else. */
  freePages(address: number): void {
    const count = this.runs.get(address);
    if (count === undefined) {
      throw new MemcacheError('foreign', `ArrayPageSource: ${hex(address)} is not the first address of a run handed out`);
    }
    this.runs.delete(address);
    const start = (address - this.base) / this.pageSize;
    this.used.fill(0, start, start + count);
    this.inUse -= count;
    if (start < this.lowestFree) this.lowestFree = start;
  }
}
