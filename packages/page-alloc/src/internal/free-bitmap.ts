import { ctz32 } from './bits.js';

/**
 * Hierarchical bitmap of `size` bits where a set bit means "free". Level 0 holds one bit
 * per item; each higher level holds one bit per word below, set while that word is not
 * zero. Finding the lowest set bit at or after a position costs O(log₃₂ size).
 */
export class FreeBitmap {
  /** Number of items. */
  readonly size: number;
  /** levels[0] is the item level; the last level is a single word. */
  readonly levels: Uint32Array[];

  /** @param size - items; all start free when `allFree`, else all used */
  constructor(size: number, allFree: boolean, levels?: Uint32Array[]) {
    this.size = size;
    if (levels) {
      this.levels = levels;
      return;
    }
    this.levels = [];
    let bits = size;
    for (;;) {
      const words = Math.max(1, Math.ceil(bits / 32));
      const level = new Uint32Array(words);
      if (allFree) {
        level.fill(0xffffffff);
        const rest = bits & 31;
        if (rest !== 0) level[words - 1] = (1 << rest) - 1;
      }
      this.levels.push(level);
      if (words === 1) break;
      bits = words;
    }
  }

  /** A deep copy. */
  clone(): FreeBitmap {
    return new FreeBitmap(this.size, false, this.levels.map((l) => l.slice()));
  }

  /** True when item `i` is free. */
  isFree(i: number): boolean {
    return ((this.levels[0]![i >>> 5]! >>> (i & 31)) & 1) !== 0;
  }

  /** Marks item `i` free. */
  setFree(i: number): void {
    for (const level of this.levels) {
      const w = i >>> 5;
      const before = level[w]!;
      level[w] = before | (1 << (i & 31));
      if (before !== 0) return;
      i = w;
    }
  }

  /** Marks item `i` used. */
  setUsed(i: number): void {
    for (const level of this.levels) {
      const w = i >>> 5;
      const after = level[w]! & ~(1 << (i & 31));
      level[w] = after;
      if (after !== 0) return;
      i = w;
    }
  }

  /** Lowest free item ≥ `from`, or -1. */
  nextFree(from: number): number {
    if (from >= this.size) return -1;
    const levels = this.levels;
    let l = 0;
    let idx = from;
    for (;;) {
      const level = levels[l]!;
      const w = idx >>> 5;
      if (w >= level.length) return -1;
      const bits = level[w]! & (-1 << (idx & 31));
      if (bits !== 0) {
        idx = (w << 5) + ctz32(bits);
        break;
      }
      l++;
      if (l === levels.length) return -1;
      idx = w + 1;
    }
    while (l > 0) {
      l--;
      idx = (idx << 5) + ctz32(levels[l]![idx]!);
    }
    return idx;
  }

  /** Lowest used item ≥ `from`, or `size` when all items from there on are free. */
  nextUsed(from: number): number {
    const words = this.levels[0]!;
    let w = from >>> 5;
    if (w >= words.length) return this.size;
    let bits = ~words[w]! & (-1 << (from & 31));
    while (bits === 0) {
      w++;
      if (w >= words.length) return this.size;
      bits = ~words[w]!;
    }
    return Math.min(this.size, (w << 5) + ctz32(bits));
  }
}
