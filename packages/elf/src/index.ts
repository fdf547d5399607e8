/**
 * A small, strict reader of 32-bit ARM ELF files: headers, program headers, sections, symbols.
 * @packageDocumentation
 */
export type { ElfErrorCode, ElfFile, ElfHeader, ElfProgramHeader, ElfSection, ElfSymbol } from './api.js';
export { ElfError } from './errors.js';
export { isElf, parseElf } from './parse.js';
export { EM_ARM, PF_X, PT_LOAD, SHF_ALLOC, SHF_EXECINSTR, SHT_NOBITS, SHT_STRTAB, SHT_SYMTAB } from './constants.js';
