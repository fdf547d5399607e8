import type { MapAttributes, Mapping, PageTableBuilderOptions, PhysicalWords, TableMemory, UserAccess } from './api.js';
import { AccessPermission, Descriptor, coarseDescriptor, sectionDescriptor, smallPageDescriptor } from './descriptors.js';
import { PageTableError } from './page-table-error.js';

const PAGE = 0x1000;
const SECTION = 0x100000;
const L1_BYTES = 0x4000;
const L2_BYTES = 0x400;
const L2_ENTRIES = 256;

/** An address space: one first-level table and the second-level tables it owns. */
export class AddressSpace {
  /** Physical address of the first-level table: the value a kernel writes to TTBR. */
  readonly ttbr: number;
  /** True for the builder's kernel master space. */
  readonly isKernel: boolean;
  /** @internal Second-level table per first-level index (owned tables only). */
  readonly l2 = new Map<number, number>();
  /** @internal Valid second-level entries per first-level index. */
  readonly used = new Uint16Array(4096);
  /** @internal */
  alive = true;

  /** @internal */
  constructor(ttbr: number, isKernel: boolean) {
    this.ttbr = ttbr;
    this.isKernel = isKernel;
  }
}

const apFor = (user: UserAccess): number =>
  user === 'rw' ? AccessPermission.Full : user === 'ro' ? AccessPermission.UserRead : AccessPermission.PrivOnly;
const userFor = (ap: number): UserAccess => (ap === AccessPermission.Full ? 'rw' : ap === AccessPermission.UserRead ? 'ro' : 'none');
const cbFor = (a: MapAttributes): number => ((a.cacheable ?? true) ? 2 : 0) | ((a.bufferable ?? true) ? 1 : 0);

/**
 * Builds ARMv5 translation tables in emulated physical memory, as a kernel does: a master
 * kernel space whose first-level entries from `kernelBase` up are shared by every user
 * space, and user spaces mapped with 4 KiB small pages through 1 KiB coarse tables (or with
 * 1 MiB sections). Second-level tables are freed as soon as they hold no mapping. Requests
 * are validated and rejected with a {@link PageTableError} before anything is changed.
 */
export class PageTableBuilder {
  /** First virtual address of the shared kernel part. */
  readonly kernelBase: number;
  /** The master space that holds the kernel mappings. */
  readonly kernel: AddressSpace;
  readonly #mem: PhysicalWords;
  readonly #tables: TableMemory;
  readonly #spaces = new Set<AddressSpace>();
  readonly #firstKernelIndex: number;

