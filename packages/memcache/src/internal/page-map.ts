/** Largest page number a {@link PageMap} can hold. */
export const MAX_PAGE_NUMBER = 0x7ffffffe;

const EMPTY = -1;
const HASH = 0x9e3779b1;

/**
 * A hash map from page numbers (0 … {@link MAX_PAGE_NUMBER}) to non-negative int32 values,
 * in one Int32Array of key/value pairs (so a hit touches one cache line): open addressing,
 * linear probing, Fibonacci hashing, load ≤ 1/2, backward-shift deletion (no tombstones).
 */
export class PageMap {
  /** Slot i holds its key at 2i and its value at 2i + 1. */
  private table: Int32Array;
  private shift: number;
  private mask: number;
  private count = 0;

  /** Creates an empty map. */
  constructor() {
    this.table = new Int32Array(32).fill(EMPTY);
    this.shift = 28;
    this.mask = 15;
  }

  /** Number of entries. */
  get size(): number {
    return this.count;
  }

  /** The value stored for `page`, or -1. `page` may be any number. */
  get(page: number): number {
    if (!(page >= 0 && page <= MAX_PAGE_NUMBER)) return -1;
    const table = this.table;
    const mask = this.mask;
    let i = Math.imul(page, HASH) >>> this.shift;
    for (;;) {
      const k = table[i << 1]!;
      if (k === page) return table[(i << 1) | 1]!;
      if (k === EMPTY) return -1;
      i = (i + 1) & mask;
    }
  }

  /**
   * The value stored for `page`, or -1, for a `page` known to be a uint32 (such as the
   * result of `>>> 0`): {@link PageMap.get} without the range check, for hot paths. Numbers
   * above {@link MAX_PAGE_NUMBER} match no key.
   */
  lookup(page: number): number {
    // Literals: a bundler turns module constants into variables that cost a load each.
    const hash: typeof HASH = 0x9e3779b1;
    const empty: typeof EMPTY = -1;
    const table = this.table;
    const mask = this.mask;
    let i = Math.imul(page, hash) >>> this.shift;
    for (;;) {
      const k = table[i << 1]!;
      if (k === page) return table[(i << 1) | 1]!;
      if (k === empty) return -1;
      i = (i + 1) & mask;
    }
  }

  /** Stores `value` (≥ 0) for `page` (0 … {@link MAX_PAGE_NUMBER}), replacing any earlier one. */
  set(page: number, value: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.resize((this.mask + 1) * 2);
    const table = this.table;
    const mask = this.mask;
    let i = Math.imul(page, HASH) >>> this.shift;
    for (;;) {
      const k = table[i << 1]!;
      if (k === page || k === EMPTY) {
        if (k === EMPTY) this.count++;
        table[i << 1] = page;
        table[(i << 1) | 1] = value;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Removes `page`; returns whether it was present. */
  delete(page: number): boolean {
    if (!(page >= 0 && page <= MAX_PAGE_NUMBER)) return false;
    const table = this.table;
    const mask = this.mask;
    let i = Math.imul(page, HASH) >>> this.shift;
    for (;;) {
      const k = table[i << 1]!;
      if (k === EMPTY) return false;
      if (k === page) break;
      i = (i + 1) & mask;
    }
    // Backward shift: pull later members of the probe run into the hole unless their home
    // slot lies cyclically after the hole.
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const k = table[j << 1]!;
      if (k === EMPTY) break;
      const home = Math.imul(k, HASH) >>> this.shift;
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        table[hole << 1] = k;
        table[(hole << 1) | 1] = table[(j << 1) | 1]!;
        hole = j;
      }
    }
    table[hole << 1] = EMPTY;
    this.count--;
    return true;
  }

  private resize(slots: number): void {
    const old = this.table;
    this.table = new Int32Array(slots * 2).fill(EMPTY);
    this.mask = slots - 1;
    this.shift = 32 - Math.log2(slots);
    this.count = 0;
    for (let i = 0; i < old.length; i += 2) {
      const k = old[i]!;
      if (k !== EMPTY) this.set(k, old[i + 1]!);
    }
  }
}
