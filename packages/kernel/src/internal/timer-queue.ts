/**
 * Host timers of the kernel: callbacks due at a guest time (nanoseconds of the platform
 * clock). Kept sorted by deadline, then by creation order, so timers due together fire in
 * the order they were set (deterministic). Few timers are pending at once (one per sleeping
 * thread of a server), so a sorted array is simplest and fastest.
 */
export class TimerQueue {
  /** Pending timers, earliest first. */
  readonly #items: { id: number; at: number; fn: () => void }[] = [];
  #nextId = 1;
  /** Deadline of the earliest pending timer (`Infinity` when none): one compare on hot paths. */
  next = Infinity;

  /** Adds a timer; returns its id (never 0). */
  add(at: number, fn: () => void): number {
    const id = this.#nextId++;
    const items = this.#items;
    let i = items.length;
    while (i > 0 && items[i - 1]!.at > at) i--;
    items.splice(i, 0, { id, at, fn });
    this.next = items[0]!.at;
    return id;
  }

  /** Removes timer `id`; false when it already fired or was cancelled. */
  cancel(id: number): boolean {
    const items = this.#items;
    const i = items.findIndex((x) => x.id === id);
    if (i < 0) return false;
    items.splice(i, 1);
    this.next = items[0]?.at ?? Infinity;
    return true;
  }

  /** Pending timers. */
  get size(): number {
    return this.#items.length;
  }

  /**
   * Fires, in deadline order, every timer due at `now`. A callback may add or cancel timers;
   * one added already due fires in the same call.
   */
  fire(now: number): void {
    const items = this.#items;
    while (items.length > 0 && items[0]!.at <= now) {
      const t = items.shift()!;
      this.next = items[0]?.at ?? Infinity;
      t.fn();
    }
    this.next = items[0]?.at ?? Infinity;
  }
}
