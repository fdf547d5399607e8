import {
  AccessKind,
  ExceptionKind,
  ExceptionModel,
  Mode,
  StopReason,
  type Coprocessor,
  type CpuControl,
  type CpuOptions,
  type CpuSnapshot,
  type MemoryBus,
  type TrapHandler,
  type TrapInfo,
} from './api.js';
import { bankOf, loadBank, saveBank } from './internal/banks.js';
import { decodeArm } from './internal/arm-decoder.js';
import { adaptV4t } from './internal/v4t.js';
import { decodeThumb } from './internal/thumb-decoder.js';
import { fuseCompareBranch } from './internal/fuse.js';
import { DECODED, FLAGS, Flag, LIVE_REGS, interpret } from './internal/interpreter.js';
import { Layout } from './internal/ops.js';
import { CpuStateError } from './errors.js';
import { Tlb, TranslationCache } from './translation-cache.js';

/**
 * The CPU that owns the interpreter's module arrays (its registers are in LIVE_REGS, its
 * decoded code in DECODED): the one that ran last. Another CPU takes them over when it
 * runs (`claim`). It also keeps that CPU reachable until another one runs.
 */
let owner: Cpu | null = null;

/**
 * An ARMv5TE CPU (ARM926EJ-S without Jazelle: BXJ behaves as BX).
 *
 * State lives in typed arrays and plain number fields so that the interpreter loop stays
 * monomorphic; fields marked internal are the interpreter's and are not part of the API.
 * Registers of the current mode are in `r` (r15 reads as the architectural PC only while
 * an instruction executes; use {@link Cpu.pc} from outside).
 */
export class Cpu implements CpuControl {
  /** This CPU's registers while another CPU owns LIVE_REGS. */
  private readonly ownRegs = new Int32Array(16);
  /** @internal Banked r8–r14 store (see banks.ts). */
  readonly bank = new Int32Array(22);
  /** @internal SPSRs by bank id (index 0 unused). */
  readonly spsrs = new Int32Array(6);
  /** This CPU's condition flags (N, Z, C, V) while another CPU owns FLAGS. */
  private readonly ownFlags = new Int32Array(4);
  /** @internal Sticky saturation flag. */
  q = 0;
  /** @internal CPSR.I */
  iMask = 1;
  /** @internal CPSR.F */
  fMask = 1;
  /** @internal CPSR.T (0 or 1). */
  thumb = 0;
  /** @internal CPSR mode bits. */
  mode: number = Mode.Supervisor;
  /** @internal 1 when privileged. */
  priv = 1;
  /** @internal Address of the next instruction. */
  pcNext = 0;
  /** @internal Set when the interpreter must reload its cached state. */
  sync = 0;
  /** @internal -1 while running, else the StopReason. */
  stopReason = -1;
  /** @internal Nonzero when something must be checked between instructions. */
  attention = 0;
  /** @internal Data abort status of the last access (0 = none). */
  abort = 0;
  /** @internal Shifter carry out. */
  shc = 0;

  /** The memory the CPU sees. */
  readonly bus: MemoryBus;
  /** @internal */
  readonly ram8: Uint8Array;
  /** @internal */
  readonly ram16: Uint16Array;
  /** @internal */
  readonly ram32: Int32Array;
  /** @internal The translation cache in use. */
  private tlb = new TranslationCache();
  /**
   * @internal Its tags (read, write, fetch: 256 each): (page << 1) | privileged, -1 empty.
   * The two arrays are copied out of it so the memory fast paths load one field, not two.
   */
  tlbTag = this.tlb.tag;
  /** @internal Its host byte offsets of the pages. */
  tlbOff = this.tlb.off;

  /** @internal Slot base of the decode block of each 1 KiB RAM block, ARM state (0 = none). */
  readonly blockArm: Int32Array;
  /** @internal Same for Thumb state. */
  readonly blockThumb: Int32Array;
  /** @internal 1 for RAM blocks that have decoded code. */
  readonly codeMap: Uint8Array;
  /**
   * Next free word of DECODED (the interpreter's decode store, four words per slot: op,
   * field words a and b, spare); its first Layout.ThumbBlock words are the scratch block
   * for slow-path fetches. Only the owner (see `claim`) has decoded code there.
   */
  private nextBase: number = Layout.ThumbBlock;
  /** @internal Virtual 1 KiB block the interpreter fetches from (-1 = none). */
  blockV = -1;
  /** @internal Host offset of that block, -1 when fetched through the slow path. */
  blockHost = -1;
  private readonly decodeOut = new Int32Array(3);

