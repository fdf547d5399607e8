import { ElfError, PT_LOAD, parseElf } from '@codezero-ts/elf';
import type { L4ProgramImage } from '../api.js';
import { BoardError } from '../errors.js';

const PAGE = 4096;
/** Largest span from the first to the last loadable byte of an L4 program. */
const MAX_SPAN = 64 * 1024 * 1024;

/**
 * Turns an ARM ELF executable into an L4 program image: its `PT_LOAD` segments (virtual
 * addresses, file bytes, memory sizes) and, for a single-segment load, one image from the
 * page below the first segment to the end of the last segment's file bytes (gaps zeroed),
 * followed by `bssSize` zeroed bytes up to the end of the last segment's memory.
 * Throws {@link BoardError} `bad-image` for a malformed ELF, no loadable segment, segments
 * that overlap or span more than 64 MiB, or an address outside user space.
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
  const first = loads[0];
  if (first === undefined) throw new BoardError('bad-image', 'the ELF file has no loadable segment');
  const segments = loads.map((p) => ({ vaddr: p.vaddr >>> 0, data: elf.segmentData(p), memSize: p.memsz, flags: p.flags }));
  for (let i = 1; i < segments.length; i++) {
    const prev = segments[i - 1]!;
    if (segments[i]!.vaddr < prev.vaddr + prev.memSize) throw new BoardError('bad-image', 'the ELF file has overlapping loadable segments');
  }
  const last = segments[segments.length - 1]!;
  const loadAddress = Math.floor(first.vaddr / PAGE) * PAGE;
  const end = last.vaddr + last.memSize;
  if (loadAddress === 0 || end > 0xbf000000) throw new BoardError('bad-image', `the program lies outside user space (0x${loadAddress.toString(16)}..0x${end.toString(16)})`);
  if (end - loadAddress > MAX_SPAN) throw new BoardError('bad-image', 'the loadable segments span more than 64 MiB');
  const fileEnd = last.vaddr + last.data.length;
  const image = new Uint8Array(fileEnd - loadAddress);
  for (const s of segments) image.set(s.data, s.vaddr - loadAddress);
  return { loadAddress, entry: elf.entry >>> 0, image, bssSize: end - fileEnd, segments };
}
