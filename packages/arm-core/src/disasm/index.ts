/**
 * ARM and Thumb disassembler whose text matches GNU objdump.
 * @packageDocumentation
 */
export type { DisassembledInstruction, DisassembleOptions, DisasmSymbol } from './types.js';
export { disassembleArm } from './arm.js';
export { disassembleThumb } from './thumb.js';
export { formatListingLine, rawColumn, symbolizeAddress } from './line.js';
