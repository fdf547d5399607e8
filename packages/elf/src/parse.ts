import type { ElfFile, ElfHeader, ElfProgramHeader, ElfSection, ElfSymbol } from './api.js';
import { EM_ARM, SHT_NOBITS, SHT_STRTAB, SHT_SYMTAB } from './constants.js';
import { ElfError } from './errors.js';

const EHDR_SIZE = 52;
const PHDR_SIZE = 32;
const SHDR_SIZE = 40;
const SYM_SIZE = 16;

/** True when `bytes` starts with the ELF magic `\x7fELF`. */
export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

/** Checks that `[offset, offset+size)` lies inside the file. */
function within(fileSize: number, offset: number, size: number, what: string): void {
  if (offset + size > fileSize) {
    throw new ElfError('truncated', `${what} at offset ${hex(offset)} (${size} bytes) runs past the end of the ${fileSize}-byte file`);
  }
}

function readString(bytes: Uint8Array, table: ElfSection, index: number, what: string): string {
  if (index >= table.size) throw new ElfError('inconsistent', `${what} name offset ${index} is outside string table '${table.name || table.index}' (${table.size} bytes)`);
  const start = table.offset + index;
  const end = table.offset + table.size;
  let i = start;
  while (i < end && bytes[i] !== 0) i++;
  if (i === end) throw new ElfError('inconsistent', `${what} name at offset ${index} is not NUL-terminated inside its string table`);
  let s = '';
  for (let k = start; k < i; k++) s += String.fromCharCode(bytes[k]!);
  return s;
}

function readHeader(view: DataView, size: number): ElfHeader {
  const u16 = (o: number): number => view.getUint16(o, true);
  const u32 = (o: number): number => view.getUint32(o, true);
  const header: ElfHeader = {
    type: u16(16),
    machine: u16(18),
    version: u32(20),
    entry: u32(24),
    phoff: u32(28),
    shoff: u32(32),
    flags: u32(36),
    ehsize: u16(40),
    phentsize: u16(42),
    phnum: u16(44),
    shentsize: u16(46),
    shnum: u16(48),
    shstrndx: u16(50),
  };
  if (header.machine !== EM_ARM) throw new ElfError('wrong-machine', `e_machine is ${header.machine}, not 40 (ARM)`);
  if (header.version !== 1) throw new ElfError('bad-version', `e_version is ${header.version}, not 1`);
  if (header.ehsize < EHDR_SIZE) throw new ElfError('inconsistent', `e_ehsize is ${header.ehsize}, smaller than the 52-byte ELF32 header`);
  if (header.phnum > 0) {
    if (header.phentsize !== PHDR_SIZE) throw new ElfError('inconsistent', `e_phentsize is ${header.phentsize}, not 32`);
    within(size, header.phoff, header.phnum * PHDR_SIZE, 'program header table');
  }
  if (header.shnum > 0) {
    if (header.shentsize !== SHDR_SIZE) throw new ElfError('inconsistent', `e_shentsize is ${header.shentsize}, not 40`);
    within(size, header.shoff, header.shnum * SHDR_SIZE, 'section header table');
    if (header.shstrndx >= header.shnum) throw new ElfError('inconsistent', `e_shstrndx ${header.shstrndx} is not below e_shnum ${header.shnum}`);
  }
  return header;
}

/**
 * Parses an ELF32 little-endian ARM file strictly: every table and section must lie inside
 * the file and every name must resolve.
 *
 * @throws {@link ElfError} with a code naming the problem.
 */
export function parseElf(bytes: Uint8Array): ElfFile {
  if (!isElf(bytes)) throw new ElfError('not-elf', 'not an ELF file (no \\x7fELF magic)');
  if (bytes.length < EHDR_SIZE) throw new ElfError('truncated', `file is ${bytes.length} bytes, shorter than the 52-byte ELF32 header`);
  if (bytes[4] !== 1) throw new ElfError('wrong-class', `EI_CLASS is ${bytes[4]}, not 1 (ELF32)`);
  if (bytes[5] !== 1) throw new ElfError('wrong-endianness', `EI_DATA is ${bytes[5]}, not 1 (little-endian)`);
  if (bytes[6] !== 1) throw new ElfError('bad-version', `EI_VERSION is ${bytes[6]}, not 1`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = bytes.length;
  const header = readHeader(view, size);
  const u16 = (o: number): number => view.getUint16(o, true);
  const u32 = (o: number): number => view.getUint32(o, true);

  const programHeaders: ElfProgramHeader[] = [];
  for (let i = 0; i < header.phnum; i++) {
    const o = header.phoff + i * PHDR_SIZE;
    const ph: ElfProgramHeader = { type: u32(o), offset: u32(o + 4), vaddr: u32(o + 8), paddr: u32(o + 12), filesz: u32(o + 16), memsz: u32(o + 20), flags: u32(o + 24), align: u32(o + 28) };
    within(size, ph.offset, ph.filesz, `segment ${i}`);
    if (ph.filesz > ph.memsz) throw new ElfError('inconsistent', `segment ${i} has p_filesz ${hex(ph.filesz)} larger than p_memsz ${hex(ph.memsz)}`);
    programHeaders.push(ph);
  }

  const raw: ElfSection[] = [];
  for (let i = 0; i < header.shnum; i++) {
    const o = header.shoff + i * SHDR_SIZE;
    const sec: ElfSection = { index: i, name: '', type: u32(o + 4), flags: u32(o + 8), addr: u32(o + 12), offset: u32(o + 16), size: u32(o + 20), link: u32(o + 24), info: u32(o + 28), addralign: u32(o + 32), entsize: u32(o + 36) };
    if (sec.type !== SHT_NOBITS && i !== 0) within(size, sec.offset, sec.size, `section ${i}`);
    raw.push(sec);
  }
  let sections: ElfSection[] = raw;
  if (raw.length > 0) {
    const names = raw[header.shstrndx]!;
    if (names.type !== SHT_STRTAB) throw new ElfError('inconsistent', `section ${header.shstrndx} named by e_shstrndx is not a string table (type ${names.type})`);
    sections = raw.map((sec, i) => ({ ...sec, name: i === 0 ? '' : readString(bytes, names, u32(header.shoff + i * SHDR_SIZE), `section ${i}`) }));
  }

  const symbols: ElfSymbol[] = [];
  const symtab = sections.find((s) => s.type === SHT_SYMTAB);
  if (symtab) {
    if (symtab.entsize !== SYM_SIZE) throw new ElfError('inconsistent', `.symtab entry size is ${symtab.entsize}, not 16`);
    const strtab = sections[symtab.link];
    if (!strtab || strtab.type !== SHT_STRTAB) throw new ElfError('inconsistent', `.symtab links to section ${symtab.link}, which is not a string table`);
    const count = Math.floor(symtab.size / SYM_SIZE);
    for (let i = 1; i < count; i++) {
      const o = symtab.offset + i * SYM_SIZE;
      const info = bytes[o + 12]!;
      symbols.push({ name: readString(bytes, strtab, u32(o), `symbol ${i}`), value: u32(o + 4), size: u32(o + 8), bind: info >>> 4, type: info & 15, other: bytes[o + 13]!, shndx: u16(o + 14) });
    }
  }

  return {
    header,
    entry: header.entry,
    programHeaders,
    sections,
    symbols,
    section: (name) => sections.find((s) => s.name === name),
    sectionData: (sec) => (sec.type === SHT_NOBITS ? new Uint8Array(0) : bytes.subarray(sec.offset, sec.offset + sec.size)),
    segmentData: (seg) => bytes.subarray(seg.offset, seg.offset + seg.filesz),
  };
}
