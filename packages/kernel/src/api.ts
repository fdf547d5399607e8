/**
 * Public interfaces and types of @codezero-ts/kernel.
 * @packageDocumentation
 */
import type { Cpu } from '@codezero-ts/arm-core';
import type { Cp15, PhysicalBus } from '@codezero-ts/mmu';
import type { TraceSink } from '@codezero-ts/scheduler';

// ------------------------------------------------------------------ platform

/** A physical address range `[base, base + size)`, both multiples of 4 KiB. */
export interface MemoryRange {
  /** First physical address. */
  readonly base: number;
  /** Size in bytes. */
  readonly size: number;
  /** A free-form description for diagnostics. */
  readonly label?: string;
}

/**
 * The interrupt controller as the kernel drives it (on the PB926: the PL190 VIC and the
 * SIC behind it). Interrupt numbers are the platform's own, `0 .. count - 1`.
 */
export interface InterruptController {
  /** Number of interrupt sources. */
  readonly count: number;
  /** Unmasks a source. */
  enable(irq: number): void;
  /** Masks a source. */
  disable(irq: number): void;
  /** The highest-priority pending and enabled source, or -1 when none is pending. */
  pending(): number;
}

/** The periodic timer that drives the scheduler (on the PB926: SP804 timer 0). */
export interface TickTimer {
  /** The interrupt number the timer raises. */
  readonly irq: number;
  /** Starts periodic interrupts at `ticksPerSecond` of guest time. */
  start(ticksPerSecond: number): void;
  /** Clears the timer's interrupt (called once per handled tick). */
  acknowledge(): void;
}

/** The kernel console (on the PB926: PL011 UART 0). */
export interface ConsolePort {
  /** Sends one byte. */
  write(byte: number): void;
  /** Receives one byte, or -1 when none is waiting. */
  read(): number;
}

/**
 * Guest time and device events. Deterministic platforms derive time from the CPU's
 * instruction count; the kernel never reads the host clock itself.
 */
export interface PlatformClock {
  /** Guest nanoseconds since the platform was created. */
  now(): number;
  /**
   * How many instructions the CPU may run before the next device event is due (at least 1;
   * `Infinity` when no event is pending). The kernel never runs the CPU past it.
   */
  instructionsUntilEvent(): number;
  /** Fires every device event that is due (devices may raise interrupts). */
  runDue(): void;
  /**
   * Nothing can run: advance guest time to the next device event and fire it. Returns false
   * when no event will ever come (the machine is idle for good).
   */
  idle(): boolean;
}

/**
 * What a board gives the kernel. The kernel never names a board: everything it needs of the
 * hardware goes through this interface.
 *
 * The CPU must use `ExceptionModel.Hosted` and run on an
 * `MmuBus` over {@link Platform.memory} with {@link Platform.cp15}
 * attached as coprocessor 15 (the kernel writes TTBR, DACR and c1 through the `Cp15` object
 * and flushes the CPU's TLB itself). RAM must be one contiguous range,
 * `memory.ram` at `memory.ramBase`.
 */
export interface Platform {
  /** The CPU (hosted exception model); the kernel keeps it in user mode. */
  readonly cpu: Cpu;
  /** The CPU's system control coprocessor. */
  readonly cp15: Cp15;
  /** Physical memory: RAM and devices. */
  readonly memory: PhysicalBus;
  /** RAM ranges the kernel must not allocate (loaded images, boot data). */
  readonly reservedMemory: readonly MemoryRange[];
  /** Device windows that may be granted to user-level drivers (mapped with USR_IO). */
  readonly deviceMemory: readonly MemoryRange[];
  /** The interrupt controller. */
  readonly interrupts: InterruptController;
  /** The scheduler tick. */
  readonly timer: TickTimer;
  /** The console. */
  readonly console: ConsolePort;
  /**
   * The console UART's register window, for user-level console drivers (optional). It must
   * be a PL011-compatible UART (data register at +0, flag register at +0x18 with TXFF in
   * bit 5) and lie inside one of {@link Platform.deviceMemory}'s windows. The kernel
   * publishes its base in the KIP ({@link KipOffset.ConsoleDevice}); L4 programs map it with
   * USR_IO and write to it themselves, as the original's user-space UART library did.
   */
  readonly consoleDevice?: MemoryRange;
  /** Guest time. */
  readonly clock: PlatformClock;
}

