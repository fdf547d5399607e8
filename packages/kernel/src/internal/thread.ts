import type { Capability } from '../api.js';
import type { Space } from './space.js';

/** What a sleeping thread waits for (kept while asleep; cleared by whoever completes it). */
export const Block = {
  None: 0,
  IpcSend: 1,
  IpcRecv: 2,
  WaitInactive: 3,
  Mutex: 4,
  IrqWait: 5,
} as const;

/** A capability list, shared between threads created with SHARE_CAPS. */
export interface CapList {
  readonly caps: Capability[];
}

/** Remaining resource pools, shared by a program's threads and their descendants. */
export interface Quota {
  threads: number;
  spaces: number;
  mutexes: number;
}

/** Context words: r0..r14, pc, cpsr. */
export const CTX_PC = 15;
/** Index of the CPSR in a context. */
export const CTX_CPSR = 16;
/** No thread. */
export const NIL = 0xffffffff;

/** A kernel-made IPC in progress (fault or exception message to the pager). */
export interface KernelMessage {
  /** The user context to restore when the pager replies. */
  readonly saved: Int32Array;
  /** The message tag. */
  readonly tag: number;
  /** Bytes to advance the PC by after the reply (undefined instruction: 4 or 2). */
  readonly skip: number;
}

/** Words of host memory a TypeScript server thread owns (its UTCB is the first 64). */
export const SERVER_MEMORY_WORDS = 1024;

/** A thread: an ARM user thread or a TypeScript server thread. */
export class Thread {
  /** Thread id (the scheduler's id). */
  readonly tid: number;
  /** Name for traces and messages. */
  readonly name: string;
  /** Its address space (server threads get a space too, empty). */
  space: Space;
  /** r0..r14, pc, cpsr while not loaded on the CPU. */
  readonly ctx = new Int32Array(17);
  /** Buffer for {@link KernelMessage.saved} (one kernel message at a time, so reused). */
  readonly savedCtx = new Int32Array(17);
  /** Pager thread id or {@link NIL}. */
  pager = NIL;
  /** Thread group id. */
  tgid: number;
  /** Virtual address of the UTCB (ARM threads), 0 when none. */
  utcbAddress = 0;
  /** Capabilities. */
  caps: CapList;
  /** The resource pools it draws from. */
  quota: Quota;
  /** The thread's private wait queue (only it sleeps there). */
  readonly waitQueue: number;
  /** What it sleeps for. */
  block: number = Block.None;
  /** IPC: partner in the current phase (`to` when sending, `from` when receiving). */
  ipcPartner = NIL;
  /** IPC: the `from` of a send-then-receive call, or {@link NIL}. */
  ipcThenFrom = NIL;
  /** IPC: flags of the current call. */
  ipcFlags = 0;
  /** Address of the SWI of the system call in progress (ARM threads), to run it again. */
  syscallPc = 0;
  /** Threads blocked sending to this one, in arrival order. */
  readonly senders: Thread[] = [];
  /** Mutex address, irq slot or awaited thread while blocked on one. */
  waitKey = 0;
  /** thread_control action being waited for (SUSPEND or WAIT). */
  waitAction = 0;
  /** Exit code (low 16 bits of the DESTROY word). */
  exitCode = 0;
  /** The kernel-made message in progress, if any. */
  kernelMessage: KernelMessage | null = null;
  /** The pager asked to hear from it before it next runs user code (exchange_registers NOTIFY). */
  notifyPager = false;
  /** True once destroyed or exited. */
  dead = false;
  /** Server threads: host memory (UTCB in words 0..63). */
  readonly hostMemory: Uint32Array | null;
  /** Server threads: the generator. */
  generator: Generator<{ call: number; args: readonly number[] }, void, number> | null = null;
  /** Server threads: the generator has not been started. */
  started = false;

  constructor(tid: number, name: string, space: Space, caps: CapList, quota: Quota, waitQueue: number, server: boolean) {
    this.tid = tid;
    this.quota = quota;
    this.name = name;
    this.space = space;
    this.caps = caps;
    this.waitQueue = waitQueue;
    this.tgid = tid;
    this.hostMemory = server ? new Uint32Array(SERVER_MEMORY_WORDS) : null;
    this.ctx[16] = 0x10;
  }

  /** True for a TypeScript server thread. */
  get isServer(): boolean {
    return this.hostMemory !== null;
  }
}
