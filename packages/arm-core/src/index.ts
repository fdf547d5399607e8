/**
 * An ARMv5TE (ARM926EJ-S) CPU emulator with a disassembler.
 * @packageDocumentation
 */
export type {} from './api.js';