  private readonly cops: (Coprocessor | undefined)[] = new Array<Coprocessor | undefined>(16).fill(undefined);
  /** @internal Scratch for coprocessor reads. */
  readonly copOut = new Int32Array(2);
  /** Input level of the IRQ line. */
  private irqLine = false;
  private fiqLine = false;
  private halted = false;
  private highVectors = false;
  /** @internal */
  alignCheck = false;
  private stopRequested = false;
  private readonly breakpoints = new Set<number>();
  private bpSkip = -1;
  /** Instructions executed before the current interpreter call. */
  private count = 0;
  /**
   * @internal Instructions of the current interpreter call up to and including the one
   * executing, published by the interpreter before anything that can reach host code
   * (slow-path bus accesses, coprocessors, exceptions); 0 outside it.
   */
  live = 0;
  private running = false;
  /**
   * Hook consulted before a synchronous exception is taken (see {@link TrapHandler}):
   * semihosting, instruction emulation, or observing aborts. `null` (the default) takes
   * every exception as the exception model says.
   */
  onException: TrapHandler | null = null;
  /** Exception model (machine or hosted). */
  readonly exceptionModel: ExceptionModel;
  /** @internal 1 when modelling the ARM7TDMI (`architecture: 'v4t'`), else 0. */
  readonly v4t: number;
  /** The last exception handed to the host (hosted model) or to {@link Cpu.onException}. */
  readonly trap: TrapInfo = {
    kind: ExceptionKind.Reset,
    pc: 0,
    returnAddress: 0,
    faultAddress: 0,
    faultStatus: 0,
    thumb: false,
    instruction: 0,
  };

  /**
   * @internal Live registers r0–r15 of the current mode: the interpreter's LIVE_REGS while
   * this CPU owns them, else its own copy. Read it again after another CPU has run.
   */
  get r(): Int32Array {
    return owner === this ? LIVE_REGS : this.ownRegs;
  }

  /** The flags N, Z, C, V (indexed by `Flag`): FLAGS while this CPU owns them, else its own copy. */
  private get flagWords(): Int32Array {
    return owner === this ? FLAGS : this.ownFlags;
  }
  /** @internal Flag N (0 or 1). */
  get n(): number {
    return this.flagWords[Flag.N]!;
  }
  set n(x: number) {
    this.flagWords[Flag.N] = x;
  }
  /** @internal Flag Z. */
  get z(): number {
    return this.flagWords[Flag.Z]!;
  }
  set z(x: number) {
    this.flagWords[Flag.Z] = x;
  }
  /** @internal Flag C. */
  get c(): number {
    return this.flagWords[Flag.C]!;
  }
  set c(x: number) {
    this.flagWords[Flag.C] = x;
  }
  /** @internal Flag V. */
  get v(): number {
    return this.flagWords[Flag.V]!;
  }
  set v(x: number) {
    this.flagWords[Flag.V] = x;
  }

  /** Creates a CPU on `bus`, in the reset state (SVC mode, IRQ/FIQ masked, PC 0). */
  constructor(bus: MemoryBus, options: CpuOptions = {}) {
    this.bus = bus;
    const ram = bus.ram;
    if (ram.byteOffset % 4 !== 0 || ram.length % 4 !== 0) {
      throw new CpuStateError('bad-ram', 'MemoryBus.ram must start and end on a 4-byte boundary');
    }
    this.ram8 = ram;
    this.ram16 = new Uint16Array(ram.buffer, ram.byteOffset, ram.length >>> 1);
    this.ram32 = new Int32Array(ram.buffer, ram.byteOffset, ram.length >>> 2);
    const blocks = Math.ceil(ram.length / 1024);
    this.blockArm = new Int32Array(blocks);
    this.blockThumb = new Int32Array(blocks);
    this.codeMap = new Uint8Array(blocks);
    this.exceptionModel = options.exceptionModel ?? ExceptionModel.Machine;
    const arch: string = options.architecture ?? 'v5te';
    if (arch !== 'v5te' && arch !== 'v4t') throw new CpuStateError('bad-architecture', `architecture ${arch} is not 'v5te' or 'v4t'`);
    this.v4t = arch === 'v4t' ? 1 : 0;
    this.onException = options.onException ?? null;
  }

  // ---------------------------------------------------------------- public API

  /**
   * Address of the next instruction to execute. Writing it aligns the value for the
   * current state (bit 0 cleared in Thumb, bits 1:0 in ARM), so set the CPSR first.
   */
  get pc(): number {
    return this.pcNext >>> 0;
  }
  set pc(value: number) {
    this.pcNext = value & (this.thumb !== 0 ? ~1 : ~3);
  }

  /**
   * Instructions executed since creation (exact up to 2^53), brought up to date when
   * `run()` returns: read from inside a run (a device, a coprocessor, a hook) it gives the
   * count at the start of that run. Use {@link Cpu.liveInstructions} there.
   */
  get instructions(): number {
    return this.count;
  }

  /**
   * The exact instruction count at any moment: equal to {@link Cpu.instructions} outside
   * `run()`; read during a run (from a device's slow-path read or write, a coprocessor or
   * a {@link TrapHandler}) it counts every instruction executed so far, including the one
   * in progress. A virtual clock that devices read mid-run should count with this.
   */
  get liveInstructions(): number {
    return this.count + this.live;
  }

  /** Reads register `n` (0–15) of the current mode; r15 gives {@link Cpu.pc}. */
  getReg(n: number): number {
    if (n === 15) return this.pc;
    return this.r[n & 15]! >>> 0;
  }