// ------------------------------------------------------------------ kernel options

/** Options of the `Kernel` constructor. */
export interface KernelOptions {
  /**
   * Bytes of RAM kept by the kernel for page tables and its own pages (a multiple of
   * 4 KiB). The rest of the RAM not reserved by the platform is user memory, given to the
   * first pager as a physical-memory capability. Default: a quarter of RAM, at most 8 MiB.
   */
  readonly kernelMemory?: number;
  /** Scheduler ticks per second of guest time. Default 1000 (Codezero's 1 ms tick). */
  readonly ticksPerSecond?: number;
  /** Where kernel messages go (default: the platform console). */
  readonly log?: (line: string) => void;
  /** Maximum number of threads (default 1024). */
  readonly maxThreads?: number;
  /** Receives every scheduler switch (e.g. a scheduler `TraceRecorder`). */
  readonly trace?: TraceSink;
}

/**
 * Watches IPC: called once per completed message transfer (sender's message copied into
 * the receiver), with the sender's and receiver's thread ids, the tag (MR0 as sent), the
 * transfer type ({@link IpcFlags} Short, Full or Extended: the wider of the two sides) and
 * the result the receiver gets (0 or a negative error). Kernel-made messages (faults,
 * exceptions) are reported too, from the thread they speak for. Set with
 * `Kernel.setIpcObserver`; when none is set IPC costs nothing extra. It must not call back
 * into the kernel.
 */
export type IpcObserver = (from: number, to: number, tag: number, type: number, result: number) => void;

/** Why `Kernel.run` returned. */
export type RunOutcome =
  /** No thread can ever run again (every thread exited or sleeps with no event pending). */
  | 'idle'
  /** The instruction budget was used up. */
  | 'budget'
  /** `Kernel.stop` was called. */
  | 'stopped'
  /** The kernel panicked (see the log). */
  | 'panic';

/**
 * One loadable segment of a program: what an ELF `PT_LOAD` program header describes
 * (callers convert ELF files; the kernel reads no file format).
 */
export interface ProgramSegment {
  /** Virtual address of the segment's first byte (any alignment; its pages are mapped). */
  readonly address: number;
  /** The bytes stored in the file, copied to `address`. */
  readonly bytes: Uint8Array;
  /** Bytes the segment takes in memory (at least `bytes.length`); the rest is zeroed. */
  readonly memSize: number;
  /**
   * Whether user code may write it (default false: mapped read-only). A page shared by two
   * segments is writable when either is.
   */
  readonly writable?: boolean;
  /**
   * Whether it holds code (informational: ARMv5 page tables have no execute permission, so
   * every mapped page is executable).
   */
  readonly executable?: boolean;
}

/**
 * Options of `Kernel.spawnProgram`. The program is either one flat `image` at `loadAddress`
 * (plus `bssSize` zeroed bytes), or a list of `segments` (for ELF files).
 */
export interface ProgramOptions {
  /** Little-endian image bytes, copied to `loadAddress` (mapped read/write). */
  readonly image?: Uint8Array;
  /** Virtual load address of `image` (4 KiB aligned). */
  readonly loadAddress?: number;
  /**
   * Loadable segments, as an alternative to `image` and `loadAddress`: each is mapped with
   * its own permission and `entry` says where to start.
   */
  readonly segments?: readonly ProgramSegment[];
  /** Entry point (default `loadAddress`, or the first segment's address). */
  readonly entry?: number;
  /** Bytes of stack mapped below `stackTop` (default 16 KiB). */
  readonly stackSize?: number;
  /** Initial SP (default 0x80000000). */
  readonly stackTop?: number;
  /** Virtual address of the first thread's UTCB page (default 0x7F000000). */
  readonly utcb?: number;
  /** Extra zeroed bytes mapped right after `image` (default 0; not used with `segments`). */
  readonly bssSize?: number;
  /** Scheduler priority (default 8, PAGER). */
  readonly priority?: number;
  /** Name for traces. */
  readonly name?: string;
  /** Pager thread id (default: none, the thread is its own root pager). */
  readonly pager?: number;
  /** Initial r0..r2 (default 0). */
  readonly args?: readonly number[];
  /** Resource pools (default: generous). */
  readonly quota?: QuotaOptions;
}

