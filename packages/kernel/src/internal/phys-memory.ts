import { MemCache } from '@codezero-ts/memcache';
import type { PageSource } from '@codezero-ts/memcache';
import type { PhysicalBus, PhysicalWords, TableMemory } from '@codezero-ts/mmu';
import { PageAllocator } from '@codezero-ts/page-alloc';
import type { MemoryRange } from '../api.js';
import { KernelError } from '../errors.js';

const PAGE = 4096;

/**
 * The kernel's physical memory: RAM split into a kernel pool (page tables, the KIP and the
 * syscall page) and a user pool (given to the first pager), with word access for the
 * table builder and the table caches it allocates from.
 */
export class PhysMemory implements PhysicalWords, TableMemory {
  /** Frames of the kernel pool. */
  readonly kernelFrames: PageAllocator;
  /** Frames of the user pool (used by the program loader). */
  readonly userFrames: PageAllocator;
  /** First and end (exclusive) frame of the user pool. */
  readonly userFirst: number;
  /** End frame of RAM. */
  readonly ramEnd: number;
  readonly #bus: PhysicalBus;
  readonly #ram32: Int32Array;
  readonly #base: number;
  readonly #l1: MemCache;
  readonly #l2: MemCache;

  constructor(bus: PhysicalBus, reserved: readonly MemoryRange[], kernelBytes: number | undefined) {
    this.#bus = bus;
    this.#base = bus.ramBase >>> 0;
    const ram = bus.ram;
    this.#ram32 = new Int32Array(ram.buffer, ram.byteOffset, ram.length >>> 2);
    if (this.#base % PAGE !== 0 || ram.length % PAGE !== 0 || ram.length === 0) {
      throw new KernelError('bad-platform', 'platform RAM must be a non-empty multiple of 4 KiB at a 4 KiB aligned base');
    }
    const first = this.#base / PAGE;
    const total = ram.length / PAGE;
    const kbytes = kernelBytes ?? Math.min(8 * 1024 * 1024, Math.floor(ram.length / 4 / PAGE) * PAGE);
    if (!Number.isInteger(kbytes) || kbytes < 16 * PAGE || kbytes % PAGE !== 0 || kbytes >= ram.length) {
      throw new KernelError('bad-option', `kernelMemory ${kbytes} must be a multiple of 4 KiB, at least 64 KiB and below the RAM size`);
    }
    const kpages = kbytes / PAGE;
    this.userFirst = first + kpages;
    this.ramEnd = first + total;
    const clip = (lo: number, hi: number): { first: number; count: number; label?: string }[] => {
      const out: { first: number; count: number; label?: string }[] = [];
      for (const r of reserved) {
        const a = Math.max(lo, Math.floor(r.base / PAGE));
        const b = Math.min(hi, Math.ceil((r.base + r.size) / PAGE));
        if (b > a) out.push({ first: a, count: b - a, ...(r.label === undefined ? {} : { label: r.label }) });
      }
      return out;
    };
    this.kernelFrames = new PageAllocator(kpages, { firstFrame: first, reserved: clip(first, this.userFirst) });
    this.userFrames = new PageAllocator(total - kpages, { firstFrame: this.userFirst, reserved: clip(this.userFirst, this.ramEnd) });
    const frames = this.kernelFrames;
    const source: PageSource = {
      pageSize: PAGE,
      allocPages: (count, align = 1) => {
        const f = frames.allocateAligned(count, align);
        return f < 0 ? -1 : f * PAGE;
      },
      freePages: (address) => {
        frames.free(address / PAGE);
      },
    };
    this.#l1 = new MemCache(source, 16384, { align: 16384, name: 'pgd' });
    this.#l2 = new MemCache(source, 1024, { align: 1024, name: 'pmd' });
  }

  /** Reads a physical word. */
  read32(pa: number): number {
    const o = pa - this.#base;
    return o >= 0 && o < this.#ram32.length * 4 ? this.#ram32[o >>> 2]! >>> 0 : this.#bus.read32(pa) >>> 0;
  }

  /** Writes a physical word. */
  write32(pa: number, value: number): void {
    const o = pa - this.#base;
    if (o >= 0 && o < this.#ram32.length * 4) this.#ram32[o >>> 2] = value;
    else this.#bus.write32(pa, value);
  }

  /** Copies `bytes` to `pa` (one copy when the range is in RAM; word-aligned `pa` and length). */
  writeBytes(pa: number, bytes: Uint8Array): void {
    const o = pa - this.#base;
    if (o >= 0 && (o & 3) === 0 && o + bytes.length <= this.#ram32.length * 4) {
      new Uint8Array(this.#ram32.buffer, this.#ram32.byteOffset + o, bytes.length).set(bytes);
      return;
    }
    for (let i = 0; i < bytes.length; i += 4) {
      let w = 0;
      for (let b = 0; b < 4 && i + b < bytes.length; b++) w |= bytes[i + b]! << (8 * b);
      this.write32(pa + i, w);
    }
  }

  /** Writes `value` to the `count` words from `pa` (one fill when they are all in RAM). */
  fill32(pa: number, count: number, value: number): void {
    const o = pa - this.#base;
    if (o >= 0 && (o & 3) === 0 && o + count * 4 <= this.#ram32.length * 4) this.#ram32.fill(value, o >>> 2, (o >>> 2) + count);
    else for (let i = 0; i < count; i++) this.write32(pa + i * 4, value);
  }

  /** Host byte offset in RAM of `pa`, or -1 when outside RAM. */
  ramOffset(pa: number): number {
    const o = pa - this.#base;
    return o >= 0 && o < this.#ram32.length * 4 ? o : -1;
  }

  /** Allocates one zeroed kernel page; its physical address or -1. */
  allocKernelPage(): number {
    const f = this.kernelFrames.allocate(1);
    if (f < 0) return -1;
    const pa = f * PAGE;
    this.zero(pa, PAGE);
    return pa;
  }

  /** Zeroes `[pa, pa + bytes)` (word multiples). */
  zero(pa: number, bytes: number): void {
    this.fill32(pa, bytes >>> 2, 0);
  }

  /** {@inheritDoc @codezero-ts/mmu#TableMemory.allocL1} */
  allocL1(): number {
    return this.#l1.alloc();
  }
  /** {@inheritDoc @codezero-ts/mmu#TableMemory.freeL1} */
  freeL1(pa: number): void {
    this.#l1.free(pa);
  }
  /** {@inheritDoc @codezero-ts/mmu#TableMemory.allocL2} */
  allocL2(): number {
    return this.#l2.alloc();
  }
  /** {@inheritDoc @codezero-ts/mmu#TableMemory.freeL2} */
  freeL2(pa: number): void {
    this.#l2.free(pa);
  }

  /** First- and second-level tables currently allocated from the two table caches. */
  tableStats(): { readonly l1: number; readonly l2: number } {
    return { l1: this.#l1.inUse, l2: this.#l2.inUse };
  }
}