  /** Writes register `n` (0–15) of the current mode; r15 sets {@link Cpu.pc}. */
  setReg(n: number, value: number): void {
    if (n === 15) this.pc = value;
    else this.r[n & 15] = value;
  }

  /** The CPSR, flags materialised. */
  get cpsr(): number {
    return (
      ((this.n << 31) |
        (this.z << 30) |
        (this.c << 29) |
        (this.v << 28) |
        (this.q << 27) |
        (this.iMask << 7) |
        (this.fMask << 6) |
        (this.thumb << 5) |
        this.mode) >>>
      0
    );
  }
  /** Writes the whole CPSR (mode, state, masks, flags). An invalid mode leaves the mode unchanged. */
  set cpsr(value: number) {
    this.writeCpsr(value, 0xf, true);
  }

  /** SPSR of the current mode (0 in usr/sys mode). */
  get spsr(): number {
    const b = bankOf(this.mode);
    return b > 0 ? this.spsrs[b]! >>> 0 : 0;
  }
  set spsr(value: number) {
    const b = bankOf(this.mode);
    if (b > 0) this.spsrs[b] = value;
  }

  /**
   * Enters user mode with a saved context, for a hosted kernel resuming a thread: r0–r14
   * from `ctx[0..14]`, the CPSR from `ctx[16]` with the mode made User and IRQ and FIQ
   * unmasked (flags, Q and the Thumb bit kept), then the pc from `ctx[15]` aligned for that
   * state. The same as writing `cpsr`, then r0–r14 and `pc` one by one, in one call.
   * Throws a {@link CpuStateError} `bad-context` when `ctx` has fewer than 17 words.
   */
  loadUserContext(ctx: Int32Array): void {
    if (ctx.length < 17) throw new CpuStateError('bad-context', `a user context has 17 words, not ${ctx.length}`);
    const v = ctx[16]!;
    const f = this.flagWords;
    f[Flag.N] = v >>> 31;
    f[Flag.Z] = (v >>> 30) & 1;
    f[Flag.C] = (v >>> 29) & 1;
    f[Flag.V] = (v >>> 28) & 1;
    this.q = (v >>> 27) & 1;
    this.iMask = 0;
    this.fMask = 0;
    const thumb = (v >>> 5) & 1;
    this.thumb = thumb;
    if (this.mode !== Mode.User) this.setMode(Mode.User);
    this.sync = 1;
    this.updateAttention();
    const r = this.r;
    for (let i = 0; i < 15; i++) r[i] = ctx[i]!;
    this.pcNext = ctx[15]! & (thumb !== 0 ? ~1 : ~3);
  }

  /**
   * Stores r0–r14, the pc and the CPSR into `ctx[0..16]`, the layout of
   * {@link Cpu.loadUserContext} (for a hosted kernel, after a run). Throws a
   * {@link CpuStateError} `bad-context` when `ctx` has fewer than 17 words.
   */
  saveUserContext(ctx: Int32Array): void {
    if (ctx.length < 17) throw new CpuStateError('bad-context', `a user context has 17 words, not ${ctx.length}`);
    const r = this.r;
    for (let i = 0; i < 15; i++) ctx[i] = r[i]!;
    ctx[15] = this.pcNext;
    ctx[16] = this.cpsr;
  }

  /** Register `n` of another mode's bank (for debuggers and hosted kernels). */
  getBankedReg(mode: Mode, n: number): number {
    if (bankOf(mode) === bankOf(this.mode) || n < 8 || n === 15 || (n < 13 && mode !== Mode.Fiq && this.mode !== Mode.Fiq)) {
      return this.getReg(n);
    }
    saveBank(this.r, this.bank, bankOf(this.mode));
    const b = bankOf(mode);
    if (b < 0) return 0;
    const store = this.bank;
    if (b === 1) return store[7 + n - 8]! >>> 0;
    if (n < 13) return store[n - 8]! >>> 0;
    return store[(b === 0 ? 5 : 14 + 2 * (b - 2)) + n - 13]! >>> 0;
  }

  /** Plugs `cop` into slot `n` (0–15), or empties the slot. */
  setCoprocessor(n: number, cop: Coprocessor | undefined): void {
    if (!Number.isInteger(n) || n < 0 || n > 15) throw new CpuStateError('bad-coprocessor', `coprocessor slot ${n} is not 0..15`);
    this.cops[n] = cop;
  }

  /** Drives the IRQ input (level-sensitive). */
  setIrq(level: boolean): void {
    this.irqLine = level;
    if (level) this.halted = false;
    this.updateAttention();
  }

  /** Drives the FIQ input (level-sensitive). */
  setFiq(level: boolean): void {
    this.fiqLine = level;
    if (level) this.halted = false;
    this.updateAttention();
  }

  /** True while waiting for an interrupt. */
  get isHalted(): boolean {
    return this.halted;
  }

  /** Makes the current or next run() return {@link StopReason.Requested} at an instruction boundary. */
  requestStop(): void {
    this.stopRequested = true;
    this.updateAttention();
  }

