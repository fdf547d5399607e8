import { ElfError, PT_LOAD, isElf, parseElf } from '@codezero-ts/elf';
import type { LoadedImage } from '../api.js';
import { BoardError } from '../errors.js';

/** Where QEMU puts a raw (Linux-style) kernel image on a 32-bit ARM board. */
export const KERNEL_LOAD_ADDRESS = 0x10000;
/** Where QEMU writes the ATAG list for a raw image. */
export const ATAG_ADDRESS = 0x100;
/** Linux machine type of the Versatile PB that QEMU passes in r1 (0x183). */
export const VERSATILE_PB_MACHINE_ID = 387;
/** First physical address that is not RAM on this board (the system registers). */
const DEVICE_BASE = 0x10000000;

const ATAG_CORE = 0x54410001;
const ATAG_MEM = 0x54410002;

/** The CPU state an image starts with (the rest is the reset state: SVC, IRQ/FIQ masked). */
export interface BootState {
  /** Loaded ranges and entry. */
  readonly image: LoadedImage;
  /** First instruction executed. */
  readonly pc: number;
  /** Start in Thumb state (an ELF entry with bit 0 set). */
  readonly thumb: boolean;
}

function checkRange(start: number, end: number, ramSize: number, what: string): void {
  if (end <= ramSize) return;
  const hex = (n: number): string => `0x${n.toString(16)}`;
  if (end > DEVICE_BASE && start < 0x20000000) {
    throw new BoardError('image-overlaps-devices', `${what} [${hex(start)}, ${hex(end)}) overlaps the device area from ${hex(DEVICE_BASE)}`);
  }
  throw new BoardError('image-outside-ram', `${what} [${hex(start)}, ${hex(end)}) lies beyond RAM (${hex(ramSize)} bytes)`);
}

function put32(ram: Uint8Array, addr: number, value: number): void {
  ram[addr] = value & 0xff;
  ram[addr + 1] = (value >>> 8) & 0xff;
  ram[addr + 2] = (value >>> 16) & 0xff;
  ram[addr + 3] = (value >>> 24) & 0xff;
}

/**
 * Loads an ELF file by its PT_LOAD program headers (at their physical addresses; bytes
 * past the file size are zeroed) and starts at its entry point with every register 0,
 * as QEMU's `-kernel` does for an ELF.
 */
function loadElf(bytes: Uint8Array, ram: Uint8Array): BootState {
  let elf;
  try {
    elf = parseElf(bytes);
  } catch (e) {
    if (e instanceof ElfError) throw new BoardError('bad-image', `malformed ELF (${e.code}): ${e.message}`);
    throw e;
  }
  const loads = elf.programHeaders.filter((p) => p.type === PT_LOAD && p.memsz > 0);
  if (loads.length === 0) throw new BoardError('bad-image', 'the ELF file has no loadable segment');
  for (const p of loads) {
    if (p.filesz > p.memsz || p.offset + p.filesz > bytes.length) throw new BoardError('bad-image', 'malformed ELF: a segment lies outside the file');
    checkRange(p.paddr, p.paddr + p.memsz, ram.length, 'ELF segment');
  }
  const segments = [];
  for (const p of loads) {
    ram.set(bytes.subarray(p.offset, p.offset + p.filesz), p.paddr);
    ram.fill(0, p.paddr + p.filesz, p.paddr + p.memsz);
    segments.push({ start: p.paddr, end: p.paddr + p.memsz });
  }
  const entry = elf.entry >>> 0;
  return { image: { format: 'elf', entry: entry & ~1, segments }, pc: entry & ~1, thumb: (entry & 1) !== 0 };
}

/**
 * Loads a raw image at 0x10000 the way QEMU boots a Linux kernel: ATAGs (CORE, MEM, NONE)
 * at 0x100 and a four-instruction boot stub at 0 that sets r0 = 0, r1 = the machine type
 * and r2 = the ATAG address, then jumps to the image.
 */
function loadRaw(bytes: Uint8Array, ram: Uint8Array): BootState {
  if (bytes.length === 0) throw new BoardError('bad-image', 'the image is empty');
  checkRange(KERNEL_LOAD_ADDRESS, KERNEL_LOAD_ADDRESS + bytes.length, ram.length, 'raw image');
  ram.set(bytes, KERNEL_LOAD_ADDRESS);
  const stub = [
    0xe3a00000, // mov r0, #0
    0xe59f1004, // ldr r1, [pc, #4]   (word at 0x10)
    0xe59f2004, // ldr r2, [pc, #4]   (word at 0x14)
    0xe59ff004, // ldr pc, [pc, #4]   (word at 0x18)
    VERSATILE_PB_MACHINE_ID,
    ATAG_ADDRESS,
    KERNEL_LOAD_ADDRESS,
  ];
  stub.forEach((w, i) => { put32(ram, 4 * i, w); });
  const tags = [5, ATAG_CORE, 1, 4096, 0, 4, ATAG_MEM, ram.length, 0, 0, 0];
  tags.forEach((w, i) => { put32(ram, ATAG_ADDRESS + 4 * i, w); });
  return {
    image: {
      format: 'raw',
      entry: KERNEL_LOAD_ADDRESS,
      segments: [
        { start: 0, end: stub.length * 4 },
        { start: ATAG_ADDRESS, end: ATAG_ADDRESS + tags.length * 4 },
        { start: KERNEL_LOAD_ADDRESS, end: KERNEL_LOAD_ADDRESS + bytes.length },
      ],
    },
    pc: 0,
    thumb: false,
  };
}

/** Loads `bytes` (ELF if it has the ELF magic, else raw) into `ram`. */
export function loadImageInto(bytes: Uint8Array, ram: Uint8Array): BootState {
  return isElf(bytes) ? loadElf(bytes, ram) : loadRaw(bytes, ram);
}
