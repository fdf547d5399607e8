import type { MemoryBus } from '../../src/index.js';

/*
 * Where each GBA region lives in the bus's one RAM array (host offsets, all 4 KiB aligned so
 * every RAM page can be on the CPU's fast path). Palette RAM, OAM and the I/O registers are
 * smaller than a page (1 KiB, mirrored), so they stay on the slow path in their own arrays.
 */
const BIOS_SIZE = 0x4000;
const EWRAM_BASE = BIOS_SIZE;
const EWRAM_SIZE = 0x40000;
const IWRAM_BASE = EWRAM_BASE + EWRAM_SIZE;
const IWRAM_SIZE = 0x8000;
const VRAM_BASE = IWRAM_BASE + IWRAM_SIZE;
const VRAM_SIZE = 0x18000;
const ROM_BASE = VRAM_BASE + VRAM_SIZE;
/** Largest cartridge ROM (32 MiB). */
const ROM_MAX = 0x2000000;
/** Display status register; bit 0 is the V-blank flag. */
const DISPSTAT = 0x04000004;

/**
 * A test-only GBA memory map for running cartridge ROMs on the CPU: BIOS (16 KiB, zeros and
 * read-only), EWRAM at 0x02000000 (256 KiB, mirrored through 0x02FFFFFF), IWRAM at
 * 0x03000000 (32 KiB, mirrored), I/O at 0x04000000 (1 KiB of plain RAM, no side effects,
 * except that DISPSTAT's V-blank flag flips at each read so that V-blank waits end),
 * palette 0x05000000 and OAM 0x07000000 (1 KiB each, mirrored), VRAM 0x06000000 (96 KiB,
 * the upper 32 KiB of each 128 KiB mirror repeating 0x06010000), and the ROM at 0x08000000
 * with its wait-state mirrors at 0x0A000000 and 0x0C000000. Writes to BIOS and ROM are
 * ignored; unmapped reads return 0. Nothing aborts, as on the real machine.
 */
export class GbaBus implements MemoryBus {
  readonly ram: Uint8Array;
  fault = 0;
  /** Size of the ROM image rounded up to a page. */
  private readonly romPages: number;
  private readonly view: DataView;
  /** I/O registers (plain RAM). */
  readonly io = new Uint8Array(0x400);
  /** Palette RAM. */
  readonly palette = new Uint8Array(0x400);
  /** Object attribute memory. */
  readonly oam = new Uint8Array(0x400);
  /** DISPSTAT's V-blank flag (bit 0). */
  private vblank = 0;

  /** Creates the map with `rom` at 0x08000000. */
  constructor(rom: Uint8Array) {
    if (rom.length === 0 || rom.length > ROM_MAX) throw new RangeError(`ROM of ${rom.length} bytes is not 1 byte..32 MiB`);
    this.romPages = (rom.length + 0xfff) & ~0xfff;
    this.ram = new Uint8Array(ROM_BASE + this.romPages);
    this.ram.set(rom, ROM_BASE);
    this.view = new DataView(this.ram.buffer);
  }

  /** Host offset in `ram` of the byte at `addr`, or -1 when it is not in a RAM-backed region. */
  private hostOffset(addr: number, writing: boolean): number {
    const a = addr >>> 0;
    switch (a >>> 24) {
      case 0x00:
        return !writing && a < BIOS_SIZE ? a : -1;
      case 0x02:
        return EWRAM_BASE + (a & (EWRAM_SIZE - 1));
      case 0x03:
        return IWRAM_BASE + (a & (IWRAM_SIZE - 1));
      case 0x06: {
        let o = a & 0x1ffff;
        if (o >= VRAM_SIZE) o -= 0x8000;
        return VRAM_BASE + o;
      }
      case 0x08:
      case 0x09:
      case 0x0a:
      case 0x0b:
      case 0x0c:
      case 0x0d: {
        const o = a & (ROM_MAX - 1);
        return !writing && o < this.romPages ? ROM_BASE + o : -1;
      }
      default:
        return -1;
    }
  }

  /** The small slow-path array holding `addr` (I/O, palette, OAM), or null when unmapped. */
  private small(addr: number): Uint8Array | null {
    switch (addr >>> 24) {
      case 0x04:
        return (addr & 0xfffffc00) === 0x04000000 ? this.io : null;
      case 0x05:
        return this.palette;
      case 0x07:
        return this.oam;
      default:
        return null;
    }
  }

  translate(vaddr: number, kind: number): number {
    const o = this.hostOffset(vaddr, kind === 1);
    return o < 0 ? -1 : o & ~0xfff;
  }

  read8(addr: number): number {
    const o = this.hostOffset(addr, false);
    if (o >= 0) return this.ram[o]!;
    if (addr >>> 0 === DISPSTAT) {
      // programs wait for the start of a vertical blank (flag clear, then set): each read flips it
      this.vblank ^= 1;
      return (this.io[4]! & ~1) | this.vblank;
    }
    return this.small(addr)?.[addr & 0x3ff] ?? 0;
  }
  read16(addr: number): number {
    return this.read8(addr) | (this.read8(addr + 1) << 8);
  }
  read32(addr: number): number {
    return this.read16(addr) | (this.read16(addr + 2) << 16);
  }
  write8(addr: number, value: number): void {
    const o = this.hostOffset(addr, true);
    if (o >= 0) this.ram[o] = value;
    else {
      const s = this.small(addr);
      if (s) s[addr & 0x3ff] = value;
    }
  }
  write16(addr: number, value: number): void {
    this.write8(addr, value & 0xff);
    this.write8(addr + 1, (value >>> 8) & 0xff);
  }
  write32(addr: number, value: number): void {
    this.write16(addr, value & 0xffff);
    this.write16(addr + 2, value >>> 16);
  }

  /** Reads a little-endian word of a RAM-backed region (for assertions). */
  peek32(addr: number): number {
    const o = this.hostOffset(addr, false);
    return o < 0 ? 0 : this.view.getUint32(o, true);
  }
}
