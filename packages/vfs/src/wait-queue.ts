/**
 * A list of parked waiters. Each waiter is called once, synchronously, by {@link wakeAll}
 * (which the data source calls when readiness may have changed) and then forgotten.
 */
export class WaitQueue {
  private waiters: (() => void)[] = [];

  /** Adds a waiter; returns a function that removes it again. */
  add(wake: () => void): () => void {
    this.waiters.push(wake);
    return () => {
      const i = this.waiters.indexOf(wake);
      if (i >= 0) this.waiters.splice(i, 1);
    };
  }

  /** Number of parked waiters. */
  get length(): number {
    return this.waiters.length;
  }

  /** Calls and removes every waiter parked so far. */
  wakeAll(): void {
    if (this.waiters.length === 0) return;
    const list = this.waiters;
    this.waiters = [];
    for (const w of list) w();
  }
}
