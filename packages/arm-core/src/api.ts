/**
 * Public interfaces and types of @codezero-ts/arm-core.
 * @packageDocumentation
 */

/** Kind of a memory access, as passed to {@link MemoryBus}. */
export const AccessKind = {
  /** A data read (LDR, LDM, SWP, LDC…). */
  Read: 0,
  /** A data write (STR, STM, SWP, STC…). */
  Write: 1,
  /** An instruction fetch. */
  Fetch: 2,
} as const;
/** One of the {@link AccessKind} values. */
export type AccessKind = (typeof AccessKind)[keyof typeof AccessKind];

/**
 * The memory the CPU sees (virtual addresses once an MMU wraps a physical bus).
 *
 * Two paths:
 * - **Fast path (RAM).** On a miss in its small software TLB the CPU calls
 *   {@link MemoryBus.translate} for the 4 KiB page holding an address. If the bus answers
 *   with a byte offset into {@link MemoryBus.ram}, the CPU caches it and performs later
 *   loads, stores and fetches of that page directly on the typed array, without any call.
 *   The host offset is also the key of the CPU's decode cache, so it should be the
 *   physical RAM offset (two virtual pages mapping one physical page share decoded code).
 * - **Slow path.** When `translate` answers -1 (device memory, a fault, a mapping finer
 *   than 4 KiB) the CPU calls the read/write methods for each access. An access that
 *   aborts sets {@link MemoryBus.fault} to a nonzero status (ARMv5 FSR style) and returns
 *   anything; the CPU checks the field after every slow access, takes the abort and
 *   resets the field to 0. Nothing throws.
 *
 * Whoever changes what `translate` answered earlier (an MMU on a TTBR/DACR/control write or
 * a TLB operation) must call {@link CpuControl.flushTlb} or {@link CpuControl.flushTlbPage}.
 * Whoever writes RAM behind the CPU's back (device DMA, a loader, a slow-path write that
 * lands in RAM) must call {@link CpuControl.invalidateCode} so stale decoded instructions
 * are dropped.
 */
export interface MemoryBus {
  /**
   * The RAM behind fast-path pages, little-endian. Its byte offset in its buffer and its
   * length must be multiples of 4.
   */
  readonly ram: Uint8Array;
  /**
   * Status of the last slow-path access: 0 after success, or nonzero when it aborted
   * (for example 0x8, external abort; an MMU reports its fault status with the domain in
   * bits 7:4). Set by the bus, reset to 0 by the CPU.
   */
  fault: number;
  /**
   * Host byte offset in {@link MemoryBus.ram} of the 4 KiB page containing `vaddr` when an
   * access of `kind` at this privilege may go straight to RAM; -1 to use the slow path.
   * Called only on CPU TLB misses.
   */
  translate(vaddr: number, kind: AccessKind, privileged: boolean): number;
  /** Reads a byte (slow path). */
  read8(addr: number, kind: AccessKind, privileged: boolean): number;
  /** Reads a halfword at an even address (slow path). */
  read16(addr: number, kind: AccessKind, privileged: boolean): number;
  /** Reads a word at a multiple of 4 (slow path); returns it as a signed 32-bit number. */
  read32(addr: number, kind: AccessKind, privileged: boolean): number;
  /** Writes a byte (slow path). */
  write8(addr: number, value: number, privileged: boolean): void;
  /** Writes a halfword at an even address (slow path). */
  write16(addr: number, value: number, privileged: boolean): void;
  /** Writes a word at a multiple of 4 (slow path). */
  write32(addr: number, value: number, privileged: boolean): void;
}

/** Result of a coprocessor operation. */
export const CoprocStatus = {
  /** Done. */
  Ok: 0,
  /** The coprocessor rejects the instruction: the CPU takes the undefined exception. */
  Undefined: 1,
  /** Done, and the CPU should wait for an interrupt (CP15 c7,c0,4). */
  WaitForInterrupt: 2,
} as const;
/** One of the {@link CoprocStatus} values. */
export type CoprocStatus = (typeof CoprocStatus)[keyof typeof CoprocStatus];

/**
 * A coprocessor plugged into one of the 16 slots (CP15, the system control coprocessor,
 * comes from the `mmu` package). A slot without a coprocessor makes every coprocessor
 * instruction addressed to it undefined. `privileged` is true outside user mode; the
 * coprocessor decides what user mode may do.
 */
