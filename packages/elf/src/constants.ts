/** e_machine of ARM. */
export const EM_ARM = 40;
/** Program header type of a loadable segment. */
export const PT_LOAD = 1;
/** Section type of a symbol table. */
export const SHT_SYMTAB = 2;
/** Section type of a string table. */
export const SHT_STRTAB = 3;
/** Section type of a section that occupies no file bytes (`.bss`). */
export const SHT_NOBITS = 8;
/** Section flag: occupies memory at run time. */
export const SHF_ALLOC = 2;
/** Section flag: holds executable instructions. */
export const SHF_EXECINSTR = 4;
/** Segment flag: executable. */
export const PF_X = 1;
