/** A small pool of ids 0..size−1; `allocate` returns the lowest free id or -1. */
export class IdPool {
  private readonly used: Uint8Array;

  constructor(readonly size: number) {
    this.used = new Uint8Array(size);
  }

  /** Lowest free id, or -1 when all are taken. */
  allocate(): number {
    const i = this.used.indexOf(0);
    if (i >= 0) this.used[i] = 1;
    return i;
  }

  /** Returns an id to the pool. */
  free(id: number): void {
    this.used[id] = 0;
  }

  /** Ids in use. */
  get inUse(): number {
    let n = 0;
    for (const u of this.used) n += u;
    return n;
  }
}
