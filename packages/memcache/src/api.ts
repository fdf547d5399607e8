/**
 * Public interfaces and types of @codezero-ts/memcache.
 * @packageDocumentation
 */

/**
 * Where a cache gets its memory from: runs of contiguous pages in an abstract byte address
 * space (in the kernel, emulated physical RAM handed out by a page allocator).
 *
 * memcache never reads or writes the memory behind these addresses; it only hands out
 * addresses inside the pages it holds, and gives the pages back when they are empty.
 */
export interface PageSource {
  /**
   * Allocates `count` contiguous pages and returns the first page's byte address, or -1
   * when out of memory.
   *
   * @param count - number of pages, at least 1.
   * @param alignPages - the first page's address must be a multiple of
   *   `alignPages * pageSize` (a power of two; default 1). A source that cannot honour it may
   *   return a page-aligned run anyway: memcache then gives it back and asks for a larger run
   *   it can align itself.
   */
  allocPages(count: number, alignPages?: number): number;
  /** Gives back a run obtained from {@link PageSource.allocPages}, by its first address. */
  freePages(address: number): void;
  /** Page size in bytes: a power of two (e.g. 4096). */
  readonly pageSize: number;
}

/** Options of a fixed-size object cache (`createMemCache`, `new MemCache`). */
export interface MemCacheOptions {
  /**
   * Alignment of every object in bytes, a power of two (default 8). Objects are laid out at
   * a stride of the object size rounded up to this alignment. An alignment above the page size (16 KiB
   * first-level page tables) makes each slab start on such a boundary.
   */
  readonly align?: number;
  /**
   * Pages per slab (one run from the page source). Default: the fewest pages that hold at
   * least one object.
   */
  readonly pagesPerSlab?: number;
  /**
   * Upper bound on objects held at once; `alloc` returns -1 beyond it. Default: unbounded
   * (limited only by the page source).
   */
  readonly maxObjects?: number;
  /**
   * Empty slabs kept for reuse instead of being given back at once (default 0: a slab goes
   * back to the page source as soon as its last object is freed). Kept slabs go back on
   * `shrink()`. A small number avoids taking and returning a slab on every alloc/free pair
   * at a slab boundary.
   */
  readonly keepEmptySlabs?: number;
  /** A name shown in error messages and statistics. */
  readonly name?: string;
}

/** A snapshot of a cache's state. */
export interface MemCacheStats {
  /** The cache's name. */
  readonly name: string;
  /** Requested object size in bytes. */
  readonly objectSize: number;
  /** Distance between consecutive objects in a slab (object size rounded to `align`). */
  readonly stride: number;
  /** Alignment of every object in bytes. */
  readonly align: number;
  /** Objects that fit in one slab. */
  readonly objectsPerSlab: number;
  /** Pages in one slab. */
  readonly pagesPerSlab: number;
  /** Objects currently allocated. */
  readonly inUse: number;
  /** Slabs currently held. */
  readonly slabs: number;
  /** Pages currently held from the page source (including any alignment slack). */
  readonly pagesHeld: number;
  /** Objects the held slabs can hold. */
  readonly capacity: number;
  /** Successful allocations since creation. */
  readonly allocations: number;
  /** Successful frees since creation. */
  readonly frees: number;
}

/** Options of `new Kmalloc`. */
export interface KmallocOptions {
  /** Smallest size class in bytes, a power of two ≥ 8 (default 8). */
  readonly minSize?: number;
  /**
   * Largest size class in bytes, a power of two ≥ `minSize` (default half a page). Bigger
   * requests are served as whole pages straight from the page source.
   */
  readonly maxSize?: number;
  /**
   * Empty slabs each size class keeps for reuse (default 0: slabs go back to the page
   * source as soon as they empty). See {@link MemCacheOptions.keepEmptySlabs}.
   */
  readonly keepEmptySlabs?: number;
}

/** A snapshot of a kmalloc instance's state. */
export interface KmallocStats {
  /** One entry per size class, smallest first. */
  readonly classes: readonly MemCacheStats[];
  /** Live allocations bigger than the largest class (served as whole pages). */
  readonly largeAllocations: number;
  /** Pages held by those large allocations. */
  readonly largePages: number;
  /** Live allocations of every kind. */
  readonly inUse: number;
  /** Pages held from the page source in total. */
  readonly pagesHeld: number;
}

/**
 * What went wrong, in a `MemcacheError`'s `code`:
 * - `foreign`: the address is not in any page this cache / kmalloc instance holds
 *   (another instance's object, another cache's object, or an unknown address);
 * - `out-of-range`: the address is not a non-negative integer, or lies in a slab's unused
 *   tail (where the original kept its header and bitmap);
 * - `misaligned`: inside a slab or a large allocation, but not at an object's start;
 * - `double-free`: the object is already free;
 * - `invalid-argument`: a bad size, alignment or option;
 * - `reentrant`: the page source called back into the cache while it was growing;
 * - `bad-page-source`: the page source returned an address that is not page-aligned or
 *   is out of the supported range.
 */
export type MemcacheErrorCode =
  | 'foreign'
  | 'out-of-range'
  | 'misaligned'
  | 'double-free'
  | 'invalid-argument'
  | 'reentrant'
  | 'bad-page-source';

/** Options of `new ArrayPageSource`. */
export interface ArrayPageSourceOptions {
  /** Number of pages managed. */
  readonly pages: number;
  /** Page size in bytes, a power of two (default 4096). */
  readonly pageSize?: number;
  /** Byte address of the first page, a multiple of the page size (default 0). */
  readonly base?: number;
}
