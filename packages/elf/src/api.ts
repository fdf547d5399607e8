/**
 * Public interfaces and types of @codezero-ts/elf.
 * @packageDocumentation
 */

/** The ELF file header fields this reader checks and exposes. */
export interface ElfHeader {
  /** e_type: 1 relocatable, 2 executable, 3 shared object, 4 core. */
  readonly type: number;
  /** e_machine: always 40 (EM_ARM) for a file this reader accepts. */
  readonly machine: number;
  /** e_version: always 1. */
  readonly version: number;
  /** e_entry: the entry point address. */
  readonly entry: number;
  /** e_phoff: file offset of the program header table (0 when none). */
  readonly phoff: number;
  /** e_shoff: file offset of the section header table (0 when none). */
  readonly shoff: number;
  /** e_flags: ARM EABI flags (EABI version in the top byte). */
  readonly flags: number;
  /** e_ehsize: size of this header, 52. */
  readonly ehsize: number;
  /** e_phentsize: size of one program header, 32 when there are any. */
  readonly phentsize: number;
  /** e_phnum: number of program headers. */
  readonly phnum: number;
  /** e_shentsize: size of one section header, 40 when there are any. */
  readonly shentsize: number;
  /** e_shnum: number of section headers. */
  readonly shnum: number;
  /** e_shstrndx: index of the section holding section names. */
  readonly shstrndx: number;
}

/** One program header (a segment). */
export interface ElfProgramHeader {
  /** p_type: 1 PT_LOAD, 2 PT_DYNAMIC, 4 PT_NOTE, 6 PT_PHDR, 7 PT_TLS, 0x70000001 PT_ARM_EXIDX, … */
  readonly type: number;
  /** p_offset: file offset of the segment's bytes. */
  readonly offset: number;
  /** p_vaddr: virtual address. */
  readonly vaddr: number;
  /** p_paddr: physical (load) address. */
  readonly paddr: number;
  /** p_filesz: bytes in the file. */
  readonly filesz: number;
  /** p_memsz: bytes in memory (the rest past filesz is zero). */
  readonly memsz: number;
  /** p_flags: 1 execute, 2 write, 4 read. */
  readonly flags: number;
  /** p_align. */
  readonly align: number;
}

/** One section header, with its name resolved. */
export interface ElfSection {
  /** Index in the section header table. */
  readonly index: number;
  /** Name from the section name string table (`.text`). */
  readonly name: string;
  /** sh_type: 1 PROGBITS, 2 SYMTAB, 3 STRTAB, 8 NOBITS, … */
  readonly type: number;
  /** sh_flags: 1 write, 2 alloc, 4 execute. */
  readonly flags: number;
  /** sh_addr: address in memory. */
  readonly addr: number;
  /** sh_offset: file offset. */
  readonly offset: number;
  /** sh_size: size in bytes. */
  readonly size: number;
  /** sh_link. */
  readonly link: number;
  /** sh_info. */
  readonly info: number;
  /** sh_addralign. */
  readonly addralign: number;
  /** sh_entsize. */
  readonly entsize: number;
}

/** One `.symtab` entry, with its name resolved. */
export interface ElfSymbol {
  /** Name (`main`, or a mapping symbol such as `$a`, `$t`, `$d`). */
  readonly name: string;
  /** st_value: the address (Thumb functions have bit 0 set). */
  readonly value: number;
  /** st_size. */
  readonly size: number;
  /** Binding: 0 local, 1 global, 2 weak. */
  readonly bind: number;
  /** Type: 0 notype, 1 object, 2 func, 3 section, 4 file. */
  readonly type: number;
  /** st_other (visibility). */
  readonly other: number;
  /** st_shndx: the section it is defined in (0 undefined, 0xfff1 absolute). */
  readonly shndx: number;
}

/** A parsed ELF32 little-endian ARM file. */
export interface ElfFile {
  /** The file header. */
  readonly header: ElfHeader;
  /** The entry point (same as `header.entry`). */
  readonly entry: number;
  /** Program headers in table order. */
  readonly programHeaders: readonly ElfProgramHeader[];
  /** Section headers in table order (index 0 is the null section). */
  readonly sections: readonly ElfSection[];
  /** Symbols of `.symtab` in table order, without the null entry at index 0; empty when the file has none. */
  readonly symbols: readonly ElfSymbol[];
  /** The section with this name, if any. */
  section(name: string): ElfSection | undefined;
  /** The bytes of a section (empty for NOBITS sections), a view into the file. */
  sectionData(section: ElfSection): Uint8Array;
  /** The file bytes of a segment (`filesz` bytes), a view into the file. */
  segmentData(segment: ElfProgramHeader): Uint8Array;
}

/** Codes of {@link ElfError}. */
export type ElfErrorCode =
  | 'not-elf'
  | 'wrong-class'
  | 'wrong-endianness'
  | 'wrong-machine'
  | 'bad-version'
  | 'truncated'
  | 'inconsistent';
