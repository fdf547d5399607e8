/**
 * Types of the ARM/Thumb disassembler.
 * @packageDocumentation
 */

/** One decoded instruction, in the spelling GNU objdump uses. */
export interface DisassembledInstruction {
  /** Address the instruction was decoded at. */
  readonly address: number;
  /** The instruction bits: a 32-bit ARM word, a 16-bit Thumb halfword, or a Thumb BL/BLX pair as `(first << 16) | second`. */
  readonly word: number;
  /** Bytes the instruction occupies: 4 for ARM and Thumb BL/BLX pairs, 2 for other Thumb instructions. */
  readonly length: 2 | 4;
  /** Mnemonic with condition and flags suffixes (`ldrbne`, `bl`, `push`); empty for an undefined encoding. */
  readonly mnemonic: string;
  /** Operand text (`r0, [pc, #4]`); empty when there are none. */
  readonly operands: string;
  /** objdump's trailing comment without its `@ ` marker (`0x801c`, `<UNPREDICTABLE>`), or null. */
  readonly comment: string | null;
  /** Destination of a direct branch (B, BL, BLX immediate, Thumb B/BL/BLX), or null. */
  readonly target: number | null;
  /** True when the encoding is undefined (objdump prints `<UNDEFINED> instruction`). */
  readonly undefined: boolean;
  /** True when objdump flags the encoding `<UNPREDICTABLE>`. */
  readonly unpredictable: boolean;
  /**
   * objdump's text for the instruction exactly as it prints it after the raw-bytes column:
   * mnemonic, a tab, operands, and `\t@ comment` when there is one.
   */
  readonly text: string;
}

/** Options of the disassembly functions. */
export interface DisassembleOptions {
  /**
   * Names an address for branch targets and PC-relative comments. objdump prints a raw
   * binary's addresses as `0x8004` (the default here) and an ELF file's as `8004 <main+0x4>`:
   * return the whole spelling, e.g. from {@link symbolizeAddress}.
   */
  readonly formatAddress?: (address: number) => string;
}

/** A symbol for {@link symbolizeAddress}: a name and its address. */
export interface DisasmSymbol {
  /** Symbol name. */
  readonly name: string;
  /** Symbol address (for Thumb functions, without the low bit). */
  readonly address: number;
}
