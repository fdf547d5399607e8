import type { MemoryBus } from './api.js';
import { CpuStateError } from './errors.js';

/** Fault status a {@link FlatRamBus} reports for accesses outside its RAM (external abort). */
export const FLAT_BUS_ABORT = 0x8;

/**
 * A bus of plain RAM at physical address 0 with no MMU: every page inside the RAM is on
 * the fast path, every access outside aborts with status {@link FLAT_BUS_ABORT}. For tests,
 * benchmarks and simple hosted programs.
 */
export class FlatRamBus implements MemoryBus {
  /** The RAM. */
  readonly ram: Uint8Array;
  /** {@inheritDoc MemoryBus.fault} */
  fault = 0;
  private readonly view: DataView;

  /** Creates `size` bytes of zeroed RAM (a multiple of 4 KiB). */
  constructor(size: number) {
    if (!Number.isInteger(size) || size <= 0 || size % 4096 !== 0 || size > 0x80000000) {
      throw new CpuStateError('bad-ram-size', `RAM size ${size} is not a positive multiple of 4096 up to 2 GiB`);
    }
    this.ram = new Uint8Array(size);
    this.view = new DataView(this.ram.buffer);
  }

  /** {@inheritDoc MemoryBus.translate} */
  translate(vaddr: number): number {
    const a = vaddr >>> 0;
    return a < this.ram.length ? a & ~0xfff : -1;
  }

  private inRange(addr: number, size: number): boolean {
    if ((addr >>> 0) + size <= this.ram.length) return true;
    this.fault = FLAT_BUS_ABORT;
    return false;
  }

  /** {@inheritDoc MemoryBus.read8} */
  read8(addr: number): number {
    return this.inRange(addr, 1) ? this.ram[addr >>> 0]! : 0;
  }
  /** {@inheritDoc MemoryBus.read16} */
  read16(addr: number): number {
    return this.inRange(addr, 2) ? this.view.getUint16(addr >>> 0, true) : 0;
  }
  /** {@inheritDoc MemoryBus.read32} */
  read32(addr: number): number {
    return this.inRange(addr, 4) ? this.view.getInt32(addr >>> 0, true) : 0;
  }
  /** {@inheritDoc MemoryBus.write8} */
  write8(addr: number, value: number): void {
    if (this.inRange(addr, 1)) this.ram[addr >>> 0] = value;
  }
  /** {@inheritDoc MemoryBus.write16} */
  write16(addr: number, value: number): void {
    if (this.inRange(addr, 2)) this.view.setUint16(addr >>> 0, value, true);
  }
  /** {@inheritDoc MemoryBus.write32} */
  write32(addr: number, value: number): void {
    if (this.inRange(addr, 4)) this.view.setInt32(addr >>> 0, value, true);
  }

  /** Copies `bytes` into RAM at `addr` (call {@link Cpu.invalidateCode} if code ran there). */
  load(addr: number, bytes: Uint8Array): void {
    if (addr < 0 || addr + bytes.length > this.ram.length) {
      throw new CpuStateError('out-of-range', `image of ${bytes.length} bytes at 0x${addr.toString(16)} does not fit in RAM`);
    }
    this.ram.set(bytes, addr);
  }

  /** Writes 32-bit little-endian words at `addr` (a convenience for tests). */
  loadWords(addr: number, words: readonly number[]): void {
    const b = new Uint8Array(words.length * 4);
    const v = new DataView(b.buffer);
    words.forEach((w, i) => {
      v.setUint32(i * 4, w >>> 0, true);
    });
    this.load(addr, b);
  }
}
