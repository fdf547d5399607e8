/**
 * An ARMv5TE (ARM926EJ-S) CPU emulator with a disassembler.
 * @packageDocumentation
 */
export {
  AccessKind,
  CoprocStatus,
  ExceptionKind,
  ExceptionModel,
  Mode,
  StopReason,
} from './api.js';
export type { Architecture, Coprocessor, CpuControl, CpuOptions, CpuSnapshot, MemoryBus, TrapHandler, TrapInfo } from './api.js';
export { Cpu } from './cpu.js';
export { TranslationCache } from './translation-cache.js';
export { FlatRamBus, FLAT_BUS_ABORT } from './flat-ram-bus.js';
export { CpuStateError } from './errors.js';
export type { DisassembledInstruction, DisassembleOptions, DisasmSymbol } from './disasm/index.js';
export { disassembleArm, disassembleThumb, formatListingLine, rawColumn, symbolizeAddress } from './disasm/index.js';