  /** Stops run() with {@link StopReason.Breakpoint} before executing the instruction at `addr`. */
  addBreakpoint(addr: number): void {
    this.breakpoints.add(addr >>> 0);
    this.updateAttention();
  }

  /** Removes a breakpoint. */
  removeBreakpoint(addr: number): void {
    this.breakpoints.delete(addr >>> 0);
    this.updateAttention();
  }

  /** Resets the CPU as the reset exception does (SVC, ARM, IRQ/FIQ masked, PC at the reset vector). */
  reset(): void {
    this.halted = false;
    this.setMode(Mode.Supervisor);
    this.iMask = 1;
    this.fMask = 1;
    this.thumb = 0;
    this.pcNext = this.highVectors ? 0xffff0000 | 0 : 0;
    this.updateAttention();
  }

  /**
   * Runs until `budget` instructions have executed or something stops the CPU; returns
   * why. Never throws for any guest behaviour.
   */
  run(budget: number): StopReason {
    if (this.running) throw new CpuStateError('reentrant-run', 'run() or step() called while the CPU is running (from a hook or device)');
    if (this.halted) {
      if (this.irqLine || this.fiqLine) this.halted = false;
      else return StopReason.Halted;
    }
    if (owner !== this) this.claim();
    this.stopReason = -1;
    this.bpSkip = this.breakpoints.has(this.pc) ? this.pcNext : -1;
    this.running = true;
    try {
      let done = 0;
      while (done < budget && this.stopReason < 0) {
        const chunk = Math.min(budget - done, 0x40000000);
        const n = interpret(this, chunk);
        this.count += n;
        done += n;
      }
    } finally {
      // after a throwing hook or device the interrupted call has only published its count
      this.count += this.live;
      this.live = 0;
      this.running = false;
    }
    const reason = this.stopReason;
    this.stopReason = -1;
    return reason < 0 ? StopReason.Budget : (reason as StopReason);
  }

  /**
   * Takes the interpreter's arrays over from the CPU that ran last: that one keeps a copy
   * of its registers and flags and forgets its decoded code (it decodes afresh when it
   * runs again), then this CPU's registers and flags go into LIVE_REGS and FLAGS.
   */
  private claim(): void {
    const prev = owner;
    if (prev !== null) {
      prev.ownRegs.set(LIVE_REGS);
      prev.ownFlags.set(FLAGS);
      prev.flushDecodeCache();
      owner = null;
    }
    LIVE_REGS.set(this.ownRegs);
    FLAGS.set(this.ownFlags);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the module records which CPU owns its arrays
    owner = this;
  }

  /** Executes one instruction (or takes one pending interrupt); returns why it stopped. */
  step(): StopReason {
    return this.run(1);
  }

  /** The whole CPU state as a plain object. */
  snapshot(): CpuSnapshot {
    saveBank(this.r, this.bank, bankOf(this.mode));
    const b = this.bank;
    const regs = Array.from(this.r, (x) => x >>> 0);
    regs[15] = this.pc;
    const u = (i: number): number => b[i]! >>> 0;
    return {
      version: 1,
      regs,
      cpsr: this.cpsr,
      usr: [0, 1, 2, 3, 4, 5, 6].map(u),
      fiq: [7, 8, 9, 10, 11, 12, 13].map(u),
      irq: [u(14), u(15)],
      svc: [u(16), u(17)],
      abt: [u(18), u(19)],
      und: [u(20), u(21)],
      spsr: [1, 2, 3, 4, 5].map((i) => this.spsrs[i]! >>> 0),
      irqLine: this.irqLine,
      fiqLine: this.fiqLine,
      halted: this.halted,
      highVectors: this.highVectors,
      alignmentCheck: this.alignCheck,
      instructions: this.liveInstructions,
    };
  }

  /** Restores a state made by {@link Cpu.snapshot}. */
  restore(s: CpuSnapshot): void {
    if ((s.version as number) !== 1 || s.regs.length !== 16) throw new CpuStateError('bad-snapshot', 'not a version 1 CPU snapshot');
    const b = this.bank;
    const put = (arr: readonly number[], at: number): void => {
      arr.forEach((x, i) => (b[at + i] = x));
    };
    put(s.usr, 0);
    put(s.fiq, 7);
    put(s.irq, 14);
    put(s.svc, 16);
    put(s.abt, 18);
    put(s.und, 20);
    s.spsr.forEach((x, i) => (this.spsrs[i + 1] = x));
    let mode = s.cpsr & 0x1f;
    if (bankOf(mode) < 0) mode = Mode.Supervisor;
    this.mode = mode;
    this.priv = mode === Mode.User ? 0 : 1;
    this.setFlagsAndControl(s.cpsr);
    for (let i = 0; i < 15; i++) this.r[i] = s.regs[i]!;
    this.pc = s.regs[15]!;
    this.irqLine = s.irqLine;
    this.fiqLine = s.fiqLine;
    this.halted = s.halted;
    this.highVectors = s.highVectors;
    this.alignCheck = s.alignmentCheck;
    this.count = s.instructions - this.live;
    this.flushTlb();
    this.updateAttention();
  }

