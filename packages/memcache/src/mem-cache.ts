import type { MemCacheOptions, MemCacheStats, PageSource } from './api.js';
import { MemcacheError } from './memcache-error.js';
import { ceilLog2, isPowerOfTwo, oddInverse, trailingZeros } from './internal/bits.js';
import { checkRun } from './internal/check-run.js';
import { FreeBitmap } from './internal/free-bitmap.js';
import { hex } from './internal/format.js';
import { type PageRegistry, SLAB_BITS, SLAB_MASK, privateRegistry } from './internal/page-registry.js';
import type { PageMap } from './internal/page-map.js';

/** Slot numbers must stay below this (they are int32 bit indices). */
const MAX_SLOTS = 2 ** 30;

/**
 * A cache of fixed-size objects carved from slabs (runs of pages taken from a
 * {@link PageSource}).
 *
 * Every slot of every slab has a number, `slab << slotShift | index`, and one free-slot set
 * (a bitmap with summary levels) covers them all, so `alloc` takes the
 * lowest free slot of the lowest-numbered slab in O(log₃₂ n) without scanning, and `free`
 * finds the slab from the address through a page→slab hash map in O(1). Slab numbers are
 * reused lowest first. Metadata lives on the host side, in typed arrays, not in the slab
 * pages: every byte of a slab is available to objects.
 *
 * A slab is given back to the page source as soon as its last object is freed (unless
 * `keepEmptySlabs` says to keep a few), so a cache holds no pages when it holds no objects.
 */
export class MemCache {
  /** The cache's name (for messages and statistics). */
  readonly name: string;
  /** Requested object size in bytes. */
  readonly objectSize: number;
  /** Alignment of every object in bytes. */
  readonly align: number;
  /** Distance between consecutive objects: the object size rounded up to `align`. */
  readonly stride: number;
  /** Pages per slab. */
  readonly pagesPerSlab: number;
  /** Objects per slab. */
  readonly objectsPerSlab: number;
  /** The page size of the source. */
  readonly pageSize: number;

  private readonly source: PageSource;
  /** 1 / pageSize (exact: the page size is a power of two). */
  private readonly pageFraction: number;
  /**
   * log2(pageSize), at most 31: `address >>> pageShift` is the page of any address below
   * 2^32. Other addresses get some wrong page, which is harmless: the fast path of `free`
   * only accepts an address it has proved to be an object start of the slab found.
   */
  private readonly pageShift: number;
  /** Bytes of a slab covered by objects (the rest is an unused tail). */
  private readonly usedBytes: number;
  private readonly slabAlignPages: number;
  private readonly slotShift: number;
  /** Trailing zero bits of the stride: stride = odd × 2^strideZeros. */
  private readonly strideZeros: number;
  /** (1 << strideZeros) − 1: offset bits that must be zero at an object start. */
  private readonly strideLowMask: number;
  /**
   * The inverse of the stride's odd factor modulo 2^32: multiplying a multiple of that factor
   * by it gives the exact quotient, and any other number gives a quotient too large to be an
   * object index (exact division by multiplication, no divide instruction).
   */
  private readonly strideOddInverse: number;
  /**
   * Object indices the fast path of `free` accepts: those whose offset fits in an int31
   * (all of them, except in slabs over 2 GiB), so that quotients of non-multiples stay out.
   */
  private readonly fastObjects: number;
  private readonly slotMask: number;
  private readonly maxObjects: number;
  private readonly keepEmptySlabs: number;

  /** Free slots of all slabs (bit set = free). */
  private readonly freeSlots: FreeBitmap;
  /** Unused slab numbers below `slabLimit`. */
  private readonly idleSlabs: FreeBitmap;
  /** Page number → `tag << SLAB_BITS | slab`, for every page of every held slab. */
  private pageMap: PageMap;
  /** This cache's tag in `pageMap` (shared by all classes of a kmalloc). */
  private tag: number;
  private slabLimit = 0;
  /**
   * The hot per-slab numbers, in one array so alloc and free load one typed array: slab `s`
   * has its first object's address at `2s + 2` and its objects in use at `2s + 3`. Entry 0
   * counts successful allocations (a double: it may pass 2^31); frees are that minus `live`.
   */
  private slabInfo = new Float64Array(2 * 8 + 2);
  /** Per slab, two doubles: first address of the run taken from the source, pages in that run. */
  private slabRun = new Float64Array(8 * 2);