  constructor(mem: PhysicalWords, tables: TableMemory, options: PageTableBuilderOptions = {}) {
    const base = options.kernelBase ?? 0xbf000000;
    if (!Number.isInteger(base) || base <= 0 || base > 0xfff00000 || base % SECTION !== 0) {
      throw new PageTableError('unaligned', `kernelBase 0x${base.toString(16)} must be a non-zero multiple of 1 MiB below 4 GiB`);
    }
    this.kernelBase = base;
    this.#firstKernelIndex = base / SECTION;
    this.#mem = mem;
    this.#tables = tables;
    this.kernel = new AddressSpace(this.#newTable(), true);
    this.#spaces.add(this.kernel);
  }

  /** Creates a user space whose kernel part is shared with the master space. */
  createSpace(): AddressSpace {
    const ttbr = this.#newTable();
    for (let i = this.#firstKernelIndex; i < 4096; i++) {
      this.#mem.write32(ttbr + i * 4, this.#mem.read32(this.kernel.ttbr + i * 4));
    }
    const space = new AddressSpace(ttbr, false);
    this.#spaces.add(space);
    return space;
  }

  /**
   * Maps `npages` 4 KiB pages from `va` to `pa`. Remapping an already mapped page replaces it.
   * @throws PageTableError for unaligned or wrapping ranges, a range outside the space's
   *   part (user below `kernelBase`, kernel from it up), a section in the way, a domain
   *   different from the existing table's, or no memory for a second-level table
   */
  map(space: AddressSpace, va: number, pa: number, npages: number, attributes: MapAttributes): void {
    this.#checkRange(space, va, npages, 'va');
    this.#checkRange(space, pa, npages, 'pa', false);
    const domain = this.#checkDomain(attributes.domain);
    const first = va / SECTION;
    const last = (va + npages * PAGE - 1) / SECTION;
    let needed = 0;
    for (let i = Math.floor(first); i <= Math.floor(last); i++) {
      const d1 = this.#mem.read32(space.ttbr + i * 4);
      const type = d1 & 3;
      if (type === Descriptor.L1Fault) needed++;
      else if (type !== Descriptor.L1Coarse) {
        throw new PageTableError('section-conflict', `0x${(i * SECTION).toString(16)} is mapped by a section or a fine table; unmap it first`);
      } else if (((d1 >>> 5) & 0xf) !== domain) {
        throw new PageTableError('bad-domain', `the table at 0x${(i * SECTION).toString(16)} is in domain ${(d1 >>> 5) & 0xf}, not ${domain}`);
      }
    }
    const fresh: number[] = [];
    for (let n = 0; n < needed; n++) {
      const t = this.#tables.allocL2();
      if (t < 0) {
        for (const f of fresh) this.#tables.freeL2(f);
        throw new PageTableError('out-of-memory', `no memory for a second-level table (${needed} needed)`);
      }
      fresh.push(t);
    }
    const ap = apFor(attributes.user);
    const cb = cbFor(attributes);
    for (let p = 0; p < npages; p++) {
      const v = va + p * PAGE;
      const i = Math.floor(v / SECTION);
      let table = space.l2.get(i);
      if (table === undefined) {
        table = fresh.pop()!;
        this.#zero(table, L2_BYTES);
        space.l2.set(i, table);
        this.#setL1(space, i, coarseDescriptor(table, domain));
      }
      const slot = table + ((v >>> 12) & 0xff) * 4;
      if ((this.#mem.read32(slot) & 3) === Descriptor.L2Fault) space.used[i]!++;
      this.#mem.write32(slot, smallPageDescriptor(pa + p * PAGE, ap, cb));
    }
  }

  /**
   * Maps `count` 1 MiB sections from `va` to `pa` (both 1 MiB aligned).
   * @throws PageTableError as {@link PageTableBuilder.map}; `section-conflict` when a
   *   second-level table is in the way
   */
  mapSections(space: AddressSpace, va: number, pa: number, count: number, attributes: MapAttributes): void {
    if (va % SECTION !== 0 || pa % SECTION !== 0) {
      throw new PageTableError('unaligned', `sections need 1 MiB aligned addresses (va 0x${va.toString(16)}, pa 0x${pa.toString(16)})`);
    }
    this.#checkRange(space, va, count * 256, 'va');
    this.#checkRange(space, pa, count * 256, 'pa', false);
    const domain = this.#checkDomain(attributes.domain);
    for (let s = 0; s < count; s++) {
      const i = va / SECTION + s;
      if (space.l2.has(i) || (this.#mem.read32(space.ttbr + i * 4) & 3) === Descriptor.L1Fine) {
        throw new PageTableError('section-conflict', `0x${(i * SECTION).toString(16)} holds a second-level table; unmap its pages first`);
      }
    }
    for (let s = 0; s < count; s++) {
      this.#setL1(space, va / SECTION + s, sectionDescriptor(pa + s * SECTION, apFor(attributes.user), domain, cbFor(attributes)));
    }
  }

  /**
   * Unmaps `npages` pages from `va`, page by page. Pages that were not mapped are skipped and
   * reported; the others are unmapped all the same (the original's −ENOMAP case). A 1 MiB
   * section is removed when the range covers it whole.
   * @returns the virtual addresses of the pages that were not mapped (empty when all were)
   * @throws PageTableError for a bad range, or a range that covers part of a section
   */
  unmap(space: AddressSpace, va: number, npages: number): number[] {
    this.#checkRange(space, va, npages, 'va');
    const end = va + npages * PAGE;
    for (let i = Math.floor(va / SECTION); i * SECTION < end; i++) {
      if ((this.#mem.read32(space.ttbr + i * 4) & 3) === Descriptor.L1Section && (i * SECTION < va || (i + 1) * SECTION > end)) {
        throw new PageTableError('section-conflict', `the range covers part of the section at 0x${(i * SECTION).toString(16)}`);
      }
    }
    const missing: number[] = [];
    for (let v = va; v < end; v += PAGE) {
      const i = Math.floor(v / SECTION);
      const d1 = this.#mem.read32(space.ttbr + i * 4);
      if ((d1 & 3) === Descriptor.L1Section) {
        if (v % SECTION === 0) this.#setL1(space, i, 0);
        continue;
      }
      const table = space.l2.get(i);
      const slot = table === undefined ? -1 : table + ((v >>> 12) & 0xff) * 4;
      if (table === undefined || (this.#mem.read32(slot) & 3) === Descriptor.L2Fault) {
        missing.push(v);
        continue;
      }
      this.#mem.write32(slot, 0);
      if (--space.used[i]! === 0) {
        this.#setL1(space, i, 0);
        space.l2.delete(i);
        this.#tables.freeL2(table);
      }
    }
    return missing;
  }

  /**
   * Changes the attributes of mapped pages in `[va, va + npages × 4 KiB)`; the physical
   * addresses stay. Pages that are not mapped are skipped and reported.
   * @returns the virtual addresses of the pages that were not mapped
   */
  protect(space: AddressSpace, va: number, npages: number, attributes: MapAttributes): number[] {
    this.#checkRange(space, va, npages, 'va');
    const ap = apFor(attributes.user);
    const cb = cbFor(attributes);
    const missing: number[] = [];
    for (let p = 0; p < npages; p++) {
      const v = va + p * PAGE;
      const i = Math.floor(v / SECTION);
      const table = space.l2.get(i);
      const d2 = table === undefined ? 0 : this.#mem.read32(table + ((v >>> 12) & 0xff) * 4);
      if (table === undefined || (d2 & 3) !== Descriptor.L2Small) {
        missing.push(v);
        continue;
      }
      this.#mem.write32(table + ((v >>> 12) & 0xff) * 4, smallPageDescriptor(d2 & 0xfffff000, ap, cb));
    }
    return missing;
  }

  /** Reads back the mapping that covers `va` in `space`, or undefined. */
  lookup(space: AddressSpace, va: number): Mapping | undefined {
    this.#assertLive(space);
    const v = va >>> 0;
    const i = v >>> 20;
    const d1 = this.#mem.read32(space.ttbr + i * 4);
    const domain = (d1 >>> 5) & 0xf;
    if ((d1 & 3) === Descriptor.L1Section) {
      return { va: i * SECTION, pa: (d1 & 0xfff00000) >>> 0, size: SECTION, user: userFor((d1 >>> 10) & 3), cacheable: (d1 & Descriptor.C) !== 0, bufferable: (d1 & Descriptor.B) !== 0, domain };
    }
    if ((d1 & 3) !== Descriptor.L1Coarse) return undefined;
    const d2 = this.#mem.read32(((d1 & 0xfffffc00) >>> 0) + ((v >>> 12) & 0xff) * 4);
    if ((d2 & 3) !== Descriptor.L2Small) return undefined;
    return { va: (v & 0xfffff000) >>> 0, pa: (d2 & 0xfffff000) >>> 0, size: PAGE, user: userFor((d2 >>> 4) & 3), cacheable: (d2 & Descriptor.C) !== 0, bufferable: (d2 & Descriptor.B) !== 0, domain };
  }

  /** Every mapping of `space` in address order: its own part, then (for user spaces) none of the kernel's. */
  *mappings(space: AddressSpace): IterableIterator<Mapping> {
    this.#assertLive(space);
    const [from, to] = this.#part(space);
    for (let i = from; i < to; i++) {
      const d1 = this.#mem.read32(space.ttbr + i * 4);
      if ((d1 & 3) === Descriptor.L1Section) {
        const m = this.lookup(space, i * SECTION);
        if (m) yield m;
      } else if ((d1 & 3) === Descriptor.L1Coarse) {
        for (let e = 0; e < L2_ENTRIES; e++) {
          const m = this.lookup(space, i * SECTION + e * PAGE);
          if (m) yield m;
        }
      }
    }
  }

  /**
   * Copies a user space for fork: new first-level and second-level tables holding the same
   * user mappings; the kernel part is shared, not copied.
   * @throws PageTableError `out-of-memory` (nothing is left allocated) or `unknown-space`
   */
  fork(space: AddressSpace): AddressSpace {
    this.#assertLive(space);
    if (space.isKernel) throw new PageTableError('kernel-range', 'the kernel master space cannot be forked');
    const child = this.createSpace();
    const copies: number[] = [];
    for (let k = 0; k < space.l2.size; k++) {
      const t = this.#tables.allocL2();
      if (t < 0) {
        for (const c of copies) this.#tables.freeL2(c);
        this.destroy(child);
        throw new PageTableError('out-of-memory', 'no memory for the copied second-level tables');
      }
      copies.push(t);
    }
    let n = 0;
    for (const [i, table] of space.l2) {
      const copy = copies[n++]!;
      for (let b = 0; b < L2_BYTES; b += 4) this.#mem.write32(copy + b, this.#mem.read32(table + b));
      child.l2.set(i, copy);
      child.used[i] = space.used[i]!;
      const d1 = this.#mem.read32(space.ttbr + i * 4);
      this.#mem.write32(child.ttbr + i * 4, coarseDescriptor(copy, (d1 >>> 5) & 0xf));
    }
    for (let i = 0; i < this.#firstKernelIndex; i++) {
      const d1 = this.#mem.read32(space.ttbr + i * 4);
      if ((d1 & 3) === Descriptor.L1Section) this.#mem.write32(child.ttbr + i * 4, d1);
    }
    return child;
  }

  /** Frees a user space's second-level tables and its first-level table. */
  destroy(space: AddressSpace): void {
    this.#assertLive(space);
    if (space.isKernel) throw new PageTableError('kernel-range', 'the kernel master space cannot be destroyed');
    for (const t of space.l2.values()) this.#tables.freeL2(t);
    space.l2.clear();
    space.alive = false;
    this.#spaces.delete(space);
    this.#tables.freeL1(space.ttbr);
  }

  /** Second-level tables currently held by `space` (for leak checks). */
  tableCount(space: AddressSpace): number {
    return space.l2.size;
  }

  #newTable(): number {
    const t = this.#tables.allocL1();
    if (t < 0) throw new PageTableError('out-of-memory', 'no memory for a first-level table');
    if (t % L1_BYTES !== 0) throw new PageTableError('unaligned', `TableMemory.allocL1 returned 0x${t.toString(16)}, not 16 KiB aligned`);
    this.#zero(t, L1_BYTES);
    return t;
  }

  #zero(pa: number, bytes: number): void {
    const mem = this.#mem;
    if (mem.fill32 !== undefined) mem.fill32(pa, bytes >>> 2, 0);
    else for (let b = 0; b < bytes; b += 4) mem.write32(pa + b, 0);
  }

  /** Writes a first-level entry; kernel entries go to every live space. */
  #setL1(space: AddressSpace, index: number, descriptor: number): void {
    if (space.isKernel) {
      for (const s of this.#spaces) this.#mem.write32(s.ttbr + index * 4, descriptor);
    } else {
      this.#mem.write32(space.ttbr + index * 4, descriptor);
    }
  }

  #part(space: AddressSpace): [number, number] {
    return space.isKernel ? [this.#firstKernelIndex, 4096] : [0, this.#firstKernelIndex];
  }

  #assertLive(space: AddressSpace): void {
    if (!space.alive || !this.#spaces.has(space)) throw new PageTableError('unknown-space', 'this address space was destroyed or belongs to another builder');
  }

  #checkDomain(domain: number | undefined): number {
    const d = domain ?? 0;
    if (!Number.isInteger(d) || d < 0 || d > 15) throw new PageTableError('bad-domain', `domain ${d} is not in 0..15`);
    return d;
  }

  #checkRange(space: AddressSpace, address: number, npages: number, what: 'va' | 'pa', checkPart = true): void {
    this.#assertLive(space);
    if (!Number.isInteger(npages) || npages < 1) throw new PageTableError('bad-count', `page count ${npages} must be a positive integer`);
    if (!Number.isInteger(address) || address < 0 || address % PAGE !== 0) {
      throw new PageTableError('unaligned', `${what} 0x${address.toString(16)} is not a 4 KiB aligned address`);
    }
    const end = address + npages * PAGE;
    if (end > 0x100000000) throw new PageTableError('wraps', `${what} range 0x${address.toString(16)} + ${npages} pages wraps past 4 GiB`);
    if (!checkPart) return;
    if (space.isKernel && address < this.kernelBase) {
      throw new PageTableError('user-range', `0x${address.toString(16)} is below the kernel part (0x${this.kernelBase.toString(16)})`);
    }
    if (!space.isKernel && end > this.kernelBase) {
      throw new PageTableError('kernel-range', `range 0x${address.toString(16)}–0x${(end - 1).toString(16)} reaches the kernel part (from 0x${this.kernelBase.toString(16)})`);
    }
  }
}
