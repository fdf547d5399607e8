/**
 * Thread ids, handed out lowest-first: a bitmap of used ids (32 per word) and a hint
 * below which every id is known to be taken. Allocation scans words from the hint, so it
 * is amortised O(1) for the usual create/exit patterns.
 */
export class IdPool {
  private used = new Uint32Array(4);
  /** Every id below `hint` is in use. */
  private hint = 0;
  /** One more than the highest id ever handed out. */
  highWater = 0;

  /** Take the lowest free id. */
  alloc(): number {
    let w = this.hint >>> 5;
    for (;;) {
      if (w >= this.used.length) {
        const b = new Uint32Array(this.used.length * 2);
        b.set(this.used);
        this.used = b;
      }
      const free = ~this.used[w]! >>> 0;
      if (free !== 0) {
        const bit = 31 - Math.clz32(free & -free);
        this.used[w]! |= 1 << bit;
        const id = (w << 5) + bit;
        this.hint = id + 1;
        if (id >= this.highWater) this.highWater = id + 1;
        return id;
      }
      w++;
    }
  }

  /** Give `id` back. */
  free(id: number): void {
    this.used[id >>> 5]! &= ~(1 << (id & 31));
    if (id < this.hint) this.hint = id;
  }

  /** Whether `id` is currently handed out. */
  has(id: number): boolean {
    return id >= 0 && id >>> 5 < this.used.length && (this.used[id >>> 5]! & (1 << (id & 31))) !== 0;
  }
}