export interface Coprocessor {
  /** CDP/CDP2: `instr` is the whole instruction word. */
  cdp(instr: number, privileged: boolean): CoprocStatus;
  /** MCR/MCR2: writes `value` (from an ARM register) to the coprocessor. */
  mcr(opc1: number, crn: number, crm: number, opc2: number, value: number, privileged: boolean): CoprocStatus;
  /** MRC/MRC2: reads a value into `out[0]`. */
  mrc(opc1: number, crn: number, crm: number, opc2: number, privileged: boolean, out: Int32Array): CoprocStatus;
  /** MCRR: writes two ARM registers (`lo` from Rd, `hi` from Rn). */
  mcrr(opc: number, crm: number, lo: number, hi: number, privileged: boolean): CoprocStatus;
  /** MRRC: reads two words into `out[0]` (to Rd) and `out[1]` (to Rn). */
  mrrc(opc: number, crm: number, privileged: boolean, out: Int32Array): CoprocStatus;
  /**
   * LDC/LDC2 (`load` true) or STC/STC2: how many words the transfer moves (≥ 1), or -1
   * for undefined. The CPU then calls {@link Coprocessor.ldcWord} / {@link Coprocessor.stcWord}
   * once per word at consecutive addresses.
   */
  transferCount(instr: number, load: boolean, privileged: boolean): number;
  /** LDC: word `index` of the transfer was read from memory. */
  ldcWord(instr: number, index: number, value: number): void;
  /** STC: word `index` of the transfer, to be written to memory. */
  stcWord(instr: number, index: number): number;
}

/** Processor modes (CPSR bits 4:0). */
export const Mode = {
  User: 0x10,
  Fiq: 0x11,
  Irq: 0x12,
  Supervisor: 0x13,
  Abort: 0x17,
  Undefined: 0x1b,
  System: 0x1f,
} as const;
/** One of the {@link Mode} values. */
export type Mode = (typeof Mode)[keyof typeof Mode];

/** Exceptions; the value is the vector offset divided by 4. */
export const ExceptionKind = {
  Reset: 0,
  Undefined: 1,
  SoftwareInterrupt: 2,
  PrefetchAbort: 3,
  DataAbort: 4,
  Irq: 6,
  Fiq: 7,
} as const;
/** One of the {@link ExceptionKind} values. */
export type ExceptionKind = (typeof ExceptionKind)[keyof typeof ExceptionKind];

/** How exceptions are taken. */
export const ExceptionModel = {
  /** Architecturally, through the vector table (full-system emulation). */
  Machine: 0,
  /**
   * Stop `run()` with {@link StopReason.Exception} and leave the CPU state untouched, for a
   * host kernel written in TypeScript (user-mode code only).
   */
  Hosted: 1,
} as const;
/** One of the {@link ExceptionModel} values. */
export type ExceptionModel = (typeof ExceptionModel)[keyof typeof ExceptionModel];

/** Why {@link Cpu.run} returned. */
export const StopReason = {
  /** The instruction budget is used up. */
  Budget: 0,
  /** The CPU waits for an interrupt (CP15 wait-for-interrupt) and none is pending. */
  Halted: 1,
  /** A host breakpoint address was reached (the instruction there has not run). */
  Breakpoint: 2,
  /** Hosted model: an exception is waiting for the host; see {@link Cpu.trap}. */
  Exception: 3,
  /** {@link Cpu.requestStop} was called (for example from a device callback). */
  Requested: 4,
} as const;
/** One of the {@link StopReason} values. */
export type StopReason = (typeof StopReason)[keyof typeof StopReason];

/**
 * An exception as the host sees it: handed to a {@link TrapHandler} (both models) and, in
 * the hosted model, left in `cpu.trap` when `run()` stops with {@link StopReason.Exception}.
 * The CPU state is untouched except the PC: after an SWI or an interrupt it holds the next
 * instruction to execute (resuming continues the program); after an undefined instruction,
 * a BKPT or an abort it holds the instruction that caused it (resuming retries it).
 */
export interface TrapInfo {
  /** What happened. */
  kind: ExceptionKind;
  /** Address of the instruction that caused it (for interrupts: the next one to run). */
  pc: number;
  /** The value the architecture would put in the exception mode's LR. */
  returnAddress: number;
  /** Data abort: the faulting address; prefetch abort: the instruction address; else 0. */
  faultAddress: number;
  /** Aborts: the bus/MMU fault status (0x2 for a BKPT); else 0. */
  faultStatus: number;
  /** True when the instruction was executing in Thumb state. */
  thumb: boolean;
  /** The instruction word (SWI/undefined/BKPT), 0 for aborts and interrupts. */
  instruction: number;
}