  private live = 0;
  private slabCount = 0;
  private emptySlabs = 0;
  private pages = 0;
  private growing = false;

  /**
   * Creates an empty cache (it takes no pages until the first allocation).
   *
   * @param source - where slabs come from.
   * @param objectSize - bytes per object, a positive integer.
   * @param options - alignment, slab size, bounds, name.
   * @throws {@link MemcacheError} `invalid-argument` for a bad size or option.
   */
  constructor(source: PageSource, objectSize: number, options: MemCacheOptions = {}) {
    const name = options.name ?? `memcache-${objectSize}`;
    const bad = (what: string): MemcacheError => new MemcacheError('invalid-argument', `${name}: ${what}`);
    const pageSize = source.pageSize;
    if (!isPowerOfTwo(pageSize)) throw bad(`page size ${pageSize} is not a power of two`);
    if (!Number.isSafeInteger(objectSize) || objectSize <= 0) throw bad(`object size ${objectSize} is not a positive integer`);
    const align = options.align ?? 8;
    if (!isPowerOfTwo(align)) throw bad(`alignment ${align} is not a power of two`);
    const stride = Math.ceil(objectSize / align) * align;
    const pagesPerSlab = options.pagesPerSlab ?? Math.max(1, Math.ceil(stride / pageSize));
    if (!Number.isSafeInteger(pagesPerSlab) || pagesPerSlab <= 0) throw bad(`pagesPerSlab ${pagesPerSlab} is not a positive integer`);
    const slabBytes = pagesPerSlab * pageSize;
    const objectsPerSlab = Math.floor(slabBytes / stride);
    if (objectsPerSlab === 0) throw bad(`a slab of ${pagesPerSlab} page(s) cannot hold one ${stride}-byte object`);
    if (objectsPerSlab > MAX_SLOTS / 2) throw bad(`a slab of ${objectsPerSlab} objects is too large`);
    const maxObjects = options.maxObjects ?? Infinity;
    if (!(maxObjects >= 0) || (maxObjects !== Infinity && !Number.isSafeInteger(maxObjects))) {
      throw bad(`maxObjects ${maxObjects} is not a non-negative integer`);
    }
    const keepEmptySlabs = options.keepEmptySlabs ?? 0;
    if (!Number.isSafeInteger(keepEmptySlabs) || keepEmptySlabs < 0) {
      throw bad(`keepEmptySlabs ${keepEmptySlabs} is not a non-negative integer`);
    }
    this.name = name;
    const registry = privateRegistry();
    this.pageMap = registry.map;
    this.tag = registry.tag;
    this.source = source;
    this.pageSize = pageSize;
    this.pageFraction = 1 / pageSize;
    this.pageShift = Math.min(31, ceilLog2(Math.min(pageSize, 2 ** 31)));
    this.objectSize = objectSize;
    this.align = align;
    this.stride = stride;
    this.pagesPerSlab = pagesPerSlab;
    this.objectsPerSlab = objectsPerSlab;
    this.usedBytes = objectsPerSlab * stride;
    this.strideZeros = trailingZeros(stride);
    this.strideLowMask = this.strideZeros >= 31 ? -1 : (1 << this.strideZeros) - 1;
    this.strideOddInverse = oddInverse(stride / 2 ** this.strideZeros);
    this.fastObjects = Math.min(objectsPerSlab, Math.floor((2 ** 31 - 1) / stride) + 1);
    this.slabAlignPages = align > pageSize ? align / pageSize : 1;
    this.slotShift = ceilLog2(objectsPerSlab);
    this.slotMask = (1 << this.slotShift) - 1;
    this.maxObjects = Math.min(maxObjects, MAX_SLOTS); // never more live objects than slots
    this.keepEmptySlabs = keepEmptySlabs;
    this.freeSlots = new FreeBitmap(8 << this.slotShift);
    this.idleSlabs = new FreeBitmap(8);
  }

