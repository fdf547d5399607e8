import type { PageMapper } from '@codezero-ts/vm-objects';
import { Prot } from '@codezero-ts/vm-objects';

/** One queued page-table operation: map (frame ≥ 0, flags) or unmap (frame -1) of `count` pages. */
export interface MapOp {
  /** Space id (the kernel's). */
  space: number;
  /** First virtual page. */
  page: number;
  /** Pages. */
  count: number;
  /** First frame for a map, -1 for an unmap. */
  frame: number;
  /** Kernel map flags (MapFlags) for a map. */
  flags: number;
}

const USER_RW = 1;
const USER_RO = 2;

/**
 * A {@link PageMapper} for a pager that is a server thread: vm-objects calls it
 * synchronously, but page tables change only through the kernel's map and unmap calls,
 * which a server thread must yield. So operations are queued, merged where contiguous, and
 * drained by the pager (`take`) before it replies to anyone. A shadow table per space keeps
 * the frame behind every mapped page, so `protect` can remap read-only.
 */
export class QueuedMapper implements PageMapper {
  readonly #queue: MapOp[] = [];
  readonly #tables = new Map<number, Map<number, number>>();

  /** Starts tracking a space. */
  addSpace(space: number): void {
    this.#tables.set(space, new Map());
  }

  /** Forgets a space (its kernel tables are gone): queued operations for it are dropped. */
  dropSpace(space: number): void {
    this.#tables.delete(space);
    for (let i = this.#queue.length - 1; i >= 0; i--) if (this.#queue[i]!.space === space) this.#queue.splice(i, 1);
  }

  /** The frame mapped at `page` of `space` (as queued), or -1. */
  frameAt(space: number, page: number): number {
    const e = this.#tables.get(space)?.get(page);
    return e === undefined ? -1 : e >> 1;
  }

  /** Queued operations, oldest first; the queue is emptied. */
  take(): MapOp[] {
    return this.#queue.splice(0, this.#queue.length);
  }

  /** True when operations are waiting. */
  get pending(): boolean {
    return this.#queue.length > 0;
  }

  map(space: number, virtPage: number, frame: number, prot: number): void {
    const t = this.#tables.get(space);
    if (t === undefined) return;
    if ((prot & (Prot.READ | Prot.WRITE | Prot.EXEC)) === 0) {
      this.unmap(space, virtPage, 1);
      return;
    }
    const writable = (prot & Prot.WRITE) !== 0;
    t.set(virtPage, (frame << 1) | (writable ? 1 : 0));
    this.#push(space, virtPage, 1, frame, writable ? USER_RW : USER_RO);
  }

  unmap(space: number, firstPage: number, count: number): void {
    const t = this.#tables.get(space);
    if (t === undefined || count <= 0) return;
    if (count < t.size) {
      for (let p = firstPage; p < firstPage + count; p++) t.delete(p);
    } else {
      for (const p of [...t.keys()]) if (p >= firstPage && p < firstPage + count) t.delete(p);
    }
    this.#push(space, firstPage, count, -1, 0);
  }

  protect(space: number, firstPage: number, count: number, prot: number): void {
    const t = this.#tables.get(space);
    if (t === undefined) return;
    if ((prot & (Prot.READ | Prot.WRITE | Prot.EXEC)) === 0) {
      this.unmap(space, firstPage, count);
      return;
    }
    if ((prot & Prot.WRITE) !== 0) return;
    const pages: number[] = [];
    if (count < t.size) {
      for (let p = firstPage; p < firstPage + count; p++) {
        const e = t.get(p);
        if (e !== undefined && (e & 1) !== 0) pages.push(p);
      }
    } else {
      for (const [p, e] of t) if (p >= firstPage && p < firstPage + count && (e & 1) !== 0) pages.push(p);
      pages.sort((a, b) => a - b);
    }
    for (const p of pages) {
      const f = t.get(p)! >> 1;
      t.set(p, f << 1);
      this.#push(space, p, 1, f, USER_RO);
    }
  }

  #push(space: number, page: number, count: number, frame: number, flags: number): void {
    const last = this.#queue[this.#queue.length - 1];
    if (last !== undefined && last.space === space && last.flags === flags && last.page + last.count === page) {
      if (frame < 0 && last.frame < 0) {
        last.count += count;
        return;
      }
      if (frame >= 0 && last.frame >= 0 && last.frame + last.count === frame) {
        last.count += count;
        return;
      }
    }
    this.#queue.push({ space, page, count, frame, flags });
  }
}