/**
 * Resource pools of a program started by the host, shared by every thread it creates (and
 * their descendants). A create that would exceed a pool fails with −ENOCAP.
 */
export interface QuotaOptions {
  /** Threads alive at once, the first one included (default: the kernel's `maxThreads`). */
  readonly threads?: number;
  /** Address spaces alive at once, the first one included (default 256). */
  readonly spaces?: number;
  /** Kernel mutex queues open at once (default 256). */
  readonly mutexes?: number;
}

/** Options of `Kernel.spawnServer`. */
export interface ServerOptions {
  /** Scheduler priority (default 6, SERVER). */
  readonly priority?: number;
  /** Name for traces. */
  readonly name?: string;
  /** Pager thread id (default: none). */
  readonly pager?: number;
  /** Resource pools (default: generous). */
  readonly quota?: QuotaOptions;
}

// ------------------------------------------------------------------ server threads

/**
 * What a TypeScript server thread sees of itself: its id and its message registers (64
 * words laid out as a UTCB: MR0..MR5 are `mr[0..5]`, MR6..MR59 are `mr[10..63]`, see
 * {@link Utcb}). Use `getMr` / `setMr`.
 */
export interface ServerContext {
  /** The thread's id. */
  readonly tid: number;
  /** The thread's UTCB words (the first 64 words of {@link ServerContext.memory}). */
  readonly utcb: Uint32Array;
  /**
   * The thread's 4 KiB of memory: pointer arguments of its system calls (getid, time,
   * exchange_registers…) are byte offsets into it.
   */
  readonly memory: Uint32Array;
}

/** A system call a server thread yields: a syscall-page offset and r0..r4. */
export interface ServerCall {
  /** The call's offset in the syscall page ({@link Syscall}). */
  readonly call: number;
  /** Arguments r0..r4 (missing ones are 0). */
  readonly args: readonly number[];
}

/**
 * A TypeScript server thread: a generator that yields {@link ServerCall}s and receives each
 * call's result (r0, a negative error or a value). It is scheduled like an ARM thread and
 * uses the same IPC; returning ends the thread.
 */
export type ServerBody = (self: ServerContext) => Generator<ServerCall, void, number>;

// ------------------------------------------------------------------ L4 constants

/** Offsets of the calls in the syscall page at {@link KernelLayout.SyscallPage}. */
export const Syscall = {
  Ipc: 0x00,
  ThreadSwitch: 0x04,
  ThreadControl: 0x08,
  ExchangeRegisters: 0x0c,
  Schedule: 0x10,
  Unmap: 0x14,
  IrqControl: 0x18,
  IpcControl: 0x1c,
  Map: 0x20,
  GetId: 0x24,
  CapabilityControl: 0x28,
  ContainerControl: 0x2c,
  Time: 0x30,
  MutexControl: 0x34,
  CacheControl: 0x38,
} as const;
/** Number of syscall slots. */
export const SYSCALL_COUNT = 15;

/** Guest-visible fixed addresses. */
export const KernelLayout = {
  /** First address of the kernel part of every space (user mappings stay below). */
  KernelBase: 0xbf000000,
  /** The kernel interface page (user read-only). */
  Kip: 0xff000000,
  /** The syscall page (user read/execute): one SWI per slot. */
  SyscallPage: 0xfffff000,
  /** The exception vector page (never user-accessible). */
  Vectors: 0xffff0000,
} as const;

/** Offsets in the KIP. */
export const KipOffset = {
  /** Magic word {@link KIP_MAGIC}. */
  Magic: 0x00,
  /** API version word. */
  ApiVersion: 0x04,
  /** Kernel id word. */
  KernelId: 0x08,
  /** Number of syscall slots. */
  SyscallCount: 0x0c,
  /** First of the syscall slot addresses, one word each in {@link Syscall} order. */
  Syscalls: 0x10,
  /** The current thread's UTCB address (rewritten on every switch). */
  Utcb: 0x50,
  /**
   * Physical base of the console UART for user-level drivers (our addition; 0 when the
   * platform has none). See {@link Platform.consoleDevice}.
   */
  ConsoleDevice: 0x54,
} as const;
/** The KIP's magic word, 'L4uK' read as a little-endian word. */
export const KIP_MAGIC = 0x4b75344c;