  // ---------------------------------------------------------------- CpuControl

  /**
   * Drops every translation of the cache in use (after TTBR, DACR or control register
   * writes and TLB flushes).
   */
  flushTlb(): void {
    this.tlbTag.fill(-1);
    this.blockV = -1;
    this.sync = 1;
  }

  /** The translation cache the CPU uses now (see {@link Cpu.useTranslationCache}). */
  get translationCache(): TranslationCache {
    return this.tlb;
  }

  /**
   * Makes the CPU translate through `cache` from the next instruction on, keeping the
   * translations of the set it used before (a hosted kernel's address-space switch; see
   * {@link TranslationCache} for what the caller must flush). Nothing happens when `cache`
   * is already in use.
   */
  useTranslationCache(cache: TranslationCache): void {
    if (cache === this.tlb) return;
    this.tlb = cache;
    this.tlbTag = cache.tag;
    this.tlbOff = cache.off;
    this.blockV = -1;
    this.sync = 1;
  }

  /** Drops cached translations of the 4 KiB page holding `vaddr`. */
  flushTlbPage(vaddr: number): void {
    const pg = vaddr >>> 12;
    for (let k = 0; k < 3; k++) {
      const i = k * Tlb.Size + (pg & Tlb.Mask);
      if (this.tlbTag[i]! >>> 1 === pg) this.tlbTag[i] = -1;
    }
    this.blockV = -1;
    this.sync = 1;
  }

  /** Drops decoded instructions for RAM bytes `[offset, offset + length)` (host offsets). */
  invalidateCode(offset: number, length: number): void {
    const end = Math.min(offset + length, this.ram8.length);
    let o = Math.max(0, offset) & ~1;
    while (o < end) {
      const blockEnd = Math.min(((o >>> 10) + 1) << 10, end);
      // Only 1 KiB blocks that hold decoded code need the halfword walk.
      if (this.codeMap[o >>> 10] !== 0) {
        for (; o < blockEnd; o += 2) this.codeWritten(o, 2);
      }
      o = blockEnd;
    }
  }

  /** Selects the vector base 0xFFFF0000 (CP15 c1.V) or 0. */
  setHighVectors(high: boolean): void {
    this.highVectors = high;
  }

  /** Enables alignment faults (CP15 c1.A): unaligned word and halfword accesses abort. */
  setAlignmentCheck(enabled: boolean): void {
    this.alignCheck = enabled;
  }

  // ---------------------------------------------------------------- internals: PSRs and modes

  /** @internal Switches the register bank; invalid modes are ignored (mode unchanged). */
  setMode(mode: number): void {
    const nb = bankOf(mode);
    if (nb < 0) return;
    const ob = bankOf(this.mode);
    if (nb !== ob) {
      saveBank(this.r, this.bank, ob);
      loadBank(this.r, this.bank, nb);
    }
    this.mode = mode;
    this.priv = mode === Mode.User ? 0 : 1;
    this.sync = 1;
  }

  private setFlagsAndControl(v: number): void {
    this.n = v >>> 31;
    this.z = (v >>> 30) & 1;
    this.c = (v >>> 29) & 1;
    this.v = (v >>> 28) & 1;
    this.q = (v >>> 27) & 1;
    this.iMask = (v >>> 7) & 1;
    this.fMask = (v >>> 6) & 1;
    this.thumb = (v >>> 5) & 1;
  }

  /**
   * @internal Writes the CPSR under a field mask (bit 0 control, bit 3 flags; bits 1–2,
   * the extension and status fields, hold nothing writable on ARMv5). `full` also writes
   * T (exception return); MSR never changes T. Control is written only when privileged.
   */
  writeCpsr(v: number, mask: number, full: boolean): void {
    if ((mask & 8) !== 0) {
      this.n = v >>> 31;
      this.z = (v >>> 30) & 1;
      this.c = (v >>> 29) & 1;
      this.v = (v >>> 28) & 1;
      this.q = (v >>> 27) & 1;
    }
    if ((mask & 1) !== 0 && (this.priv !== 0 || full)) {
      this.iMask = (v >>> 7) & 1;
      this.fMask = (v >>> 6) & 1;
      if (full) this.thumb = (v >>> 5) & 1;
      this.setMode(v & 0x1f);
      this.sync = 1;
      this.updateAttention();
    }
  }

  /** @internal Recomputes whether the interpreter must look at something between instructions. */
  updateAttention(): void {
    this.attention =
      (this.irqLine && this.iMask === 0) || (this.fiqLine && this.fMask === 0) || this.stopRequested || this.breakpoints.size > 0
        ? 1
        : 0;
  }

