import { ExceptionKind, StopReason } from '@codezero-ts/arm-core';
import { Priority } from '@codezero-ts/scheduler';
import type { Scheduler } from '@codezero-ts/scheduler';
import type { IpcObserver, KernelOptions, Platform, ProgramOptions, ProgramSegment, QuotaOptions, RunOutcome, ServerBody, ServerOptions } from './api.js';
import { Errno, IpcTag, KernelLayout, SYSCALL_COUNT, ThreadIds } from './api.js';
import { KernelError } from './errors.js';
import { BLOCKED, Core, FAULTED } from './internal/core.js';
import { checkIntegrity } from './internal/integrity.js';
import { sysIpc } from './internal/ipc.js';
import { imageSegments, loadSegments } from './internal/program-loader.js';
import { finishWait } from './internal/thread-control.js';
import { SYSCALLS, addNotify, takeNotify } from './internal/syscalls.js';
import type { Quota, Thread } from './internal/thread.js';
import { Block, CTX_PC, NIL } from './internal/thread.js';
import { TimerQueue } from './internal/timer-queue.js';

const PAGE = 4096;
const IDLE = 0;
/** Instructions a thread runs before the kernel looks at the world again (no event due). */
const QUANTUM = 1 << 20;

/** The segments `options` describe (flat image or segment list). */
function programSegments(options: ProgramOptions): readonly ProgramSegment[] {
  if (options.segments !== undefined) {
    if (options.image !== undefined || options.loadAddress !== undefined || options.bssSize !== undefined) {
      throw new KernelError('bad-argument', 'give either segments or image/loadAddress/bssSize, not both');
    }
    if (options.segments.length === 0) throw new KernelError('bad-argument', 'segments is empty');
    return options.segments;
  }
  if (options.image === undefined || options.loadAddress === undefined) throw new KernelError('bad-argument', 'a program needs image and loadAddress, or segments');
  const load = options.loadAddress >>> 0;
  if (load === 0) throw new KernelError('bad-argument', 'the program must lie in user space (1 .. 0xBF000000)');
  return imageSegments(options.image, load, options.bssSize ?? 0);
}

/** A read-only view of one thread, for tests and debuggers. */
export interface ThreadSnapshot {
  /** Thread id. */
  readonly tid: number;
  /** Name. */
  readonly name: string;
  /** Space id. */
  readonly spaceId: number;
  /** Pager id (0xFFFFFFFF for none). */
  readonly pager: number;
  /** True for a TypeScript server thread. */
  readonly server: boolean;
  /** True once exited (a zombie waiting for WAIT). */
  readonly exited: boolean;
  /** r0..r14, pc, cpsr as unsigned numbers. */
  readonly registers: readonly number[];
}

/**
 * The L4 kernel core in hosted mode: ARM user threads run on the platform's CPU, and every
 * exception they raise comes back here as a system call, a fault message to a pager, or an
 * interrupt. TypeScript server threads are scheduled alongside and use the same IPC.
 */
export class Kernel {
  readonly #core: Core;
  #stop = false;
  readonly #timers = new TimerQueue();
  #vectorPa = -1;
  #restartStart = 0;
  #restartEnd = 0;

  /**
   * Boots the kernel on `platform`: kernel memory pool, the KIP and the syscall page, the
   * MMU, and the tick timer.
   * @throws KernelError for a bad platform or option
   */
  constructor(platform: Platform, options: KernelOptions = {}) {
    this.#core = new Core(platform, options);
  }

  /** The scheduler (read-only use: inspection and traces). */
  get scheduler(): Scheduler {
    return this.#core.sched;
  }

  /** Guest instructions executed so far. */
  get instructions(): number {
    return this.#core.cpu.instructions;
  }

  /** Free frames of the kernel pool and of the user pool (for leak checks). */
  memoryStats(): { readonly kernelFreeFrames: number; readonly userFreeFrames: number; readonly spaces: number; readonly threads: number } {
    const c = this.#core;
    return { kernelFreeFrames: c.phys.kernelFrames.freeCount, userFreeFrames: c.phys.userFrames.freeCount, spaces: c.spaces.size, threads: c.liveThreads };
  }

