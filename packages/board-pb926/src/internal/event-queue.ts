import type { ClockEventHandler } from '../api.js';

interface Entry {
  time: number;
  id: number;
  handler: ClockEventHandler | null;
}

/**
 * A min-heap of timed events ordered by time, then by id (scheduling order), with lazy
 * cancellation. Shared by both clocks.
 */
export class EventQueue {
  private readonly heap: Entry[] = [];
  private readonly pending = new Map<number, Entry>();
  private nextId = 1;

  /** Adds an event; returns its id. */
  add(time: number, handler: ClockEventHandler): number {
    const e: Entry = { time, id: this.nextId++, handler };
    this.pending.set(e.id, e);
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pe = h[p]!;
      if (!before(e, pe)) break;
      h[i] = pe;
      i = p;
    }
    h[i] = e;
    return e.id;
  }

  /** Cancels an event; false when it is not pending. */
  cancel(id: number): boolean {
    const e = this.pending.get(id);
    if (e === undefined) return false;
    this.pending.delete(id);
    e.handler = null;
    this.dropCancelledTop();
    return true;
  }

  /** Time of the earliest pending event, `Infinity` when none. */
  peekTime(): number {
    const top = this.heap[0];
    return top === undefined ? Infinity : top.time;
  }

  /** Number of pending events. */
  get size(): number {
    return this.pending.size;
  }

  /** Fires every event with time ≤ `now()` (re-read after each handler); returns the count. */
  runDue(now: () => number): number {
    let fired = 0;
    for (;;) {
      const top = this.heap[0];
      if (top === undefined || top.time > now()) return fired;
      this.pop();
      const handler = top.handler;
      if (handler === null) continue;
      this.pending.delete(top.id);
      top.handler = null;
      fired++;
      handler(top.time);
    }
  }

  private dropCancelledTop(): void {
    while (this.heap.length > 0 && this.heap[0]!.handler === null) this.pop();
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(h[r]!, h[l]!) ? r : l;
      const ce = h[c]!;
      if (!before(ce, last)) break;
      h[i] = ce;
      i = c;
    }
    h[i] = last;
    this.dropCancelledTop();
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.time < b.time || (a.time === b.time && a.id < b.id);
}