  /**
   * Allocates one object; returns its address, or -1 when the page source is out of memory
   * or `maxObjects` objects are live. O(log₃₂ n) for n slots; O(pages per slab) more when a
   * slab must be added.
   *
   * @throws {@link MemcacheError} `reentrant` when called by the page source while this
   *   cache is asking it for a slab; `bad-page-source` when the source breaks its contract.
   */
  alloc(): number {
    if (this.live >= this.maxObjects) return -1;
    let slot = this.freeSlots.takeFirst();
    if (slot < 0 && (slot = this.addSlab()) < 0) return -1;
    const info = this.slabInfo;
    const at = (slot >>> this.slotShift) * 2 + 2;
    if (info[at + 1]!++ === 0) this.slabRefilled();
    this.live++;
    info[0]!++;
    return info[at]! + (slot & this.slotMask) * this.stride;
  }

  /**
   * Frees the object at `address`. O(1) plus O(log₃₂ n) for the bitmap, and O(pages per
   * slab) more when the slab empties and goes back to the source.
   *
   * @throws {@link MemcacheError} `foreign` when `address` is not in a slab of this cache,
   *   `out-of-range` for a non-address or an address in a slab's unused tail, `misaligned`
   *   when it is not an object's start, `double-free` when the object is already free.
   */
  free(address: number): void {
    // The page number by a truncating multiply: exact for every valid address; anything else
    // gives some page number, and `tryFree` accepts only a proven object start of that slab.
    const slabBits: typeof SLAB_BITS = 24; // literals: module constants cost a load here
    const slabMask: typeof SLAB_MASK = 0xff_ffff;
    const v = this.pageMap.lookup(address >>> this.pageShift);
    if (v >>> slabBits !== this.tag || !this.tryFree(v & slabMask, address)) this.freeChecked(address);
  }

  /**
   * The fast path of `free`, given the slab a page lookup found: frees `address` and returns
   * true when it is the start of an allocated object of live slab `slab`; returns false,
   * changing nothing, otherwise (the caller then takes the careful path).
   * @internal
   */
  tryFree(slab: number, address: number): boolean {
    const info = this.slabInfo;
    const at = slab * 2 + 2;
    const offset = address - info[at]!;
    const o = offset | 0;
    if (o !== offset || (o & this.strideLowMask) !== 0) return false;
    // Exact division by the odd factor (see strideOddInverse); a negative or misaligned
    // offset yields a number outside [0, fastObjects).
    const index = Math.imul(o >>> this.strideZeros, this.strideOddInverse);
    if (index < 0 || index >= this.fastObjects) return false;
    if (!this.freeSlots.addIfAbsent((slab << this.slotShift) | index)) return false;
    this.live--;
    if (--info[at + 1]! === 0) this.slabEmptied(slab);
    return true;
  }

  /**
   * The careful path of `free`, taken when the fast path declined: looks the page up exactly,
   * then frees the object or throws the error that says what is wrong with the address.
   */
  private freeChecked(address: number): void {
    const v = this.pageMap.get(Math.floor(address * this.pageFraction));
    if (v >>> SLAB_BITS !== this.tag) throw this.notMine(address);
    this.freeInSlab(v & SLAB_MASK, address);
  }

  /**
   * Frees `address`, known to lie in a page of live slab `slab` of this cache (found by an
   * exact page lookup), or throws the error that says what is wrong with it.
   * @internal
   */
  freeInSlab(slab: number, address: number): void {
    const offset = address - this.slabInfo[slab * 2 + 2]!;
    if (!Number.isSafeInteger(offset) || offset < 0 || offset >= this.usedBytes) throw this.badOffset(address, offset);
    const index = Math.floor(offset / this.stride);
    if (index * this.stride !== offset) throw this.badFree('misaligned', address, 'is not the start of an object');
    if (!this.freeSlots.addIfAbsent((slab << this.slotShift) | index)) throw this.badFree('double-free', address, 'is already free');
    this.live--;
    if (--this.slabInfo[slab * 2 + 3]! === 0) this.slabEmptied(slab);
  }

