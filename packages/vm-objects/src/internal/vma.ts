import type { VmObject } from './vm-object.js';

/**
 * A virtual memory area: pages [start, end) of one space with one protection, the page
 * offset of `start` in its objects, and its object links, front (index 0) = top.
 */
export class Vma {
  constructor(
    /** Owning space id. */
    readonly space: number,
    /** First page. */
    public start: number,
    /** Page after the last. */
    public end: number,
    /** Prot mask. */
    public prot: number,
    /** MapFlags mask (SHARED or PRIVATE, ANONYMOUS, FIXED, GROWSDOWN). */
    readonly flags: number,
    /** Object page offset of `start`. */
    public pgoff: number,
    /** Object links, top first. */
    readonly links: VmObject[] = [],
  ) {}

  /**
   * Rights the page tables give: a writable page is readable too (ARMv5 access permissions
   * cannot express write-only, and Linux makes PROT_WRITE imply PROT_READ).
   */
  get hwProt(): number {
    return (this.prot & 2) !== 0 ? this.prot | 1 : this.prot;
  }

  /** True for a shared mapping. */
  get shared(): boolean {
    return (this.flags & 0x01) !== 0;
  }

  /** Object page offset of virtual page `page`. */
  offsetOf(page: number): number {
    return this.pgoff + (page - this.start);
  }
}
