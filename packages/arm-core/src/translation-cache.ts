/** Entries of each third of a translation cache (reads, writes, fetches). */
/** TLB sizes, used on every memory access: literals in the bundle (a `const enum`). */
export const enum Tlb {
  /** Entries per access kind (reads, writes, fetches: three tables of this size). */
  Size = 256,
  Mask = 255,
}

/**
 * A set of cached translations: the CPU's software TLB. A CPU starts with a set of its own.
 *
 * A hosted kernel that switches between address spaces can give each space a set
 * ({@link Cpu.useTranslationCache}) instead of flushing at every switch: a space then keeps
 * its translations while other spaces run, and finds them again when it is switched back
 * in. The kernel must then flush a space's set whenever it changes that space's page
 * tables, whether or not the space is the one the CPU is using (the cache keeps only
 * successful translations, so adding a mapping where there was none needs no flush).
 */
export class TranslationCache {
  /** @internal Tags (read, write, fetch: 256 each): (page << 1) | privileged, -1 empty. */
  readonly tag = new Int32Array(3 * Tlb.Size).fill(-1);
  /** @internal Host byte offsets of the cached pages. */
  readonly off = new Int32Array(3 * Tlb.Size);

  /**
   * The translations held, for consistency checks: access kind (0 read, 1 write, 2 fetch,
   * as `AccessKind` numbers them), virtual page number, whether the access was privileged, and the
   * host RAM offset of the page.
   */
  *entries(): IterableIterator<{ readonly kind: number; readonly page: number; readonly privileged: boolean; readonly offset: number }> {
    for (let i = 0; i < this.tag.length; i++) {
      const t = this.tag[i]!;
      if (t !== -1) yield { kind: Math.floor(i / Tlb.Size), page: t >>> 1, privileged: (t & 1) !== 0, offset: this.off[i]! };
    }
  }

  /**
   * Drops every translation in this set. For the set a CPU is using, call
   * {@link Cpu.flushTlb} instead, which also makes the CPU look its current code block up again.
   */
  flush(): void {
    this.tag.fill(-1);
  }
}
