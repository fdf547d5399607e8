/**
 * An ARMv5TE (ARM926EJ-S) CPU emulator with a disassembler.
 * @packageDocumentation
 */
export type {} from './api.js';
export type { DisassembledInstruction, DisassembleOptions, DisasmSymbol } from './disasm/index.js';
export { disassembleArm, disassembleThumb, formatListingLine, rawColumn, symbolizeAddress } from './disasm/index.js';