  /**
   * Cross-checks the kernel's bookkeeping (both frame pools, page-table objects against the
   * live spaces, threads against the scheduler, space reference counts, IPC send queues,
   * mutex queues, interrupt owners) and returns the inconsistencies found; empty when
   * consistent. Read-only, O(threads + spaces + frames): for tests and fuzzers.
   */
  checkIntegrity(): string[] {
    return checkIntegrity(this.#core);
  }

  /** Ids of the threads that exist (zombies included), ascending. */
  threadIds(): number[] {
    const out: number[] = [];
    this.#core.threads.forEach((t, i) => {
      if (t !== undefined) out.push(i);
    });
    return out;
  }

  /** A snapshot of thread `tid`, or undefined. */
  thread(tid: number): ThreadSnapshot | undefined {
    const t = this.#core.threads[tid];
    if (t === undefined) return undefined;
    return {
      tid: t.tid,
      name: t.name,
      spaceId: t.space.id,
      pager: t.pager,
      server: t.isServer,
      exited: t.dead,
      registers: Array.from(t.ctx, (x) => x >>> 0),
    };
  }

  /** Reads a word of thread `tid`'s memory as the thread would (undefined on a fault). */
  peek(tid: number, va: number): number | undefined {
    const c = this.#core;
    const t = c.threads[tid];
    if (t === undefined || t.dead) return undefined;
    c.clearFault();
    const v = c.readWord(t, va >>> 0);
    return c.hasFault() ? undefined : v >>> 0;
  }

  /**
   * Starts an ARM program in a new space with the root capabilities (all user memory, the
   * platform's devices, IPC and thread control over every thread): maps the image, a stack
   * and a UTCB page from the user pool, and makes the thread runnable. Returns its id.
   * @throws KernelError `bad-argument` for bad addresses, `out-of-memory` when memory runs out
   */
  spawnProgram(options: ProgramOptions): number {
    const c = this.#core;
    const stackSize = options.stackSize ?? 16 * 1024;
    const stackTop = (options.stackTop ?? 0x80000000) >>> 0;
    const utcb = (options.utcb ?? 0x7f000000) >>> 0;
    const segments = programSegments(options);
    if (stackTop % PAGE !== 0 || stackSize % PAGE !== 0 || utcb % PAGE !== 0 || stackSize <= 0) {
      throw new KernelError('bad-argument', 'load address, stack top, stack size and UTCB must be 4 KiB multiples');
    }
    if (stackTop > KernelLayout.KernelBase || stackTop - stackSize < PAGE || utcb >= KernelLayout.KernelBase) {
      throw new KernelError('bad-argument', 'the program must lie in user space (1 .. 0xBF000000)');
    }
    const space = c.newSpace();
    if (space === undefined) throw new KernelError('out-of-memory', 'no memory for an address space');
    const quota = this.#quota(options.quota);
    c.chargeSpace(space, quota);
    const t = c.createThread(options.name, space, { caps: [] }, quota, options.priority ?? Priority.PAGER, false);
    if (t === undefined) throw new KernelError('out-of-memory', 'the thread table is full');
    try {
      const pages = loadSegments(c, t, segments);
      for (let p = stackTop - stackSize; p < stackTop; p += PAGE) {
        if (pages.has(p)) throw new KernelError('bad-argument', `the stack overlaps the program at 0x${p.toString(16)}`);
      }
      this.#mapFresh(t, stackTop - stackSize, stackSize / PAGE);
      if (c.builder.lookup(space.tables, utcb) === undefined) this.#mapFresh(t, utcb, 1);
    } catch (e) {
      c.destroyThread(t, true);
      throw e;
    }
    t.caps.caps.push(...c.programCaps());
    t.utcbAddress = utcb;
    t.pager = options.pager ?? NIL;
    const args = options.args ?? [];
    for (let i = 0; i < 3; i++) t.ctx[i] = args[i] ?? 0;
    t.ctx[13] = stackTop;
    t.ctx[CTX_PC] = (options.entry ?? segments[0]!.address) >>> 0;
    c.sched.resume(t.tid);
    return t.tid;
  }

  /**
   * Sets (or with null removes) the observer called on every completed IPC transfer: from,
   * to, tag, transfer type, result. Meant for traces; absent, IPC pays nothing for it.
   */
  setIpcObserver(observer: IpcObserver | null): void {
    this.#core.ipcObserver = observer;
  }

  /**
   * Whether thread `tid` sleeps in the receive phase of an IPC that a message from `from`
   * would complete (it waits for `from` or for any thread). A server that answers calls
   * checks it so that a client which only sent, and will never receive, cannot make the
   * server's reply block forever.
   */
  awaitsMessageFrom(tid: number, from: number): boolean {
    const t = this.#core.threads[tid];
    if (t === undefined || t.dead || t.block !== Block.IpcRecv) return false;
    return t.ipcPartner === from || t.ipcPartner === ThreadIds.Any;
  }

  /**
   * The tag of the kernel-made message (page fault, undefined instruction, SWI exception or
   * notification) thread `tid` has in flight, or -1 when it has none. A pager checks it
   * before treating a message as a fault: an ordinary IPC can carry the same tag, and only
   * the kernel may speak for a faulting thread.
   */
  kernelMessageTag(tid: number): number {
    const t = this.#core.threads[tid];
    if (t === undefined || t.dead || t.kernelMessage === null) return -1;
    return t.kernelMessage.tag;
  }

  /** Starts a TypeScript server thread; returns its id. */
  spawnServer(body: ServerBody, options: ServerOptions = {}): number {
    const c = this.#core;
    const space = c.newSpace();
    if (space === undefined) throw new KernelError('out-of-memory', 'no memory for an address space');
    const quota = this.#quota(options.quota);
    c.chargeSpace(space, quota);
    const t = c.createThread(options.name, space, { caps: c.rootCaps.slice() }, quota, options.priority ?? Priority.SERVER, true);
    if (t === undefined) throw new KernelError('out-of-memory', 'the thread table is full');
    t.pager = options.pager ?? NIL;
    const mem = t.hostMemory!;
    t.generator = body({ tid: t.tid, utcb: mem.subarray(0, 64), memory: mem });
    c.sched.resume(t.tid);
    return t.tid;
  }

  /**
   * Destroys thread `tid` from the host, as its pager's DESTROY would (its IPC partners get
   * -EINTR; a zombie is reaped). Returns false when there is no such thread.
   */
  kill(tid: number): boolean {
    const t = this.#core.threads[tid];
    if (t === undefined) return false;
    this.#core.destroyThread(t, true);
    return true;
  }

  /**
   * Maps one page of user read/execute code at 0xFFFF0000 (the vector page, otherwise never
   * user-accessible) in every space, present and future: for example the Linux kuser
   * helpers a POSIX personality offers. Calling it again replaces the page's bytes.
   *
   * `restart` is a restartable sequence in that page, `[start, end)`: whenever a thread's
   * slice ends with its pc inside (it may be preempted there), the pc goes back to
   * `start`, so a load/compare/store sequence whose store is the last instruction before
   * `end` is atomic on this one CPU (Linux's `__kuser_cmpxchg` fixup).
   * @throws KernelError `bad-argument` for more than 4 KiB or a range outside the page,
   *   `out-of-memory` when no kernel page is free
   */
  setUserVectorPage(bytes: Uint8Array, restart?: { readonly start: number; readonly end: number }): void {
    const c = this.#core;
    const base = KernelLayout.Vectors;
    if (bytes.length > PAGE) throw new KernelError('bad-argument', `the vector page holds 4096 bytes, not ${bytes.length}`);
    if (restart !== undefined) {
      const { start, end } = restart;
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < base || end > base + PAGE || start >= end || start % 4 !== 0) {
        throw new KernelError('bad-argument', 'restart must be a word-aligned, non-empty range inside 0xFFFF0000..0xFFFF1000');
      }
    }
    if (this.#vectorPa < 0) {
      const pa = c.phys.allocKernelPage();
      if (pa < 0) throw new KernelError('out-of-memory', 'no kernel page for the vector page');
      this.#vectorPa = pa;
      c.builder.map(c.builder.kernel, base, pa, 1, { user: 'ro' });
    }
    const pa = this.#vectorPa;
    c.phys.zero(pa, PAGE);
    c.phys.writeBytes(pa, bytes);
    c.invalidate(pa, PAGE);
    c.cpu.flushTlb();
    this.#restartStart = restart?.start ?? 0;
    this.#restartEnd = restart?.end ?? 0;
  }

  /** The restartable-sequence fixup of {@link Kernel.setUserVectorPage}. */
  #restart(t: Thread): void {
    const pc = t.ctx[CTX_PC]! >>> 0;
    if (pc >= this.#restartStart && pc < this.#restartEnd) t.ctx[CTX_PC] = this.#restartStart;
  }

  /**
   * Calls `fn` once guest time (the platform clock's `now()`, nanoseconds) reaches `at`: checked
   * after every slice of ARM code (so within one scheduler tick of the deadline), and when no
   * thread can run, {@link Kernel.run} advances the clock tick by tick to the earliest
   * deadline instead of returning `idle`. `fn` runs inside `run` between two steps of the
   * machine: it may spawn servers or wake threads, but must not call `run`. Timers due at the
   * same time fire in the order they were set. Returns the timer's id (see
   * {@link Kernel.cancelTimer}). Idle time skipped to reach a timer counts against
   * `run`'s instruction budget (as the instructions that would have run in it).
   * @throws KernelError `bad-argument` when `at` is not a number
   */
  setTimer(at: number, fn: () => void): number {
    if (typeof at !== 'number' || Number.isNaN(at)) throw new KernelError('bad-argument', `timer deadline ${String(at)} is not a number`);
    return this.#timers.add(at, fn);
  }

  /** Cancels timer `id` of {@link Kernel.setTimer}; false when it already fired or is unknown. */
  cancelTimer(id: number): boolean {
    return this.#timers.cancel(id);
  }

  /** Number of pending timers of {@link Kernel.setTimer}. */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Makes {@link Kernel.run} return `stopped` at its next step. */
  stop(): void {
    this.#stop = true;
  }

  /**
   * Runs the machine until no thread can ever run again (`idle`), `maxInstructions` guest
   * instructions have run (`budget`), {@link Kernel.stop} is called, or a panic.
   */
  run(maxInstructions = Infinity): RunOutcome {
    try {
      return this.#loop(maxInstructions);
    } catch (e) {
      this.#core.log(`Kernel panic: ${e instanceof Error ? e.message : String(e)}`);
      return 'panic';
    }
  }

  #loop(maxInstructions: number): RunOutcome {
    const c = this.#core;
    const cpu = c.cpu;
    const clock = c.platform.clock;
    let end = cpu.instructions + maxInstructions;
    const timers = this.#timers;
    for (;;) {
      if (this.#stop) {
        this.#stop = false;
        return 'stopped';
      }
      const cur = c.sched.current;
      if (cur === IDLE) {
        if (this.#handleInterrupts()) continue;
        if (timers.next !== Infinity) {
          if (timers.next <= clock.now()) {
            timers.fire(clock.now());
            continue;
          }
          // Nothing runs until a timer: skip to the next device event (the tick), charging
          // the instructions that would have run meanwhile to the budget.
          const skipped = clock.instructionsUntilEvent();
          if (end - cpu.instructions <= 0) return 'budget';
          if (clock.idle()) {
            if (skipped !== Infinity) end -= skipped;
            this.#handleInterrupts();
            if (timers.next <= clock.now()) timers.fire(clock.now());
            continue;
          }
        }
        if (!c.irqOwners.some((o) => o !== undefined) || !clock.idle()) return 'idle';
        this.#handleInterrupts();
        continue;
      }
      const t = c.threads[cur]!;
      if (t.block !== Block.None) {
        this.#wokenEarly(t);
        continue;
      }
      if (t.kernelMessage !== null) this.#finishKernelMessage(t);
      if (t.generator !== null) {
        this.#stepServer(t);
        continue;
      }
      if (t.notifyPager) {
        // The pager asked to see this thread before it runs user code again.
        t.notifyPager = false;
        this.#kernelMessage(t, IpcTag.Notify, [IpcTag.Notify, t.tid, t.ctx[CTX_PC]!, 0, 0, 0], 0);
        continue;
      }
      const left = end - cpu.instructions;
      if (left <= 0) return 'budget';
      c.load(t);
      const budget = Math.min(left, clock.instructionsUntilEvent(), QUANTUM);
      const reason = cpu.run(budget);
      clock.runDue();
      if (timers.next !== Infinity && timers.next <= clock.now()) timers.fire(clock.now());
      // The context is authoritative whenever the kernel runs: save after every slice.
      c.save(t);
      if (reason === StopReason.Exception) this.#trap(t);
      else if (this.#restartEnd !== 0) this.#restart(t);
      this.#handleInterrupts();
    }
  }

  #quota(q: QuotaOptions | undefined): Quota {
    const pick = (v: number | undefined, d: number, what: string): number => {
      const x = v ?? d;
      if (!Number.isInteger(x) || x < 1) throw new KernelError('bad-option', `quota.${what} ${x} must be a positive integer`);
      return x;
    };
    return { threads: pick(q?.threads, this.#core.maxThreads, 'threads'), spaces: pick(q?.spaces, 256, 'spaces'), mutexes: pick(q?.mutexes, 256, 'mutexes') };
  }

  #mapFresh(t: Thread, va: number, pages: number): void {
    const c = this.#core;
    const f = c.phys.userFrames.allocate(pages);
    if (f < 0) throw new KernelError('out-of-memory', `no ${pages} contiguous user frames`);
    t.space.ownedFrames.push(f);
    c.phys.zero(f * PAGE, pages * PAGE);
    c.builder.map(t.space.tables, va, f * PAGE, pages, { user: 'rw' });
    c.mappingsChanged(t.space);
  }

  /** Handles every pending interrupt; true when the scheduler switched threads. */
  #handleInterrupts(): boolean {
    const c = this.#core;
    const pf = c.platform;
    let ticked = false;
    const before = c.sched.current;
    for (let guard = 0; guard < 64; guard++) {
      const irq = pf.interrupts.pending();
      if (irq < 0) break;
      if (irq === pf.timer.irq) {
        pf.timer.acknowledge();
        c.sched.tick(true);
        ticked = true;
        continue;
      }
      pf.interrupts.disable(irq);
      const owner = c.irqOwners[irq];
      if (owner === undefined) continue;
      const th = owner.thread;
      addNotify(c, th, owner.slot);
      if (th.block === Block.IrqWait && th.waitKey === owner.slot) {
        const n = takeNotify(c, th, owner.slot);
        c.complete(th, n < 0 ? -Errno.ENOUTCB : n);
      }
    }
    if (ticked || c.sched.needResched) c.sched.preempt(true);
    return c.sched.current !== before;
  }

  /** The current thread was woken without its call being completed (interrupted, or a wait ended). */
  #wokenEarly(t: Thread): void {
    const c = this.#core;
    const interrupted = c.sched.wakeResultOf(t.tid) === 'interrupted';
    if (t.block === Block.WaitInactive) {
      t.ctx[0] = finishWait(c, t, interrupted);
    } else {
      c.cancelWait(t);
      t.ctx[0] = -Errno.EINTR;
    }
    c.sched.syscallExit();
  }

  #finishKernelMessage(t: Thread): void {
    const m = t.kernelMessage!;
    const res = t.ctx[0]! | 0;
    t.ctx.set(m.saved);
    if (res >= 0) t.ctx[CTX_PC] = (t.ctx[CTX_PC]! + m.skip) | 0;
    t.kernelMessage = null;
  }

  #trap(t: Thread): void {
    const c = this.#core;
    const tr = c.cpu.trap;
    switch (tr.kind) {
      case ExceptionKind.SoftwareInterrupt: {
        const pc = tr.pc;
        if (!tr.thumb && pc >>> 12 === KernelLayout.SyscallPage >>> 12) {
          this.#syscall(t, (pc & 0xfff) >>> 2, pc);
        } else {
          this.#kernelMessage(t, IpcTag.SwiException, [IpcTag.SwiException, t.tid, pc, tr.instruction, 0, 0], 0);
        }
        break;
      }
      case ExceptionKind.Undefined:
        this.#kernelMessage(t, IpcTag.UndefFault, [IpcTag.UndefFault, t.tid, tr.pc, tr.instruction, 0, 0], tr.thumb ? 2 : 4);
        break;
      case ExceptionKind.PrefetchAbort:
      case ExceptionKind.DataAbort: {
        const far = tr.kind === ExceptionKind.DataAbort ? tr.faultAddress : tr.pc;
        this.#pageFault(t, tr.pc, tr.faultStatus, far);
        break;
      }
      default:
        break;
    }
  }

  #pageFault(t: Thread, pc: number, fsr: number, far: number): void {
    const c = this.#core;
    const m = c.builder.lookup(t.space.tables, far);
    const pte = m === undefined ? 0 : (m.pa | (m.user === 'rw' ? 0x30 : m.user === 'ro' ? 0x20 : 0x10) | 2) >>> 0;
    t.ctx[CTX_PC] = pc;
    this.#kernelMessage(t, IpcTag.PageFault, [IpcTag.PageFault, t.tid, pc, fsr, far, pte], 0);
  }

  /** Runs system call `n` for `t`; `swiPc` is the SWI's address (for retries after a fault). */
  #syscall(t: Thread, n: number, swiPc: number): void {
    const c = this.#core;
    const ctx = t.ctx;
    if (!t.isServer) ctx[CTX_PC] = ctx[14]!;
    t.syscallPc = swiPc;
    if (n >= SYSCALL_COUNT) {
      ctx[0] = -Errno.ENOSYS;
    } else {
      const r = SYSCALLS[n]!(c, t);
      if (r === FAULTED) {
        if (t.isServer) ctx[0] = -Errno.EFAULT;
        else this.#pageFault(t, swiPc, c.faultStatus, c.faultAddress);
      } else if (r !== BLOCKED) {
        ctx[0] = r;
      }
    }
    // The safe point belongs to the caller: after a call that slept, another thread is current.
    if (!t.dead && c.sched.current === t.tid) c.sched.syscallExit();
  }

  /** Sends a kernel-made message (fault or exception) from `t` to its pager and waits for the reply. */
  #kernelMessage(t: Thread, tag: number, mrs: readonly number[], skip: number): void {
    const c = this.#core;
    const pager = c.lookup(t.pager);
    if (pager === undefined || pager === t) {
      c.log(`Thread (${t.tid}) raised exception ${tag} at 0x${(mrs[2]! >>> 0).toString(16)} with no pager; destroyed.`);
      c.destroyThread(t, true);
      return;
    }
    t.savedCtx.set(t.ctx);
    t.kernelMessage = { saved: t.savedCtx, tag, skip };
    t.notifyPager = false;
    for (let i = 0; i < 6; i++) t.ctx[3 + i] = mrs[i]!;
    t.ctx[0] = pager.tid;
    t.ctx[1] = pager.tid;
    t.ctx[2] = 0;
    const r = sysIpc(c, t);
    if (r !== BLOCKED) {
      c.log(`Thread (${t.tid}) could not send exception ${tag} to its pager (${r}); destroyed.`);
      c.destroyThread(t, true);
    }
  }

  #stepServer(t: Thread): void {
    const c = this.#core;
    const mem = t.hostMemory!;
    const ctx = t.ctx;
    for (let i = 0; i < 6; i++) mem[i] = ctx[3 + i]!;
    const arg = t.started ? ctx[0]! | 0 : 0;
    t.started = true;
    let step: IteratorResult<{ call: number; args: readonly number[] }, void>;
    try {
      step = t.generator!.next(arg);
    } catch (e) {
      c.log(`Server thread ${t.name} (${t.tid}) failed: ${e instanceof Error ? e.message : String(e)}`);
      t.generator = null;
      c.destroyThread(t, c.lookup(t.pager) === undefined);
      return;
    }
    if (step.done === true) {
      t.generator = null;
      c.destroyThread(t, c.lookup(t.pager) === undefined);
      return;
    }
    const op = step.value;
    for (let i = 0; i < 6; i++) ctx[3 + i] = mem[i]!;
    const a = op.args;
    for (let i = 0; i < a.length && i < 5; i++) ctx[i] = a[i]!;
    const off = op.call >>> 0;
    this.#syscall(t, off % 4 === 0 ? off >>> 2 : SYSCALL_COUNT, 0);
  }
}