/**
 * A host hook consulted before the CPU takes a synchronous exception: an undefined
 * instruction, an SWI, a prefetch abort (a BKPT is one, status 0x2) or a data abort, in
 * either exception model. Interrupts and reset do not call it.
 *
 * When it runs, `trap` describes the exception (the fault address and the status the
 * MMU or bus reported, for aborts), the CPU state is untouched and the PC is where
 * {@link TrapInfo} says (the next instruction after an SWI, the instruction itself
 * otherwise), and `cpu.liveInstructions` already counts the instruction that trapped.
 *
 * - Return `true` to **claim** it: nothing is taken and execution continues at the PC
 *   with whatever state the handler left (registers, CPSR, PC). This is how a board
 *   performs semihosting calls or emulates an instruction; to skip an undefined
 *   instruction or a BKPT, move the PC past it.
 * - Return `false` to let the CPU take it as its model says (through the vectors, or by
 *   stopping `run()` in the hosted model). A handler that only observes (for example
 *   CP15 recording the FSR and FAR of an abort) returns `false` and must not change the
 *   state.
 *
 * The handler may call `requestStop()` (run() then returns {@link StopReason.Requested}
 * before the next instruction) but must not call `run()` or `step()`. An exception it
 * throws propagates out of `run()` with the PC as described above.
 */
export type TrapHandler = (trap: Readonly<TrapInfo>) => boolean;

/**
 * What an MMU or a board drives on the CPU. Implemented by {@link Cpu}.
 */
export interface CpuControl {
  /** Drops every cached translation (TTBR, DACR, control register writes, TLB flushes). */
  flushTlb(): void;
  /** Drops cached translations of the 4 KiB page holding `vaddr`. */
  flushTlbPage(vaddr: number): void;
  /** Drops decoded instructions for RAM bytes `[offset, offset+length)` (host offsets). */
  invalidateCode(offset: number, length: number): void;
  /** Selects the vector base 0xFFFF0000 (CP15 c1.V) or 0. */
  setHighVectors(high: boolean): void;
  /** Enables alignment faults (CP15 c1.A): unaligned word/halfword accesses abort. */
  setAlignmentCheck(enabled: boolean): void;
}

/**
 * Which processor the CPU behaves as where the two differ:
 * - `'v5te'`: ARMv5TE as the ARM926EJ-S implements it (the default).
 * - `'v4t'`: ARMv4T as the ARM7TDMI (Game Boy Advance) implements it. The instructions
 *   ARMv5 added are undefined (BLX, CLZ, BKPT, BXJ, the DSP extension with LDRD/STRD and
 *   MCRR/MRRC, PLD and every NV-condition encoding); loads into the PC (LDR, LDM, POP)
 *   keep the state instead of interworking; STR/STM of r15 store the address + 12 (Thumb
 *   STM + 6); an unaligned LDRH returns the halfword rotated right by 8 and an unaligned
 *   LDRSH loads a signed byte; an LDM/STM with an empty list transfers r15 and moves the
 *   base by 64; an STM with writeback whose base is in the list but not first stores the
 *   written-back base; TST/TEQ/CMP/CMN with S and Rd = 15 copy the SPSR into the CPSR
 *   after setting the flags. Everything else (including the unaligned LDR rotation and
 *   the flags of multiplies, C unchanged) is shared.
 */
export type Architecture = 'v5te' | 'v4t';

/** Options of the {@link Cpu} constructor. */
export interface CpuOptions {
  /** The processor modelled. Default `'v5te'` (ARM926EJ-S). */
  readonly architecture?: Architecture;
  /** How exceptions are taken. Default {@link ExceptionModel.Machine}. */
  readonly exceptionModel?: ExceptionModel;
  /** Initial {@link TrapHandler} (see `Cpu.onException`). Default none. */
  readonly onException?: TrapHandler;
}

/** The whole architectural CPU state as a plain serialisable object. */
export interface CpuSnapshot {
  /** Format version, 1. */
  readonly version: 1;
  /** r0–r15 of the current mode (r15 = address of the next instruction). */
  readonly regs: readonly number[];
  /** CPSR. */
  readonly cpsr: number;
  /** User/system r8–r12, r13, r14 (current values if the mode is usr/sys). */
  readonly usr: readonly number[];
  /** FIQ r8–r14. */
  readonly fiq: readonly number[];
  /** r13, r14 of irq, svc, abt, und. */
  readonly irq: readonly number[];
  /** See {@link CpuSnapshot.irq}. */
  readonly svc: readonly number[];
  /** See {@link CpuSnapshot.irq}. */
  readonly abt: readonly number[];
  /** See {@link CpuSnapshot.irq}. */
  readonly und: readonly number[];
  /** SPSRs of fiq, irq, svc, abt, und. */
  readonly spsr: readonly number[];
  /** IRQ and FIQ input levels. */
  readonly irqLine: boolean;
  /** See {@link CpuSnapshot.irqLine}. */
  readonly fiqLine: boolean;
  /** Waiting for an interrupt. */
  readonly halted: boolean;
  /** Vector base is 0xFFFF0000. */
  readonly highVectors: boolean;
  /** Alignment checking is on. */
  readonly alignmentCheck: boolean;
  /** Instructions executed so far. */
  readonly instructions: number;
}
