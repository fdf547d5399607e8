import type { Vma } from './vma.js';

/** An address space: its vmas sorted by start page, and its program break. */
export class Space {
  /** vmas, sorted by start, never overlapping. */
  readonly vmas: Vma[] = [];
  /** Lowest break (bytes); -1 until set. */
  brkStart = -1;
  /** Current break (bytes). */
  brk = -1;

  constructor(readonly id: number) {}

  /** Index of the first vma whose end is above `page` (vmas.length if none). */
  indexAfter(page: number): number {
    const v = this.vmas;
    let lo = 0;
    let hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v[mid]!.end <= page) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The vma holding `page`, or undefined. */
  find(page: number): Vma | undefined {
    const vma = this.vmas[this.indexAfter(page)];
    return vma !== undefined && vma.start <= page ? vma : undefined;
  }

  /** Inserts a vma that overlaps none. */
  insert(vma: Vma): void {
    this.vmas.splice(this.indexAfter(vma.start), 0, vma);
  }

  /** Removes a vma. */
  remove(vma: Vma): void {
    const i = this.vmas.indexOf(vma);
    if (i >= 0) this.vmas.splice(i, 1);
  }

  /** True when no vma intersects [start, end). */
  isFree(start: number, end: number): boolean {
    const vma = this.vmas[this.indexAfter(start)];
    return vma === undefined || vma.start >= end;
  }

  /** True when every page of [start, end) is inside some vma. */
  isCovered(start: number, end: number): boolean {
    let page = start;
    let i = this.indexAfter(start);
    while (page < end) {
      const vma = this.vmas[i++];
      if (vma === undefined || vma.start > page) return false;
      page = vma.end;
    }
    return true;
  }

  /** First page of the lowest gap of `count` pages inside [lo, hi), or -1. */
  firstFit(count: number, lo: number, hi: number): number {
    let cand = lo;
    for (let i = this.indexAfter(lo); i < this.vmas.length; i++) {
      const vma = this.vmas[i]!;
      if (vma.start >= cand + count) break;
      if (vma.end > cand) cand = vma.end;
    }
    return cand + count <= hi ? cand : -1;
  }
}
