/** Largest page number a {@link PageMap} can hold. */
export const MAX_PAGE_NUMBER = 0x7ffffffe;

const EMPTY = -1;

/**
 * A hash map from page numbers (0 … {@link MAX_PAGE_NUMBER}) to non-negative int32 values,
 * in two Int32Arrays: open addressing, linear probing, Fibonacci hashing, load ≤ 1/2,
 * backward-shift deletion (no tombstones), so a lookup costs a multiply and a probe or two.
 */
export class PageMap {
  private keys: Int32Array;
  private values: Int32Array;
  private shift: number;
  private mask: number;
  private count = 0;

  /** Creates an empty map. */
  constructor() {
    this.keys = new Int32Array(16).fill(EMPTY);
    this.values = new Int32Array(16);
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
    const keys = this.keys;
    const mask = this.mask;
    let i = Math.imul(page, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = keys[i]!;
      if (k === page) return this.values[i]!;
      if (k === EMPTY) return -1;
      i = (i + 1) & mask;
    }
  }

  /** Stores `value` (≥ 0) for `page` (0 … {@link MAX_PAGE_NUMBER}), replacing any earlier one. */
  set(page: number, value: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.resize(this.keys.length * 2);
    const keys = this.keys;
    const mask = this.mask;
    let i = Math.imul(page, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = keys[i]!;
      if (k === page) {
        this.values[i] = value;
        return;
      }
      if (k === EMPTY) {
        keys[i] = page;
        this.values[i] = value;
        this.count++;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Removes `page`; returns whether it was present. */
  delete(page: number): boolean {
    if (!(page >= 0 && page <= MAX_PAGE_NUMBER)) return false;
    const keys = this.keys;
    const values = this.values;
    const mask = this.mask;
    let i = Math.imul(page, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = keys[i]!;
      if (k === EMPTY) return false;
      if (k === page) break;
      i = (i + 1) & mask;
    }
    // Backward-shift: pull later members of the probe run into the hole when their home
    // slot is not strictly after the hole (cyclically).
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const k = keys[j]!;
      if (k === EMPTY) break;
      const home = Math.imul(k, 0x9e3779b1) >>> this.shift;
      const distHome = (j - home) & mask;
      const distHole = (j - hole) & mask;
      if (distHome >= distHole) {
        keys[hole] = k;
        values[hole] = values[j]!;
        hole = j;
      }
    }
    keys[hole] = EMPTY;
    this.count--;
    return true;
  }

  private resize(capacity: number): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Int32Array(capacity).fill(EMPTY);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.shift = 32 - Math.log2(capacity);
    this.count = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i]!;
      if (k !== EMPTY) this.set(k, oldValues[i]!);
    }
  }
}