  /** A slab went from empty to in use: if it was a kept empty slab, it no longer is. */
  private slabRefilled(): void {
    if (this.emptySlabs > 0) this.emptySlabs--;
  }

  /** The last object of live slab `slab` was freed: keep the slab or give it back. */
  private slabEmptied(slab: number): void {
    if (this.emptySlabs < this.keepEmptySlabs) this.emptySlabs++;
    else this.releaseSlab(slab);
  }

  /**
   * Records this cache's pages in `registry` instead of its private map (kmalloc shares one
   * map between its classes). Only before the cache has taken any slab.
   * @internal
   */
  useRegistry(registry: PageRegistry): void {
    if (this.slabLimit !== 0) throw new MemcacheError('invalid-argument', `${this.name}: the page registry can only change before the first slab`);
    this.pageMap = registry.map;
    this.tag = registry.tag;
  }

  /** True when `address` is an object of this cache that is currently allocated. */
  isAllocated(address: number): boolean {
    const v = this.pageMap.get(Math.floor(address * this.pageFraction));
    if (v >>> SLAB_BITS !== this.tag) return false;
    const slab = v & SLAB_MASK;
    const offset = address - this.slabInfo[slab * 2 + 2]!;
    if (offset % this.stride !== 0) return false;
    const index = offset / this.stride;
    if (index >= this.objectsPerSlab) return false;
    return !this.freeSlots.has((slab << this.slotShift) | index);
  }

  /** True when `address` lies in a page this cache holds. */
  owns(address: number): boolean {
    return this.pageMap.get(Math.floor(address * this.pageFraction)) >>> SLAB_BITS === this.tag;
  }

  /** Objects currently allocated. */
  get inUse(): number {
    return this.live;
  }

  /** Pages currently held from the page source. */
  get pagesHeld(): number {
    return this.pages;
  }

  /** Gives every empty slab back to the page source (those kept by `keepEmptySlabs`). */
  shrink(): void {
    for (let slab = 0; slab < this.slabLimit && this.emptySlabs > 0; slab++) {
      if (!this.idleSlabs.has(slab) && this.slabInfo[slab * 2 + 3] === 0) {
        this.emptySlabs--;
        this.releaseSlab(slab);
      }
    }
  }

  /** A snapshot of the cache's counters. */
  stats(): MemCacheStats {
    const allocations = this.slabInfo[0]!;
    return {
      name: this.name,
      objectSize: this.objectSize,
      stride: this.stride,
      align: this.align,
      objectsPerSlab: this.objectsPerSlab,
      pagesPerSlab: this.pagesPerSlab,
      inUse: this.live,
      slabs: this.slabCount,
      pagesHeld: this.pages,
      capacity: this.slabCount * this.objectsPerSlab,
      allocations,
      frees: allocations - this.live,
    };
  }