  /** @internal Called by the interpreter when `attention` is set, with pcNext current. */
  checkAttention(): void {
    if (this.stopRequested) {
      this.stopRequested = false;
      this.updateAttention();
      this.stopReason = StopReason.Requested;
      this.sync = 1;
      return;
    }
    if (this.fiqLine && this.fMask === 0) {
      this.exception(ExceptionKind.Fiq, this.pcNext, 0, 0, 0);
      return;
    }
    if (this.irqLine && this.iMask === 0) {
      this.exception(ExceptionKind.Irq, this.pcNext, 0, 0, 0);
      return;
    }
    if (this.breakpoints.size > 0) {
      if (this.bpSkip === this.pcNext) {
        this.bpSkip = -1;
      } else if (this.breakpoints.has(this.pcNext >>> 0)) {
        this.stopReason = StopReason.Breakpoint;
        this.sync = 1;
      } else {
        this.bpSkip = -1;
      }
    }
  }

  /**
   * @internal Takes exception `kind` for the instruction at `cur` (for interrupts: the
   * next instruction). Sets pcNext and sync.
   */
  exception(kind: ExceptionKind, cur: number, instr: number, faultAddr: number, status: number): void {
    const t = this.thumb;
    let lr: number;
    switch (kind) {
      case ExceptionKind.Undefined:
      case ExceptionKind.SoftwareInterrupt:
        lr = cur + (t !== 0 ? 2 : 4);
        break;
      case ExceptionKind.DataAbort:
        lr = cur + 8;
        break;
      case ExceptionKind.Reset:
        lr = 0;
        break;
      default:
        lr = cur + 4;
    }
    this.sync = 1;
    const hook = this.onException;
    const synchronous = kind !== ExceptionKind.Irq && kind !== ExceptionKind.Fiq && kind !== ExceptionKind.Reset;
    if (this.exceptionModel === ExceptionModel.Hosted || (hook !== null && synchronous)) {
      const tr = this.trap;
      tr.kind = kind;
      tr.pc = cur >>> 0;
      tr.returnAddress = lr >>> 0;
      tr.faultAddress = faultAddr >>> 0;
      tr.faultStatus = status;
      tr.thumb = t !== 0;
      tr.instruction = instr >>> 0;
      this.pcNext = kind === ExceptionKind.SoftwareInterrupt ? lr | 0 : cur | 0;
      if (hook !== null && synchronous && hook(tr)) {
        // claimed: continue from whatever state the handler left
        this.sync = 1;
        return;
      }
      if (this.exceptionModel === ExceptionModel.Hosted) {
        this.stopReason = StopReason.Exception;
        return;
      }
    }
    const old = this.cpsr;
    let mode: number;
    switch (kind) {
      case ExceptionKind.Reset:
      case ExceptionKind.SoftwareInterrupt:
        mode = Mode.Supervisor;
        break;
      case ExceptionKind.Undefined:
        mode = Mode.Undefined;
        break;
      case ExceptionKind.PrefetchAbort:
      case ExceptionKind.DataAbort:
        mode = Mode.Abort;
        break;
      case ExceptionKind.Irq:
        mode = Mode.Irq;
        break;
      default:
        mode = Mode.Fiq;
    }
    this.setMode(mode);
    this.spsrs[bankOf(mode)] = old;
    this.r[14] = lr;
    this.iMask = 1;
    if (kind === ExceptionKind.Fiq || kind === ExceptionKind.Reset) this.fMask = 1;
    this.thumb = 0;
    this.pcNext = ((this.highVectors ? 0xffff0000 : 0) + kind * 4) | 0;
    this.updateAttention();
  }

  /** @internal Coprocessor `n`, if plugged. */
  coprocessor(n: number): Coprocessor | undefined {
    return this.cops[n];
  }

  /** @internal Enters the wait-for-interrupt state. */
  waitForInterrupt(): void {
    if (this.irqLine || this.fiqLine) return;
    this.halted = true;
    this.stopReason = StopReason.Halted;
    this.sync = 1;
  }

  /** @internal Exception return: CPSR = SPSR (nothing in usr/sys mode, which have no SPSR). */
  returnFromException(): void {
    const b = bankOf(this.mode);
    if (b > 0) this.writeCpsr(this.spsrs[b]!, 0xf, true);
  }

  // ---------------------------------------------------------------- internals: memory

  /** @internal Host offset of `addr` for an access of `kind`, or -1 for the slow path. */
  lookup(addr: number, kind: number, priv: number): number {
    const pg = addr >>> 12;
    const i = kind * Tlb.Size + (pg & Tlb.Mask);
    const tag = (pg << 1) | priv;
    if (this.tlbTag[i] !== tag) {
      const o = this.bus.translate(addr & ~0xfff, kind as AccessKind, priv !== 0);
      if (o < 0) return -1;
      this.tlbTag[i] = tag;
      this.tlbOff[i] = o;
    }
    return this.tlbOff[i]! + (addr & 0xfff);
  }

  private busFault(): boolean {
    const f = this.bus.fault;
    if (f === 0) return false;
    this.bus.fault = 0;
    this.abort = f;
    return true;
  }

