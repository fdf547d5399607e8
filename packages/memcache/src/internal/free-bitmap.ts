/**
 * A growable set of small non-negative integers (set bit = member) with O(log₃₂ n) lowest
 * member lookup, insert and remove.
 *
 * Level 0 holds one bit per integer. Each higher level holds one bit per word of the level
 * below, set when that word is nonzero; the top level is a single word. All levels live in
 * one Int32Array, level 0 first, so the hot operations touch one typed array.
 *
 * The hot pair is {@link FreeBitmap.takeFirst} / {@link FreeBitmap.addIfAbsent}: both read
 * and write one level-0 word and touch the summaries only when that word changes between
 * empty and non-empty. Level 1 (there are always at least two levels) is handled without a
 * loop, its start kept in a field; only deeper levels, reached when a whole level-1 word
 * empties or fills, run one.
 */
export class FreeBitmap {
  /** All levels, concatenated. */
  private words: Int32Array;
  /** Start word of each level within `words`. */
  private offsets: Int32Array;
  /** Number of levels (≥ 1). */
  private levels: number;
  /** Start word of level 1 within `words` (0 when there is a single level). */
  private level1: number;
  /** Capacity in bits (a multiple of 32). */
  private capacityBits: number;
  /**
   * Index of the lowest nonzero level-0 word (some zero word when the set is empty), kept
   * exact by every change: the lowest member is always one word read away, and when that
   * word empties the next one is usually found in the same level-1 word.
   */
  private low = 0;

  /**
   * Creates an empty set able to hold integers below `capacity` before growing. There are
   * always at least two levels (64 bits), so the hot paths never ask whether level 1 exists.
   */
  constructor(capacity = 64) {
    this.words = new Int32Array(1);
    this.offsets = new Int32Array(1);
    this.levels = 1;
    this.level1 = 0;
    this.capacityBits = 32;
    this.grow(Math.max(64, capacity));
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
    this.level1 = offsets[1]!; // at least two levels: capacity ≥ 64
    this.capacityBits = want;
    this.low = 0;
    // Rebuild the summaries from level 0.
    for (let l = 1; l < this.levels; l++) {
      const below = offsets[l - 1]!;
      const here = offsets[l]!;
      const count = sizes[l - 1]!;
      for (let i = 0; i < count; i++) {
        if (words[below + i] !== 0) words[here + (i >>> 5)]! |= 1 << (i & 31);
      }
    }
    this.low = Math.max(0, this.firstWord());
  }

  /** The smallest member, or -1 when the set is empty. O(1). */
  first(): number {
    const word = this.words[this.low]!;
    return word === 0 ? -1 : (this.low << 5) | (31 - Math.clz32(word & -word));
  }

  /** Removes and returns the smallest member, or returns -1 when the set is empty. */
  takeFirst(): number {
    const words = this.words;
    const p = this.low;
    const word = words[p]!;
    if (word === 0) return -1;
    const bit = word & -word;
    const now = word ^ bit;
    words[p] = now;
    if (now === 0) {
      // Word p emptied: clear its summary bit. Every word below p is zero, so the lowest bit
      // left in the level-1 word, if any, is the next nonzero word.
      const q = this.level1 + (p >>> 5);
      const rest = words[q]! & ~(1 << (p & 31));
      words[q] = rest;
      if (rest !== 0) this.low = (p & ~31) | (31 - Math.clz32(rest & -rest));
      else this.groupEmptied(p);
    }
    return (p << 5) | (31 - Math.clz32(bit));
  }

  /** Adds `i` (below {@link FreeBitmap.capacity}) unless present; returns whether it was absent. */
  addIfAbsent(i: number): boolean {
    const words = this.words;
    const p = i >>> 5;
    const bit = 1 << (i & 31);
    const old = words[p]!;
    if ((old & bit) !== 0) return false;
    words[p] = old | bit;
    if (old === 0) {
      // Word p filled: it may now be the lowest nonzero word; set its summary bit.
      if (p < this.low || words[this.low] === 0) this.low = p;
      const q = this.level1 + (p >>> 5);
      const prev = words[q]!;
      words[q] = prev | (1 << (p & 31));
      if (prev === 0) this.fillAbove(p >>> 5);
    }
    return true;
  }

  /** True when `i` is a member. `i` must be below {@link FreeBitmap.capacity}. */
  has(i: number): boolean {
    return ((this.words[i >>> 5]! >>> (i & 31)) & 1) !== 0;
  }

  /** Adds `i` (below {@link FreeBitmap.capacity}). */
  add(i: number): void {
    this.addIfAbsent(i);
  }

  /** Removes `i` (below {@link FreeBitmap.capacity}). */
  remove(i: number): void {
    const words = this.words;
    const p = i >>> 5;
    const old = words[p]!;
    const now = old & ~(1 << (i & 31));
    words[p] = now;
    if (now === 0 && old !== 0) this.wordEmptied(p);
  }

  /** Adds every integer in `[start, start + count)`. */
  addRange(start: number, count: number): void {
    for (let i = start, end = start + count; i < end; i++) this.addIfAbsent(i);
  }

  /** Removes every integer in `[start, start + count)`. */
  removeRange(start: number, count: number): void {
    for (let i = start, end = start + count; i < end; i++) this.remove(i);
  }

  /** Index of the lowest nonzero level-0 word, or -1 when the set is empty: a walk down. */
  private firstWord(): number {
    const words = this.words;
    const offsets = this.offsets;
    let level = this.levels - 1;
    const top = words[offsets[level]!]!;
    if (top === 0) return -1;
    let index = 31 - Math.clz32(top & -top);
    while (level > 1) {
      level--;
      const word = words[offsets[level]! + index]!;
      index = (index << 5) | (31 - Math.clz32(word & -word));
    }
    return index;
  }

  /** Level-1 word `up` went from zero to nonzero: set summary bits upward while words were empty. */
  private fillAbove(up: number): void {
    const words = this.words;
    const offsets = this.offsets;
    const levels = this.levels;
    for (let level = 2; level < levels; level++) {
      const r = offsets[level]! + (up >>> 5);
      const w = words[r]!;
      words[r] = w | (1 << (up & 31));
      if (w !== 0) return;
      up >>>= 5;
    }
  }

  /** Level-0 word `p` went from nonzero to zero (outside `takeFirst`): update summaries and `low`. */
  private wordEmptied(p: number): void {
    const words = this.words;
    const q = this.level1 + (p >>> 5);
    const rest = words[q]! & ~(1 << (p & 31));
    words[q] = rest;
    if (rest === 0) this.groupEmptied(p);
    else if (p === this.low) this.low = (p & ~31) | (31 - Math.clz32(rest & -rest));
  }

  /** The level-1 word over level-0 word `p` became zero: clear above, find the next `low`. */
  private groupEmptied(p: number): void {
    this.clearAbove(p >>> 5);
    if (p !== this.low) return;
    const next = this.firstWord();
    if (next >= 0) this.low = next;
  }

  /** Level-1 word `up` became zero: clear summary bits upward while words become empty. */
  private clearAbove(up: number): void {
    const words = this.words;
    const offsets = this.offsets;
    const levels = this.levels;
    for (let level = 2; level < levels; level++) {
      const r = offsets[level]! + (up >>> 5);
      const w = words[r]! & ~(1 << (up & 31));
      words[r] = w;
      if (w !== 0) return;
      up >>>= 5;
    }
  }
}
