/**
 * Intrusive doubly linked lists over typed arrays. Every thread has one `next`/`prev` pair
 * and one `list` field, so a thread is on at most one list at a time; runqueues and wait
 * queues all live here, which makes "every thread is in exactly one place" structural.
 * Every operation is O(1) and allocation-free (apart from amortised growth).
 */
export class LinkArena {
  /** Next thread on the same list, or -1. */
  next: Int32Array;
  /** Previous thread on the same list, or -1. */
  prev: Int32Array;
  /** The list a thread is on, or -1. */
  list: Int32Array;
  /** First thread of each list, or -1. */
  head: Int32Array;
  /** Last thread of each list, or -1. */
  tail: Int32Array;
  /** Length of each list. */
  size: Int32Array;
  /** Lists allocated so far. */
  lists = 0;

  constructor(threadCapacity: number, listCapacity: number) {
    this.next = new Int32Array(threadCapacity).fill(-1);
    this.prev = new Int32Array(threadCapacity).fill(-1);
    this.list = new Int32Array(threadCapacity).fill(-1);
    this.head = new Int32Array(listCapacity).fill(-1);
    this.tail = new Int32Array(listCapacity).fill(-1);
    this.size = new Int32Array(listCapacity);
  }

  /** Grow the per-thread arrays to hold at least `n` threads. */
  growThreads(n: number): void {
    if (n <= this.next.length) return;
    let cap = this.next.length * 2;
    while (cap < n) cap *= 2;
    this.next = grown(this.next, cap, -1);
    this.prev = grown(this.prev, cap, -1);
    this.list = grown(this.list, cap, -1);
  }

  /** Allocate a new empty list; returns its id. */
  newList(): number {
    const id = this.lists++;
    if (id >= this.head.length) {
      const cap = this.head.length * 2;
      this.head = grown(this.head, cap, -1);
      this.tail = grown(this.tail, cap, -1);
      this.size = grown(this.size, cap, 0);
    }
    this.head[id] = -1;
    this.tail[id] = -1;
    this.size[id] = 0;
    return id;
  }

  /** Link `t` (on no list) at the front of list `l`. */
  pushFront(l: number, t: number): void {
    const h = this.head[l]!;
    this.prev[t] = -1;
    this.next[t] = h;
    if (h === -1) this.tail[l] = t;
    else this.prev[h] = t;
    this.head[l] = t;
    this.list[t] = l;
    this.size[l]!++;
  }

  /** Link `t` (on no list) at the back of list `l`. */
  pushBack(l: number, t: number): void {
    const tl = this.tail[l]!;
    this.next[t] = -1;
    this.prev[t] = tl;
    if (tl === -1) this.head[l] = t;
    else this.next[tl] = t;
    this.tail[l] = t;
    this.list[t] = l;
    this.size[l]!++;
  }

  /** Unlink `t` from whatever list it is on (no-op if none). */
  remove(t: number): void {
    const l = this.list[t]!;
    if (l === -1) return;
    const p = this.prev[t]!;
    const n = this.next[t]!;
    if (p === -1) this.head[l] = n;
    else this.next[p] = n;
    if (n === -1) this.tail[l] = p;
    else this.prev[n] = p;
    this.next[t] = -1;
    this.prev[t] = -1;
    this.list[t] = -1;
    this.size[l]!--;
  }

  /** Unlink and return the first thread of list `l`, or -1. */
  popFront(l: number): number {
    const h = this.head[l]!;
    if (h !== -1) this.remove(h);
    return h;
  }

  /** The threads of list `l`, front to back (allocates; for tests and debugging). */
  toArray(l: number): number[] {
    const out: number[] = [];
    for (let t = this.head[l]!; t !== -1; t = this.next[t]!) out.push(t);
    return out;
  }
}

function grown(a: Int32Array, cap: number, fill: number): Int32Array {
  const b = new Int32Array(cap).fill(fill);
  b.set(a);
  return b;
}