  /** @internal Word load with the pre-v6 rotation of unaligned addresses. Sets `abort`. */
  ld32(addr: number, priv: number): number {
    const pg = addr >>> 12;
    const i = pg & Tlb.Mask;
    if (this.tlbTag[i] === ((pg << 1) | priv) && (addr & 3) === 0) {
      return this.ram32[(this.tlbOff[i]! + (addr & 0xfff)) >> 2]!;
    }
    return this.ld32Slow(addr, priv);
  }

  private ld32Slow(addr: number, priv: number): number {
    if ((addr & 3) !== 0 && this.alignCheck) {
      this.abort = 1;
      return 0;
    }
    const a = addr & ~3;
    const o = this.lookup(a, AccessKind.Read, priv);
    let v: number;
    if (o >= 0) v = this.ram32[o >> 2]!;
    else {
      v = this.bus.read32(a >>> 0, AccessKind.Read, priv !== 0) | 0;
      if (this.busFault()) return 0;
    }
    const rot = (addr & 3) << 3;
    return rot === 0 ? v : (v >>> rot) | (v << (32 - rot));
  }

  /** @internal Word load ignoring address bits 1:0 (LDM, LDRD, SWP, LDC). */
  ld32a(addr: number, priv: number): number {
    return this.ld32(addr & ~3, priv);
  }

  /** @internal Unsigned halfword load (bit 0 of the address ignored unless alignment checking). */
  ld16(addr: number, priv: number): number {
    const pg = addr >>> 12;
    const i = pg & Tlb.Mask;
    if (this.tlbTag[i] === ((pg << 1) | priv) && (addr & 1) === 0) {
      return this.ram16[(this.tlbOff[i]! + (addr & 0xfff)) >> 1]!;
    }
    if ((addr & 1) !== 0 && this.alignCheck) {
      this.abort = 1;
      return 0;
    }
    const a = addr & ~1;
    const o = this.lookup(a, AccessKind.Read, priv);
    if (o >= 0) return this.ram16[o >> 1]!;
    const v = this.bus.read16(a >>> 0, AccessKind.Read, priv !== 0) & 0xffff;
    return this.busFault() ? 0 : v;
  }

  /** @internal Byte load. */
  ld8(addr: number, priv: number): number {
    const pg = addr >>> 12;
    const i = pg & Tlb.Mask;
    if (this.tlbTag[i] === ((pg << 1) | priv)) {
      return this.ram8[this.tlbOff[i]! + (addr & 0xfff)]!;
    }
    const o = this.lookup(addr, AccessKind.Read, priv);
    if (o >= 0) return this.ram8[o]!;
    const v = this.bus.read8(addr >>> 0, AccessKind.Read, priv !== 0) & 0xff;
    return this.busFault() ? 0 : v;
  }

  /** @internal Word store (address bits 1:0 ignored unless alignment checking). */
  st32(addr: number, val: number, priv: number): void {
    const pg = addr >>> 12;
    const i = Tlb.Size + (pg & Tlb.Mask);
    if (this.tlbTag[i] === ((pg << 1) | priv) && (addr & 3) === 0) {
      const o = this.tlbOff[i]! + (addr & 0xfff);
      this.ram32[o >> 2] = val;
      if (this.codeMap[o >>> 10] !== 0) this.codeWritten(o, 4);
      return;
    }
    this.st32Slow(addr, val, priv);
  }

  private st32Slow(addr: number, val: number, priv: number): void {
    if ((addr & 3) !== 0 && this.alignCheck) {
      this.abort = 1;
      return;
    }
    const a = addr & ~3;
    const o = this.lookup(a, AccessKind.Write, priv);
    if (o >= 0) {
      this.ram32[o >> 2] = val;
      if (this.codeMap[o >>> 10] !== 0) this.codeWritten(o, 4);
      return;
    }
    this.bus.write32(a >>> 0, val, priv !== 0);
    this.busFault();
  }

  /** @internal Halfword store. */
  st16(addr: number, val: number, priv: number): void {
    if ((addr & 1) !== 0 && this.alignCheck) {
      this.abort = 1;
      return;
    }
    const a = addr & ~1;
    const o = this.lookup(a, AccessKind.Write, priv);
    if (o >= 0) {
      this.ram16[o >> 1] = val;
      if (this.codeMap[o >>> 10] !== 0) this.codeWritten(o, 2);
      return;
    }
    this.bus.write16(a >>> 0, val & 0xffff, priv !== 0);
    this.busFault();
  }

  /** @internal Byte store. */
  st8(addr: number, val: number, priv: number): void {
    const pg = addr >>> 12;
    const i = Tlb.Size + (pg & Tlb.Mask);
    let o: number;
    if (this.tlbTag[i] === ((pg << 1) | priv)) o = this.tlbOff[i]! + (addr & 0xfff);
    else o = this.lookup(addr, AccessKind.Write, priv);
    if (o >= 0) {
      this.ram8[o] = val;
      if (this.codeMap[o >>> 10] !== 0) this.codeWritten(o, 1);
      return;
    }
    this.bus.write8(addr >>> 0, val & 0xff, priv !== 0);
    this.busFault();
  }