  /**
   * Takes a slab from the source; returns its first slot number, already taken out of the
   * free set (for `alloc`), or -1.
   */
  private addSlab(): number {
    if (this.growing) {
      throw new MemcacheError('reentrant', `${this.name}: alloc was called again while the cache was taking a slab from its page source`);
    }
    const slab = this.idleSlabs.first();
    const fresh = slab < 0;
    if (fresh && ((this.slabLimit + 1) * 2 ** this.slotShift > MAX_SLOTS || this.slabLimit >= SLAB_MASK)) return -1;
    this.growing = true;
    let run: number;
    let runPages = this.pagesPerSlab;
    let base: number;
    try {
      run = this.source.allocPages(runPages, this.slabAlignPages);
      if (run < 0) return -1;
      checkRun(run, runPages, this.pageSize, this.name);
      base = run;
      if (base % this.align !== 0) {
        // The source did not honour the alignment: take a run with room to align inside.
        this.source.freePages(run);
        runPages = this.pagesPerSlab + this.slabAlignPages - 1;
        run = this.source.allocPages(runPages, 1);
        if (run < 0) return -1;
        checkRun(run, runPages, this.pageSize, this.name);
        base = Math.ceil(run / this.align) * this.align;
      }
    } finally {
      this.growing = false;
    }
    const id = fresh ? this.newSlabNumber() : slab;
    if (!fresh) this.idleSlabs.remove(id);
    this.slabInfo[id * 2 + 2] = base;
    this.slabInfo[id * 2 + 3] = 0;
    this.slabRun[id << 1] = run;
    this.slabRun[(id << 1) + 1] = runPages;
    const firstPage = base / this.pageSize;
    const value = (this.tag << SLAB_BITS) | id;
    for (let p = 0; p < this.pagesPerSlab; p++) this.pageMap.set(firstPage + p, value);
    const firstSlot = id << this.slotShift;
    this.freeSlots.addRange(firstSlot + 1, this.objectsPerSlab - 1);
    this.slabCount++;
    this.pages += runPages;
    return firstSlot;
  }

  /** Extends the slab tables by one slab number and returns it. */
  private newSlabNumber(): number {
    const id = this.slabLimit++;
    // Each table grows on its own (a write past a typed array's end would be lost silently).
    if (id * 2 + 3 >= this.slabInfo.length) {
      const info = new Float64Array(this.slabInfo.length * 2);
      info.set(this.slabInfo);
      this.slabInfo = info;
    }
    if (id * 2 + 1 >= this.slabRun.length) {
      const run = new Float64Array(this.slabRun.length * 2);
      run.set(this.slabRun);
      this.slabRun = run;
    }
    this.freeSlots.grow(this.slabLimit << this.slotShift);
    this.idleSlabs.grow(this.slabLimit);
    return id;
  }

  /** Gives an empty slab back to the source. */
  private releaseSlab(slab: number): void {
    this.freeSlots.removeRange(slab << this.slotShift, this.objectsPerSlab);
    const firstPage = this.slabInfo[slab * 2 + 2]! / this.pageSize;
    for (let p = 0; p < this.pagesPerSlab; p++) this.pageMap.delete(firstPage + p);
    this.idleSlabs.add(slab);
    this.slabCount--;
    this.pages -= this.slabRun[(slab << 1) + 1]!;
    this.source.freePages(this.slabRun[slab << 1]!);
  }

  private badOffset(address: number, offset: number): MemcacheError {
    if (offset < 0) return this.badFree('out-of-range', address, 'lies before its slab');
    if (offset >= this.usedBytes) return this.badFree('out-of-range', address, "lies in a slab's unused tail, past its last object");
    return this.badFree('misaligned', address, 'is not the start of an object');
  }

  private notMine(address: number): MemcacheError {
    if (!Number.isSafeInteger(address) || address < 0) {
      return this.badFree('out-of-range', address, 'is not a non-negative integer address');
    }
    return this.badFree('foreign', address, 'is not in any slab of this cache');
  }

  private badFree(code: 'foreign' | 'out-of-range' | 'misaligned' | 'double-free', address: number, why: string): MemcacheError {
    return new MemcacheError(code, `${this.name}: cannot free ${hex(address)}: it ${why}`);
  }
}

/**
 * Creates a {@link MemCache} of `objectSize`-byte objects over `source`.
 *
 * @example
 * ```ts
 * const tables = createMemCache(source, 16384, { align: 16384 }); // first-level page tables
 * const pgd = tables.alloc(); // a 16 KiB-aligned address, or -1
 * tables.free(pgd);
 * ```
 */
export function createMemCache(source: PageSource, objectSize: number, options: MemCacheOptions = {}): MemCache {
  return new MemCache(source, objectSize, options);
}
