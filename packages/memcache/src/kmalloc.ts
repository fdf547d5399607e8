import type { KmallocOptions, KmallocStats, MemCacheStats, PageSource } from './api.js';
import { MemCache } from './mem-cache.js';
import { MemcacheError } from './memcache-error.js';
import { ceilLog2, isPowerOfTwo } from './internal/bits.js';
import { checkRun } from './internal/check-run.js';
import { hex } from './internal/format.js';
import { PageMap } from './internal/page-map.js';
import { MAX_TAG, SLAB_BITS, SLAB_MASK } from './internal/page-registry.js';

/** Tag, in the page map, of pages that belong to a large (whole-page) allocation. */
const LARGE = MAX_TAG;

/**
 * General-purpose allocation over size classes: one {@link MemCache} per power of two from
 * `minSize` (default 8) to `maxSize` (default half a page); bigger requests take whole pages
 * straight from the page source.
 *
 * Every result is at least 8-byte aligned (a class's objects are aligned to the class size;
 * large allocations are page-aligned). `kfree` takes only the address: a page → class map
 * tells which cache holds it, so freeing never trusts the caller to name the cache. Caches
 * give slabs back as soon as they empty, so after everything is freed the instance holds no
 * pages.
 */
export class Kmalloc {
  /** Smallest class size. */
  readonly minSize: number;
  /** Largest class size. */
  readonly maxSize: number;
  /** Page size of the source. */
  readonly pageSize: number;

  private readonly source: PageSource;
  /** 1 / pageSize (exact: the page size is a power of two). */
  private readonly pageFraction: number;
  /** log2(pageSize), at most 31 (see the same field of MemCache). */
  private readonly pageShift: number;
  private readonly minShift: number;
  private readonly caches: MemCache[] = [];
  /** Page number → `class << SLAB_BITS | slab` for class pages, `LARGE << SLAB_BITS` for large ones. */
  private readonly pageMap = new PageMap();
  /** Large allocations: first address → pages. */
  private readonly large = new Map<number, number>();
  private largePages = 0;

  /**
   * @param source - where pages come from.
   * @param options - class range.
   * @throws {@link MemcacheError} `invalid-argument` for a bad option.
   */
  constructor(source: PageSource, options: KmallocOptions = {}) {
    const pageSize = source.pageSize;
    const bad = (what: string): MemcacheError => new MemcacheError('invalid-argument', `kmalloc: ${what}`);
    if (!isPowerOfTwo(pageSize)) throw bad(`page size ${pageSize} is not a power of two`);
    const minSize = options.minSize ?? 8;
    const maxSize = options.maxSize ?? Math.max(minSize, pageSize / 2);
    if (!isPowerOfTwo(minSize) || minSize < 8) throw bad(`minSize ${minSize} is not a power of two ≥ 8`);
    if (!isPowerOfTwo(maxSize) || maxSize < minSize || maxSize > 2 ** 30) {
      throw bad(`maxSize ${maxSize} is not a power of two between minSize and 2^30`);
    }
    this.source = source;
    this.pageSize = pageSize;
    this.pageFraction = 1 / pageSize;
    this.pageShift = Math.min(31, ceilLog2(Math.min(pageSize, 2 ** 31)));
    this.minSize = minSize;
    this.maxSize = maxSize;
    this.minShift = ceilLog2(minSize);
    for (let size = minSize, i = 0; size <= maxSize; size *= 2, i++) {
      const name = `kmalloc-${size}`;
      const pagesPerSlab = Math.max(1, Math.ceil((8 * size) / pageSize));
      const cache = new MemCache(source, size, {
        align: Math.min(size, pageSize),
        pagesPerSlab,
        keepEmptySlabs: options.keepEmptySlabs ?? 0,
        name,
      });
      cache.useRegistry({ map: this.pageMap, tag: i });
      this.caches.push(cache);
    }
  }

  /**
   * Allocates `size` bytes (0 counts as the smallest class); returns an address aligned to at
   * least 8 bytes, or -1 when out of memory.
   *
   * @throws {@link MemcacheError} `invalid-argument` when `size` is not a non-negative
   *   integer.
   */
  kmalloc(size: number): number {
    if (size <= this.maxSize && (size | 0) === size && size >= 0) {
      const cls = size <= this.minSize ? 0 : 32 - Math.clz32(size - 1) - this.minShift;
      return this.caches[cls]!.alloc();
    }
    return this.allocLarge(size);
  }