  /**
   * @internal A store hit a RAM block holding decoded code: drop the decoded slots of the
   * bytes written (word granularity for ARM, halfword for Thumb) and the slot before them,
   * nothing else.
   */
  codeWritten(o: number, size: number): void {
    const blk = o >>> 10;
    // the slot before goes too: it may be a compare fused with this instruction (fuse.ts)
    const ba = this.blockArm[blk]!;
    if (ba !== 0) {
      const s = ba + (o & 0x3fc);
      DECODED[s] = 0;
      if ((o & 0x3fc) !== 0) DECODED[s - Layout.Slot] = 0;
    }
    const bt = this.blockThumb[blk]!;
    if (bt !== 0) {
      const s = bt + ((o & 0x3fe) << 1);
      DECODED[s] = 0;
      if ((o & 0x3fe) !== 0) DECODED[s - Layout.Slot] = 0;
      if (size === 4) DECODED[s + Layout.Slot] = 0;
    }
  }

  // ---------------------------------------------------------------- internals: fetch and decode

  /**
   * @internal Makes the decode block for the 1 KiB virtual block holding `pc` current.
   * Returns its slot base (0, the scratch block, when fetching through the slow path).
   */
  enterBlock(pc: number): number {
    const o = this.lookup(pc, AccessKind.Fetch, this.priv);
    if (o < 0) {
      this.blockV = -1;
      this.blockHost = -1;
      // decode on every execution: this slot afresh, then back here for the next one
      const idx = (pc & 0x3ff) << this.thumb;
      DECODED[idx] = 0;
      DECODED[idx + Layout.Slot] = Layout.BlockEndOp;
      return 0;
    }
    const blk = o >>> 10;
    const map = this.thumb !== 0 ? this.blockThumb : this.blockArm;
    let base = map[blk]!;
    if (base === 0) {
      base = this.allocBlock(this.thumb !== 0 ? Layout.ThumbBlock : Layout.ArmBlock);
      map[blk] = base;
      this.codeMap[blk] = 1;
    }
    this.blockV = pc & ~0x3ff;
    this.blockHost = o & ~0x3ff;
    return base;
  }

  private allocBlock(size: number): number {
    if (this.nextBase + size > DECODED.length - Layout.Slot) this.flushDecodeCache();
    const base = this.nextBase;
    this.nextBase += size;
    DECODED.fill(0, base, base + size);
    DECODED[base + size - Layout.Slot] = Layout.BlockEndOp;
    return base;
  }

  /** Drops every decoded instruction. */
  flushDecodeCache(): void {
    this.blockArm.fill(0);
    this.blockThumb.fill(0);
    this.codeMap.fill(0);
    // the store holds only the owner's code (the others have none to drop)
    if (owner === this) DECODED.fill(0, 0, this.nextBase);
    this.nextBase = Layout.ThumbBlock;
    this.blockV = -1;
    this.sync = 1;
  }

  /**
   * @internal Fetches and decodes the instruction at `pc` into slot `idx`; returns the op,
   * or 0 when the fetch aborted (the prefetch abort has been taken).
   */
  decodeSlot(idx: number, pc: number): number {
    const d = this.decodeOut;
    const host = this.blockHost;
    let word: number;
    if (host >= 0) {
      const o = host + (pc & 0x3ff);
      word = this.thumb !== 0 ? this.ram16[o >> 1]! : this.ram32[o >> 2]!;
    } else {
      word =
        this.thumb !== 0
          ? this.bus.read16(pc >>> 0, AccessKind.Fetch, this.priv !== 0) & 0xffff
          : this.bus.read32(pc >>> 0, AccessKind.Fetch, this.priv !== 0) | 0;
      const f = this.bus.fault;
      if (f !== 0) {
        this.bus.fault = 0;
        this.exception(ExceptionKind.PrefetchAbort, pc, 0, pc, f);
        return 0;
      }
    }
    if (this.thumb !== 0) decodeThumb(word, pc, d);
    else decodeArm(word, d);
    if (this.v4t !== 0) adaptV4t(word, this.thumb, d);
    const spare = host >= 0 ? fuseCompareBranch(this, d, pc, host) : 0;
    const dec = DECODED;
    dec[idx] = d[0]!;
    dec[idx + 1] = d[1]!;
    dec[idx + 2] = d[2]!;
    dec[idx + 3] = spare;
    return d[0]!;
  }

  /** @internal Reads the instruction word at `pc` again (for rarely used handlers). */
  fetchWord(pc: number): number {
    const host = this.blockHost;
    if (host >= 0) {
      const o = host + (pc & 0x3ff);
      return this.thumb !== 0 ? this.ram16[o >> 1]! : this.ram32[o >> 2]!;
    }
    const w = this.thumb !== 0 ? this.bus.read16(pc >>> 0, AccessKind.Fetch, this.priv !== 0) : this.bus.read32(pc >>> 0, AccessKind.Fetch, this.priv !== 0);
    this.bus.fault = 0;
    return w;
  }
}
