import type { MemoryBus } from '@codezero-ts/arm-core';
import type { BusRegion, MmioDevice, PhysicalBusOptions } from './api.js';
import { BoardError } from './errors.js';

/** Default RAM size: 128 MiB, as QEMU's versatilepb. */
export const DEFAULT_RAM_SIZE = 128 * 1024 * 1024;
/** Largest RAM size: the system registers start at 0x10000000. */
export const MAX_RAM_SIZE = 0x10000000;
const PAGE_SHIFT = 12;
const PAGE_SIZE = 1 << PAGE_SHIFT;

interface Mapping {
  readonly base: number;
  readonly device: MmioDevice;
}

/**
 * The physical address space of the board: RAM at 0 and device windows, decoded per
 * 4 KiB page. Little-endian 8/16/32-bit accesses; RAM is one `Uint8Array` the CPU uses
 * directly. Addresses with nothing behind them read 0 and drop writes without an abort,
 * as QEMU's versatilepb does (it ignores memory transaction failures).
 *
 * It is also a {@link MemoryBus} for a CPU with no MMU (physical = virtual): `translate`
 * answers the RAM offset of any RAM page, -1 elsewhere, and `fault` is never set. An MMU
 * wraps it for translated accesses. Slow-path writes that land in RAM are reported to
 * {@link PhysicalBus.onRamWrite} so the machine can drop decoded code.
 */
export class PhysicalBus implements MemoryBus {
  /** RAM at physical address 0. */
  readonly ram: Uint8Array;
  /** RAM size in bytes. */
  readonly ramSize: number;
  /** Physical address of RAM (0), so the bus is also an `mmu` `PhysicalBus`. */
  readonly ramBase = 0;
  /** Always 0: this bus never aborts. */
  fault = 0;
  /** Called after a write through the read/write methods lands in RAM (offset, length). */
  onRamWrite: ((offset: number, length: number) => void) | null = null;
  private readonly ram16: Uint16Array;
  private readonly ram32: Int32Array;
  /** Per 4 KiB page: 0 = nothing, n = mappings[n - 1]. */
  private readonly pages = new Uint8Array(1 << (32 - PAGE_SHIFT));
  private readonly mappings: Mapping[] = [];

  /** Creates the bus with zeroed RAM; throws {@link BoardError} `bad-ram-size`. */
  constructor(options: PhysicalBusOptions = {}) {
    const size = options.ramSize ?? DEFAULT_RAM_SIZE;
    if (!Number.isInteger(size) || size <= 0 || size % PAGE_SIZE !== 0 || size > MAX_RAM_SIZE) {
      throw new BoardError(
        'bad-ram-size',
        `RAM size must be a positive multiple of 4 KiB up to 256 MiB, got ${String(size)}`,
      );
    }
    this.ramSize = size;
    this.ram = new Uint8Array(size);
    this.ram16 = new Uint16Array(this.ram.buffer, 0, size >>> 1);
    this.ram32 = new Int32Array(this.ram.buffer, 0, size >>> 2);
  }

  /**
   * Maps `device` at physical `base` (4 KiB aligned; the window is `device.size` rounded
   * up to 4 KiB; bytes past `device.size` read 0). Throws {@link BoardError} `bad-window`
   * or `overlap`.
   */
  map(base: number, device: MmioDevice): void {
    base >>>= 0;
    if (base % PAGE_SIZE !== 0 || device.size <= 0 || base + device.size > 0x100000000) {
      throw new BoardError('bad-window', `cannot map ${device.name} at 0x${base.toString(16)} (size ${device.size})`);
    }
    if (base < this.ramSize) {
      throw new BoardError('overlap', `${device.name} at 0x${base.toString(16)} overlaps RAM`);
    }
    if (this.mappings.length >= 255) throw new BoardError('bad-window', 'too many device windows');
    const first = base >>> PAGE_SHIFT;
    const last = (base + device.size - 1) >>> PAGE_SHIFT;
    for (let p = first; p <= last; p++) {
      const other = this.pages[p]!;
      if (other !== 0) {
        throw new BoardError(
          'overlap',
          `${device.name} at 0x${base.toString(16)} overlaps ${this.mappings[other - 1]!.device.name}`,
        );
      }
    }
    this.mappings.push({ base, device });
    const index = this.mappings.length;
    for (let p = first; p <= last; p++) this.pages[p] = index;
  }