/** Special thread ids. */
export const ThreadIds = {
  /** No thread. */
  Nil: 0xffffffff,
  /** Any thread (receive from anyone). */
  Any: 0xfffffffe,
} as const;

/** Error numbers (results are their negation). Linux numbering below 130. */
export const Errno = {
  EPERM: 1,
  ENOENT: 2,
  ESRCH: 3,
  EINTR: 4,
  EIO: 5,
  EAGAIN: 11,
  ENOMEM: 12,
  EFAULT: 14,
  EBUSY: 16,
  EEXIST: 17,
  EINVAL: 22,
  ENOSYS: 38,
  EACTIVE: 132,
  ENOIPC: 133,
  ENOCAP: 134,
  ENOUTCB: 135,
  ENOMAP: 136,
  ENOIRQ: 137,
  EABORT: 138,
  ENOCHILD: 139,
} as const;

/** IPC flags (r2 of the ipc call). */
export const IpcFlags = {
  /** Mask of the transfer type. */
  TypeMask: 0xf,
  /** Short: MR0..MR5 in r3..r8. */
  Short: 0,
  /** Full: the short MRs plus the 54 UTCB `mr_rest` words. */
  Full: 1,
  /** Extended: a buffer of up to {@link IPC_EXTENDED_MAX} bytes. */
  Extended: 2,
  /** Shift of the MR index holding the extended buffer address (bits 11..4). */
  ExtMrShift: 4,
  /** Shift of the extended size (bits 27..16). */
  ExtSizeShift: 16,
} as const;
/** Largest extended IPC buffer. */
export const IPC_EXTENDED_MAX = 2048;
/** Primary message registers (in r3..r8). */
export const MR_PRIMARY = 6;
/** Message registers of a full IPC. */
export const MR_TOTAL = 60;

/** Kernel-made IPC tags (MR0 of fault messages) and the POSIX protocol's sync tags. */
export const IpcTag = {
  PageFault: 0,
  UndefFault: 1,
  /** A SWI outside the syscall page (our choice of the free tag 2). */
  SwiException: 2,
  SyncExtended: 3,
  SyncFull: 4,
  Sync: 5,
  /**
   * Kernel-made: a thread the pager asked to hear from ({@link Exregs.Notify}) is about to
   * return to user mode (our choice of a tag no POSIX request uses). MR0 = tag, MR1 = tid,
   * MR2 = the pc it would resume at. The pager may change its registers with
   * exchange_registers; the reply resumes it where its context says.
   */
  Notify: 0x7c,
} as const;

/** UTCB layout, in words. */
export const Utcb = {
  /** Words per UTCB. */
  Words: 64,
  /** MR0..MR5. */
  Mr: 0,
  /** saved tag. */
  SavedTag: 6,
  /** saved sender. */
  SavedSender: 7,
  /** 8 notify bytes (irq slots) in words 8 and 9. */
  Notify: 8,
  /** mr_rest[54] (MR6..MR59). */
  MrRest: 10,
} as const;

/** thread_control actions (bits 31..28) and create flags. */
export const ThreadAction = {
  Create: 0x00000000,
  Run: 0x10000000,
  Suspend: 0x20000000,
  Destroy: 0x30000000,
  Recycle: 0x40000000,
  Wait: 0x50000000,
  /** Mask of the action field. */
  Mask: 0xf0000000,
} as const;
/** thread_control CREATE flags. */
export const ThreadFlags = {
  ShareSpace: 0x01000000,
  CopySpace: 0x02000000,
  NewSpace: 0x04000000,
  SpaceMask: 0x07000000,
  ShareCaps: 0x00100000,
  ShareUtcb: 0x00200000,
  ShareGroup: 0x00400000,
  /** Low 16 bits of a DESTROY word: the exit code. */
  ExitCodeMask: 0x0000ffff,
} as const;

