import type { IdPoolOptions } from './api.js';
import { PageAllocError } from './page-alloc-error.js';
import { FreeBitmap } from './internal/free-bitmap.js';
import { isPow2 } from './internal/bits.js';

/**
 * A pool of integer ids `[firstId, firstId + capacity)` (thread ids, space ids, address
 * pools…). Allocation always returns the lowest free id, found in O(log₃₂ capacity) through
 * a two-or-more level bitmap; ids can also be claimed by value, allocated as contiguous
 * ranges, and the whole pool copied (for fork).
 */
export class IdPool {
  /** Smallest id of the pool. */
  readonly firstId: number;
  /** Number of ids in the pool. */
  readonly capacity: number;
  #bits: FreeBitmap;
  #used = 0;

  /**
   * @param capacity - number of ids, an integer in [1, 2^30]
   * @param options - first id (default 0)
   * @throws PageAllocError `bad-config`
   */
  constructor(capacity: number, options: IdPoolOptions = {}) {
    const first = options.firstId ?? 0;
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 0x40000000) {
      throw new PageAllocError('bad-config', `id pool capacity ${capacity} must be an integer in [1, 2^30]`);
    }
    if (!Number.isInteger(first) || first < 0 || first + capacity > 0x80000000) {
      throw new PageAllocError('bad-config', `first id ${first} must be an integer ≥ 0 with first + capacity ≤ 2^31`);
    }
    this.firstId = first;
    this.capacity = capacity;
    this.#bits = new FreeBitmap(capacity, true);
  }

  /** Ids currently in use. */
  get usedCount(): number {
    return this.#used;
  }

  /** Ids currently free. */
  get freeCount(): number {
    return this.capacity - this.#used;
  }

  /** Allocates the lowest free id; returns it, or -1 when the pool is exhausted. */
  allocate(): number {
    const i = this.#bits.nextFree(0);
    if (i < 0) return -1;
    this.#bits.setUsed(i);
    this.#used++;
    return i + this.firstId;
  }

  /**
   * Claims a specific id.
   * @returns true when it was free and is now used, false when it was already in use
   * @throws PageAllocError `out-of-range`
   */
  claim(id: number): boolean {
    const i = this.#index(id);
    if (!this.#bits.isFree(i)) return false;
    this.#bits.setUsed(i);
    this.#used++;
    return true;
  }

  /**
   * Frees an id.
   * @throws PageAllocError `out-of-range` or `double-free`
   */
  free(id: number): void {
    const i = this.#index(id);
    if (this.#bits.isFree(i)) throw new PageAllocError('double-free', `id ${id} is already free`);
    this.#bits.setFree(i);
    this.#used--;
  }

  /** True when `id` is in the pool and in use. */
  isUsed(id: number): boolean {
    const i = id - this.firstId;
    return Number.isInteger(i) && i >= 0 && i < this.capacity && !this.#bits.isFree(i);
  }

  /**
   * Allocates `count` contiguous ids, the lowest such run whose first id is a multiple of
   * `align`.
   * @returns the first id, or -1 when no such run is free
   * @throws PageAllocError `bad-size` or `bad-alignment`
   */
  allocateRange(count: number, align = 1): number {
    if (!Number.isInteger(count) || count < 1 || count > this.capacity) {
      throw new PageAllocError('bad-size', `count ${count} must be an integer in [1, ${this.capacity}]`);
    }
    if (!isPow2(align)) throw new PageAllocError('bad-alignment', `alignment ${align} is not a power of two in [1, 2^30]`);
    const mask = align - 1;
    const bits = this.#bits;
    let i = bits.nextFree(0);
    while (i >= 0) {
      const s = ((i + this.firstId + mask) & ~mask) - this.firstId;
      if (s + count > this.capacity) return -1;
      if (s !== i && !bits.isFree(s)) {
        i = bits.nextFree(s);
        continue;
      }
      const e = bits.nextUsed(s);
      if (e - s >= count) {
        for (let x = s; x < s + count; x++) bits.setUsed(x);
        this.#used += count;
        return s + this.firstId;
      }
      i = bits.nextFree(e);
    }
    return -1;
  }

  /**
   * Frees the ids `[first, first + count)`; all must be in use (nothing changes otherwise).
   * @throws PageAllocError `out-of-range`, `bad-size` or `double-free`
   */
  freeRange(first: number, count: number): void {
    const s = this.#index(first);
    if (!Number.isInteger(count) || count < 1 || s + count > this.capacity) {
      throw new PageAllocError('bad-size', `count ${count} must be a positive integer with [${first}, +${count}) inside the pool`);
    }
    const bits = this.#bits;
    const firstFree = bits.nextFree(s);
    if (firstFree >= 0 && firstFree < s + count) {
      throw new PageAllocError('double-free', `id ${firstFree + this.firstId} in [${first}, +${count}) is already free`);
    }
    for (let x = s; x < s + count; x++) bits.setFree(x);
    this.#used -= count;
  }

  /** An independent copy of the pool (for fork). */
  clone(): IdPool {
    const copy = new IdPool(this.capacity, { firstId: this.firstId });
    copy.#bits = this.#bits.clone();
    copy.#used = this.#used;
    return copy;
  }

  /** Ids in use, ascending. O(capacity / 32 + used). */
  usedIds(): number[] {
    const out: number[] = [];
    for (let i = this.#bits.nextUsed(0); i < this.capacity; i = this.#bits.nextUsed(i + 1)) out.push(i + this.firstId);
    return out;
  }

  #index(id: number): number {
    const i = id - this.firstId;
    if (!Number.isInteger(i) || i < 0 || i >= this.capacity) {
      throw new PageAllocError('out-of-range', `id ${id} is outside [${this.firstId}, ${this.firstId + this.capacity})`);
    }
    return i;
  }
}