  /** What `addr` decodes to. */
  region(addr: number): BusRegion {
    addr >>>= 0;
    if (addr < this.ramSize) return { kind: 'ram', base: 0, size: this.ramSize, device: null };
    const m = this.mappingAt(addr);
    if (m !== undefined) return { kind: 'device', base: m.base, size: m.device.size, device: m.device };
    const page = addr & ~(PAGE_SIZE - 1);
    return { kind: 'unassigned', base: page >>> 0, size: PAGE_SIZE, device: null };
  }

  /** Offset of `addr` in {@link PhysicalBus.ram}, or -1 when it is not RAM. */
  ramOffset(addr: number): number {
    addr >>>= 0;
    return addr < this.ramSize ? addr : -1;
  }

  /** MemoryBus: RAM pages go to the fast path, everything else to the slow path. */
  translate(vaddr: number): number {
    vaddr >>>= 0;
    return vaddr < this.ramSize ? vaddr & ~(PAGE_SIZE - 1) : -1;
  }

  /** Reads a byte. */
  read8(addr: number): number {
    addr >>>= 0;
    if (addr < this.ramSize) return this.ram[addr]!;
    return this.readDevice(addr, 1) & 0xff;
  }

  /** Reads a little-endian halfword. */
  read16(addr: number): number {
    addr >>>= 0;
    if (addr < this.ramSize) {
      if ((addr & 1) === 0) return this.ram16[addr >>> 1]!;
      return this.read8(addr) | (this.read8(addr + 1) << 8);
    }
    return this.readDevice(addr, 2) & 0xffff;
  }

  /** Reads a little-endian word, as a signed 32-bit number. */
  read32(addr: number): number {
    addr >>>= 0;
    if (addr < this.ramSize) {
      if ((addr & 3) === 0) return this.ram32[addr >>> 2]!;
      return this.read8(addr) | (this.read8(addr + 1) << 8) | (this.read8(addr + 2) << 16) | (this.read8(addr + 3) << 24);
    }
    return this.readDevice(addr, 4) | 0;
  }

  /** Writes a byte. */
  write8(addr: number, value: number): void {
    addr >>>= 0;
    if (addr < this.ramSize) {
      this.ram[addr] = value;
      this.onRamWrite?.(addr, 1);
      return;
    }
    this.writeDevice(addr, value & 0xff, 1);
  }

  /** Writes a little-endian halfword. */
  write16(addr: number, value: number): void {
    addr >>>= 0;
    if (addr < this.ramSize) {
      if ((addr & 1) === 0) {
        this.ram16[addr >>> 1] = value;
        this.onRamWrite?.(addr, 2);
      } else {
        this.write8(addr, value);
        this.write8(addr + 1, value >>> 8);
      }
      return;
    }
    this.writeDevice(addr, value & 0xffff, 2);
  }

  /** Writes a little-endian word. */
  write32(addr: number, value: number): void {
    addr >>>= 0;
    if (addr < this.ramSize) {
      if ((addr & 3) === 0) {
        this.ram32[addr >>> 2] = value;
        this.onRamWrite?.(addr, 4);
      } else {
        for (let i = 0; i < 4; i++) this.write8(addr + i, value >>> (8 * i));
      }
      return;
    }
    this.writeDevice(addr, value >>> 0, 4);
  }

  /** Resets every mapped device (RAM is left alone). */
  resetDevices(): void {
    for (const m of this.mappings) m.device.reset();
  }

  private mappingAt(addr: number): Mapping | undefined {
    const index = this.pages[addr >>> PAGE_SHIFT]!;
    if (index === 0) return undefined;
    const m = this.mappings[index - 1]!;
    return addr - m.base < m.device.size ? m : undefined;
  }

  private readDevice(addr: number, size: 1 | 2 | 4): number {
    const m = this.mappingAt(addr);
    return m === undefined ? 0 : m.device.read(addr - m.base, size);
  }

  private writeDevice(addr: number, value: number, size: 1 | 2 | 4): void {
    const m = this.mappingAt(addr);
    if (m !== undefined) m.device.write(addr - m.base, value, size);
  }
}
