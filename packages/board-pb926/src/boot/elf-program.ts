import { ElfError, PT_LOAD, parseElf } from '@codezero-ts/elf';
import type { L4ProgramImage } from '../api.js';
import { BoardError } from '../errors.js';

/** First address above user space (the kernel's part of every address space). */
const USER_END = 0xbf000000;

/**
 * Turns an ARM ELF executable into an L4 program: its `PT_LOAD` segments with a nonzero
 * memory size (virtual address, file bytes, memory size, flags), in address order, and
 * `e_entry`. Throws {@link BoardError} `bad-image` for a file that is not a well-formed ARM
 * ELF, has no loadable segment, has overlapping segments, or reaches outside user space
 * (below 0x1000 or from 0xBF000000 up).
 */
export function l4ProgramFromElf(bytes: Uint8Array): L4ProgramImage {
  let elf;
  try {
    elf = parseElf(bytes);
  } catch (e) {
    if (e instanceof ElfError) throw new BoardError('bad-image', `not an ARM ELF executable: ${e.message}`);
    throw e;
  }
  const loads = elf.programHeaders.filter((p) => p.type === PT_LOAD && p.memsz > 0).sort((a, b) => a.vaddr - b.vaddr);
  if (loads.length === 0) throw new BoardError('bad-image', 'the ELF file has no loadable segment');
  const segments = loads.map((p) => ({ vaddr: p.vaddr >>> 0, data: elf.segmentData(p), memSize: p.memsz, flags: p.flags }));
  let end = 0;
  for (const s of segments) {
    if (s.vaddr < end) throw new BoardError('bad-image', 'the ELF file has overlapping loadable segments');
    end = s.vaddr + s.memSize;
    if (s.vaddr < 0x1000 || end > USER_END) {
      throw new BoardError('bad-image', `a segment lies outside user space (0x${s.vaddr.toString(16)}..0x${end.toString(16)})`);
    }
  }
  return { entry: elf.entry >>> 0, segments };
}