/** exchange_registers flags and the layout of its 20-word argument. */
export const Exregs = {
  SetPager: 1,
  SetUtcb: 2,
  Read: 4,
  /** Words 0..15: r0..r12, sp, lr, pc. */
  ContextWords: 16,
  /** Word index of the valid-bit vector. */
  ValidVector: 16,
  /** Word index of the flags. */
  Flags: 17,
  /** Word index of the pager id. */
  Pager: 18,
  /** Word index of the UTCB address. */
  UtcbAddress: 19,
  /**
   * Flag: the target (whose pager the caller must be) enters its pager at the latest when it
   * next returns to user mode: the kernel sends the pager an {@link IpcTag.Notify} message
   * from it, with its user context saved as for a fault. A kernel message the thread sends
   * before that (a fault, a SWI exception) satisfies the request; a thread already in one
   * is not notified again. Registers are not exchanged unless valid bits say so.
   */
  Notify: 8,
  /**
   * Word index of the user CPSR (word 20), read and written only when {@link Exregs.CpsrValid}
   * is in the valid vector (older 80-byte blocks stay valid).
   */
  Cpsr: 20,
  /** Valid-vector bit of the CPSR word. */
  CpsrValid: 0x10000,
  /**
   * CPSR bits a write may change: N, Z, C, V, Q (31..27) and T (5). Mode, interrupt masks
   * and the rest always keep the kernel's values (user mode).
   */
  CpsrUserBits: 0xf8000020,
  /** Bytes of the structure without the CPSR word. */
  Size: 80,
  /** Bytes of the structure with the CPSR word. */
  SizeWithCpsr: 84,
} as const;

/** map flags. */
export const MapFlags = {
  UserRw: 1,
  UserRo: 2,
  UserIo: 4,
  UserRwx: 6,
  UserRx: 8,
} as const;

/** mutex_control operations (high bits; the low bits carry the contender count on unlock). */
export const MutexOp = {
  Lock: 0x10000000,
  Unlock: 0x20000000,
  OpMask: 0xf0000000,
} as const;

/** cache_control operations. */
export const CacheOp = {
  InvalidateICache: 1,
  InvalidateDCache: 2,
  CleanDCache: 3,
  CleanInvalidateDCache: 4,
  InvalidateTlb: 5,
} as const;

/**
 * capability_control requests and the layout of one capability in READ's buffer.
 * SPLIT, NARROW and GRANT (our design; the original stopped at READ) read an 8-word
 * descriptor at `buf`: type, access, start, end (exclusive) and, for GRANT, the target
 * thread in word 4. The range must lie inside one capability of the caller with that type
 * and exactly that access (else −ENOCAP).
 */
export const CapRequest = {
  /** Writes the number of the caller's capabilities to `buf`. */
  NCaps: 0,
  /** Copies every capability to `buf`, {@link CapRequest.Words} words each. */
  Read: 1,
  /** Makes the range a capability of its own; returns its index in READ order. */
  Split: 2,
  /** Gives the range up: the caller's capability keeps only what lies outside it. */
  Narrow: 3,
  /**
   * Gives the range to the target (a thread the caller pages, or one it holds a
   * thread-control capability over); with {@link CapFlags.Move} in `flags` the caller loses it.
   */
  Grant: 4,
  /** Words per capability: type, access, start page, end page (exclusive), owner tid, reserved×3. */
  Words: 8,
} as const;

/** capability_control flags (GRANT). */
export const CapFlags = {
  /** The granted range leaves the caller's capabilities (a transfer rather than a copy). */
  Move: 1,
} as const;

/** irq_control requests. */
export const IrqRequest = {
  Register: 0,
  Release: 1,
  Wait: 2,
} as const;

/** Capability types. */
export const CapType = {
  /** Physical memory pages `[start, end)` (page numbers) the holder may map. */
  PhysMem: 1,
  /** Virtual pages `[start, end)` the holder may map to. */
  VirtMem: 2,
  /** IPC to threads `[start, end)` (thread ids). */
  Ipc: 3,
  /** Thread control over threads `[start, end)`. */
  ThreadControl: 4,
  /** Interrupt sources `[start, end)`. */
  Irq: 5,
} as const;

/** One capability. */
export interface Capability {
  /** A {@link CapType}. */
  readonly type: number;
  /** Type-specific rights (map: bit 0 = may map uncached device memory). */
  readonly access: number;
  /** First unit (page number, thread id, irq). */
  readonly start: number;
  /** End unit, exclusive. */
  readonly end: number;
}

/** Kernel error codes (host-side misuse, never guest behaviour). */
export type KernelErrorCode = 'bad-platform' | 'bad-option' | 'out-of-memory' | 'bad-argument' | 'no-thread';