  /**
   * Frees an address returned by {@link Kmalloc.kmalloc}.
   *
   * @throws {@link MemcacheError} `foreign` when no live allocation of this instance holds
   *   the address's page, `out-of-range` for a non-address, `misaligned` when it is inside an
   *   allocation but not its start, `double-free` when the object is already free.
   */
  kfree(address: number): void {
    // Fast path: a truncating page lookup, then the class's own check that the address is an
    // allocated object start of the slab found. Anything else takes the exact path below.
    const slabBits: typeof SLAB_BITS = 24; // literals: module constants cost a load here
    const slabMask: typeof SLAB_MASK = 0xff_ffff;
    const v = this.pageMap.lookup(address >>> this.pageShift);
    const tag = v >>> slabBits;
    if (tag < this.caches.length && this.caches[tag]!.tryFree(v & slabMask, address)) return;
    this.kfreeChecked(address);
  }

  /** `kfree` by an exact page lookup: frees, or throws the error that fits the address. */
  private kfreeChecked(address: number): void {
    const v = this.pageMap.get(Math.floor(address * this.pageFraction));
    const tag = v >>> SLAB_BITS;
    if (tag < this.caches.length) {
      this.caches[tag]!.freeInSlab(v & SLAB_MASK, address);
      return;
    }
    if (tag === LARGE) {
      const pages = this.large.get(address);
      if (pages === undefined) {
        throw new MemcacheError('misaligned', `kmalloc: cannot free ${hex(address)}: it is inside a large allocation, not at its start`);
      }
      this.large.delete(address);
      this.largePages -= pages;
      const first = address / this.pageSize;
      for (let p = 0; p < pages; p++) this.pageMap.delete(first + p);
      this.source.freePages(address);
      return;
    }
    if (!Number.isSafeInteger(address) || address < 0) {
      throw new MemcacheError('out-of-range', `kmalloc: cannot free ${hex(address)}: it is not a non-negative integer address`);
    }
    throw new MemcacheError('foreign', `kmalloc: cannot free ${hex(address)}: no allocation of this kmalloc holds it`);
  }

  /**
   * Usable bytes of the live allocation starting at `address` (its class size, or its whole
   * pages), or 0 when `address` is not the start of a live allocation of this instance.
   */
  usableSize(address: number): number {
    const tag = this.pageMap.get(Math.floor(address * this.pageFraction)) >>> SLAB_BITS;
    if (tag === LARGE) return (this.large.get(address) ?? 0) * this.pageSize;
    const cache = this.caches[tag];
    return cache?.isAllocated(address) ? cache.stride : 0;
  }

  /** Gives back the empty slabs the classes keep (see {@link KmallocOptions.keepEmptySlabs}). */
  shrink(): void {
    for (const cache of this.caches) cache.shrink();
  }

  /** The caches of the size classes, smallest first (for inspection). */
  get classes(): readonly MemCache[] {
    return this.caches;
  }

  /** A snapshot of the counters of every class and of large allocations. */
  stats(): KmallocStats {
    const classes: MemCacheStats[] = this.caches.map((c) => c.stats());
    let inUse = this.large.size;
    let pagesHeld = this.largePages;
    for (const c of classes) {
      inUse += c.inUse;
      pagesHeld += c.pagesHeld;
    }
    return { classes, largeAllocations: this.large.size, largePages: this.largePages, inUse, pagesHeld };
  }

  private allocLarge(size: number): number {
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new MemcacheError('invalid-argument', `kmalloc: size ${size} is not a non-negative integer`);
    }
    const pages = Math.ceil(size / this.pageSize);
    if (pages > 0x7fffffff) return -1;
    const address = this.source.allocPages(pages);
    if (address < 0) return -1;
    checkRun(address, pages, this.pageSize, 'kmalloc');
    const first = address / this.pageSize;
    for (let p = 0; p < pages; p++) this.pageMap.set(first + p, LARGE << SLAB_BITS);
    this.large.set(address, pages);
    this.largePages += pages;
    return address;
  }
}
