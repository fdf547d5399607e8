import { TranslationCache } from '@codezero-ts/arm-core';
import type { AddressSpace } from '@codezero-ts/mmu';
import type { Quota } from './thread.js';

/** An address space: its translation tables and the threads that use it. */
export class Space {
  /** Space id. */
  readonly id: number;
  /** The tables (from the mmu page-table builder). */
  readonly tables: AddressSpace;
  /** Threads using the space. */
  refs = 0;
  /** The pool the space was charged to, if any. */
  quota: Quota | null = null;
  /** First frames of user-pool runs the kernel allocated for this space (program loading), freed with it. */
  readonly ownedFrames: number[] = [];
  /**
   * The CPU's cached translations for this space, kept while other spaces run (so a switch
   * back finds them). Flushed through {@link Core.mappingsChanged} whenever the tables change.
   */
  readonly tlb = new TranslationCache();

  constructor(id: number, tables: AddressSpace) {
    this.id = id;
    this.tables = tables;
  }
}
