import { lowestBit } from './bits.js';

/**
 * A growable set of small non-negative integers (set bit = member) with O(log₃₂ n) lowest
 * member lookup, insert and remove.
 *
 * Level 0 holds one bit per integer. Each higher level holds one bit per word of the level
 * below, set when that word is nonzero; the top level is a single word. All levels live in
 * one Int32Array, level 0 first.
 */
export class FreeBitmap {
  /** All levels, concatenated. */
  private words: Int32Array;
  /** Start word of each level within `words`. */
  private offsets: Int32Array;
  /** Number of levels (≥ 1). */
  private levels: number;
  /** Capacity in bits (a multiple of 32). */
  private capacityBits: number;
  /**
   * A level-0 word index with every word below it zero: where the search for the lowest
   * member may start. When that word is nonzero, it holds the lowest member, so the common
   * case (allocating right after a free) reads one word instead of walking the levels.
   */
  private low = 0;

  /** Creates an empty set able to hold integers below `capacity` before growing. */
  constructor(capacity = 32) {
    this.words = new Int32Array(1);
    this.offsets = new Int32Array(1);
    this.levels = 1;
    this.capacityBits = 32;
    this.grow(capacity);
  }

  /** Integers below this bound can be stored without growing. */
  get capacity(): number {
    return this.capacityBits;
  }

  /** Makes room for integers below `bits`; keeps the members. */
  grow(bits: number): void {
    if (bits <= this.capacityBits) return;
    let want = this.capacityBits;
    while (want < bits) want *= 2;
    const sizes: number[] = [];
    let n = want >>> 5;
    for (;;) {
      sizes.push(n);
      if (n === 1) break;
      n = (n + 31) >>> 5;
    }
    const offsets = new Int32Array(sizes.length);
    let total = 0;
    for (let l = 0; l < sizes.length; l++) {
      offsets[l] = total;
      total += sizes[l]!;
    }
    const words = new Int32Array(total);
    words.set(this.words.subarray(0, this.capacityBits >>> 5), 0);
    this.words = words;
    this.offsets = offsets;
    this.levels = sizes.length;
    this.capacityBits = want;
    // Rebuild the summaries from level 0.
    for (let l = 1; l < this.levels; l++) {
      const below = offsets[l - 1]!;
      const here = offsets[l]!;
      const count = sizes[l - 1]!;
      for (let i = 0; i < count; i++) {
        if (words[below + i] !== 0) words[here + (i >>> 5)]! |= 1 << (i & 31);
      }
    }
  }

  /** The smallest member, or -1 when the set is empty. */
  first(): number {
    const words = this.words;
    const hinted = words[this.low]!;
    if (hinted !== 0) return (this.low << 5) | lowestBit(hinted);
    const offsets = this.offsets;
    let level = this.levels - 1;
    let word = words[offsets[level]!]!;
    if (word === 0) return -1;
    let index = lowestBit(word);
    while (level > 0) {
      level--;
      word = words[offsets[level]! + index]!;
      index = (index << 5) | lowestBit(word);
    }
    return index;
  }

  /**
   * Removes and returns the smallest member, or returns -1 when the set is empty: one walk
   * down the levels, then clears summary bits upward only where a word became empty.
   */
  takeFirst(): number {
    const words = this.words;
    let p = this.low;
    let word = words[p]!;
    if (word === 0) {
      const first = this.first();
      if (first < 0) return -1;
      p = first >>> 5;
      this.low = p;
      word = words[p]!;
    }
    const index = (p << 5) | lowestBit(word);
    const now = word & (word - 1);
    words[p] = now;
    if (now === 0) this.clearSummaries(index);
    return index;
  }

  /** Level 0's word holding `i` became zero: clear summary bits upward while words empty. */
  private clearSummaries(i: number): void {
    const words = this.words;
    const offsets = this.offsets;
    const levels = this.levels;
    let up = i >>> 5;
    for (let level = 1; level < levels; level++) {
      const p = offsets[level]! + (up >>> 5);
      const now = words[p]! & ~(1 << (up & 31));
      words[p] = now;
      if (now !== 0) return;
      up >>>= 5;
    }
  }

  /** Adds `i` (below {@link FreeBitmap.capacity}) unless present; returns whether it was absent. */
  addIfAbsent(i: number): boolean {
    const words = this.words;
    const bit = 1 << (i & 31);
    const old = words[i >>> 5]!;
    if ((old & bit) !== 0) return false;
    words[i >>> 5] = old | bit;
    if (i >>> 5 < this.low) this.low = i >>> 5;
    if (old !== 0) return true;
    const offsets = this.offsets;
    const levels = this.levels;
    let index = i >>> 5;
    for (let level = 1; level < levels; level++) {
      const p = offsets[level]! + (index >>> 5);
      const prev = words[p]!;
      words[p] = prev | (1 << (index & 31));
      if (prev !== 0) break;
      index >>>= 5;
    }
    return true;
  }

  /** True when `i` is a member. `i` must be below {@link FreeBitmap.capacity}. */
  has(i: number): boolean {
    return ((this.words[i >>> 5]! >>> (i & 31)) & 1) !== 0;
  }

  /** Adds `i` (below {@link FreeBitmap.capacity}). */
  add(i: number): void {
    if (i >>> 5 < this.low) this.low = i >>> 5;
    const words = this.words;
    const offsets = this.offsets;
    const levels = this.levels;
    let level = 0;
    let index = i;
    for (;;) {
      const p = offsets[level]! + (index >>> 5);
      const old = words[p]!;
      words[p] = old | (1 << (index & 31));
      if (old !== 0 || ++level === levels) return;
      index >>>= 5;
    }
  }

  /** Removes `i` (below {@link FreeBitmap.capacity}). */
  remove(i: number): void {
    const words = this.words;
    const offsets = this.offsets;
    const levels = this.levels;
    let level = 0;
    let index = i;
    for (;;) {
      const p = offsets[level]! + (index >>> 5);
      const now = words[p]! & ~(1 << (index & 31));
      words[p] = now;
      if (now !== 0 || ++level === levels) return;
      index >>>= 5;
    }
  }

  /** Adds every integer in `[start, start + count)`. */
  addRange(start: number, count: number): void {
    for (let i = start, end = start + count; i < end; i++) this.add(i);
  }

  /** Removes every integer in `[start, start + count)`. */
  removeRange(start: number, count: number): void {
    for (let i = start, end = start + count; i < end; i++) this.remove(i);
  }
}
