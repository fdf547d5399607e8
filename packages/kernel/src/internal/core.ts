import type { Cpu, TranslationCache } from '@codezero-ts/arm-core';
import type { Cp15 } from '@codezero-ts/mmu';
import { Control, PageTableBuilder, checkAccess, faultStatusRegister, newWalkResult, walk } from '@codezero-ts/mmu';
import { IdPool } from '@codezero-ts/page-alloc';
import { Priority, Scheduler } from '@codezero-ts/scheduler';
import type { Capability, IpcObserver, KernelOptions, Platform } from '../api.js';
import { CapType, Errno, IpcTag, KIP_MAGIC, KernelLayout, KipOffset, SYSCALL_COUNT, ThreadIds } from '../api.js';
import { KernelError } from '../errors.js';
import { PhysMemory } from './phys-memory.js';
import { Space } from './space.js';
import type { CapList, Quota } from './thread.js';
import { Block, NIL, Thread } from './thread.js';

/** Handler result: the thread sleeps; whoever wakes it sets r0. */
export const BLOCKED = 0x100000000;
/** Handler result: a user buffer faulted; the call is retried after the pager's reply. */
export const FAULTED = 0x100000001;

/** A thread waiting for an interrupt slot. */
interface IrqOwner {
  readonly thread: Thread;
  readonly slot: number;
}

/** A kernel wait queue keyed by a lock word's physical address. */
interface MutexQueue {
  readonly waiters: Thread[];
  credits: number;
  quota: Quota;
}

/** At most this many dropped mutex queues are kept for reuse. */
const SPARE_MUTEXES = 16;

/** Removes `xs[i]` in place (Array.splice would allocate the removed-elements array). */
function removeAt(xs: Thread[], i: number): void {
  for (let k = i + 1; k < xs.length; k++) xs[k - 1] = xs[k]!;
  xs.pop();
}

const USER_MODE = 0x10;

/**
 * The kernel's state and the services every system call uses: threads, spaces, user memory
 * access, kernel-made messages and the scheduler.
 */
export class Core {
  readonly platform: Platform;
  readonly cpu: Cpu;
  /** The CPU's own translation cache, used while no space is loaded. */
  readonly kernelTlb: TranslationCache;
  readonly cp15: Cp15;
  readonly phys: PhysMemory;
  readonly builder: PageTableBuilder;
  readonly sched: Scheduler;
  readonly threads: (Thread | undefined)[] = [];
  readonly spaces = new Map<number, Space>();
  readonly spaceIds = new IdPool(1 << 16, { firstId: 1 });
  readonly mutexes = new Map<number, MutexQueue>();
  /** Dropped mutex queues kept for reuse: a contended lock makes and drops one each time. */
  readonly #spareMutexes: MutexQueue[] = [];
  readonly irqOwners: (IrqOwner | undefined)[];
  readonly rootCaps: Capability[];
  readonly maxThreads: number;
  readonly kipPa: number;
  readonly syscallPa: number;
  /** The thread whose UTCB address the KIP shows (the last one loaded), or null. */
  loaded: Thread | null = null;
  loadedSpace: Space | null = null;
  /** Set by user memory accesses that fault: address and FSR. */
  private memFault = false;
  faultAddress = 0;
  faultStatus = 0;
  /** Number of live (not reaped) threads. */
  liveThreads = 0;
  /** Called on every completed IPC transfer when set (see `Kernel.setIpcObserver`). */
  ipcObserver: IpcObserver | null = null;
  readonly #log: (line: string) => void;
  readonly #found = newWalkResult();
  readonly #bits = { system: false, rom: false };

  constructor(platform: Platform, options: KernelOptions) {
    this.platform = platform;
    this.cpu = platform.cpu;
    this.kernelTlb = this.cpu.translationCache;
    this.cp15 = platform.cp15;
    this.maxThreads = options.maxThreads ?? 1024;
    if (!Number.isInteger(this.maxThreads) || this.maxThreads < 2) throw new KernelError('bad-option', `maxThreads ${this.maxThreads} must be an integer ≥ 2`);
    const tps = options.ticksPerSecond ?? 1000;
    if (!Number.isInteger(tps) || tps < 1) throw new KernelError('bad-option', `ticksPerSecond ${tps} must be a positive integer`);
    this.#log =
      options.log ??
      ((line: string): void => {
        for (let i = 0; i < line.length; i++) platform.console.write(line.charCodeAt(i) & 0xff);
        platform.console.write(10);
      });
    this.#log('code0: start kernel...');
    this.phys = new PhysMemory(platform.memory, platform.reservedMemory, options.kernelMemory);
    this.builder = new PageTableBuilder(this.phys, this.phys, { kernelBase: KernelLayout.KernelBase });
    this.sched = new Scheduler({ ticksPerSecond: tps, ...(options.trace === undefined ? {} : { trace: options.trace }) });
    this.irqOwners = new Array<IrqOwner | undefined>(platform.interrupts.count).fill(undefined);
    // Kernel-reserved pages: the KIP (user read-only) and the syscall page (user read/execute).
    this.#log('code0: Init kernel mappings...');
    this.kipPa = this.phys.allocKernelPage();
    this.syscallPa = this.phys.allocKernelPage();
    if (this.kipPa < 0 || this.syscallPa < 0) throw new KernelError('out-of-memory', 'no kernel memory for the KIP and the syscall page');
    this.builder.map(this.builder.kernel, KernelLayout.Kip, this.kipPa, 1, { user: 'ro' });
    this.builder.map(this.builder.kernel, KernelLayout.SyscallPage, this.syscallPa, 1, { user: 'ro' });
    for (let o = 0; o < 4096; o += 4) this.phys.write32(this.syscallPa + o, 0xef000000 | (o >>> 2));
    this.phys.write32(this.kipPa + KipOffset.Magic, KIP_MAGIC);
    this.phys.write32(this.kipPa + KipOffset.ApiVersion, 0x00010000);
    this.phys.write32(this.kipPa + KipOffset.KernelId, 0x435a5453);
    this.phys.write32(this.kipPa + KipOffset.SyscallCount, SYSCALL_COUNT);
    for (let i = 0; i < SYSCALL_COUNT; i++) this.phys.write32(this.kipPa + KipOffset.Syscalls + i * 4, KernelLayout.SyscallPage + i * 4);
    const uart = platform.consoleDevice;
    if (uart !== undefined) {
      const inside = platform.deviceMemory.some((d) => d.base <= uart.base && uart.base + uart.size <= d.base + d.size);
      if (!inside || uart.base % 4096 !== 0) throw new KernelError('bad-platform', 'consoleDevice must be a page-aligned window inside deviceMemory');
      this.phys.write32(this.kipPa + KipOffset.ConsoleDevice, uart.base);
    }
    this.invalidate(this.syscallPa, 4096);
    // The root capabilities, handed to programs the host starts.
    const caps: Capability[] = [
      { type: CapType.PhysMem, access: 0, start: this.phys.userFirst, end: this.phys.ramEnd },
      { type: CapType.VirtMem, access: 0, start: 0, end: KernelLayout.KernelBase / 4096 },
      { type: CapType.Ipc, access: 0, start: 0, end: 0x100000000 },
      { type: CapType.ThreadControl, access: 0, start: 0, end: 0x100000000 },
      { type: CapType.Irq, access: 0, start: 0, end: platform.interrupts.count },
    ];
    for (const d of platform.deviceMemory) caps.push({ type: CapType.PhysMem, access: 1, start: Math.floor(d.base / 4096), end: Math.ceil((d.base + d.size) / 4096) });
    this.rootCaps = caps;
    // MMU on, domain 0 client, the kernel master table until a thread runs.
    this.cp15.dacr = 1;
    this.cp15.ttbr = this.builder.kernel.ttbr;
    this.cp15.control |= Control.M;
    this.cpu.flushTlb();
    this.cpu.cpsr = USER_MODE;
    this.#log('code0: Virtual memory enabled.');
    platform.interrupts.enable(platform.timer.irq);
    platform.timer.start(tps);
  }

  log(line: string): void {
    this.#log(line);
  }

  /**
   * The capabilities of a program the host starts: the root ones, except that its
   * physical-memory capabilities cover only the user frames free at this moment (one per
   * free run), so a program never holds a right to frames the kernel gave to anything —
   * its own image, stack and UTCB included. It may hand out and map all of them.
   */
  programCaps(): Capability[] {
    const out: Capability[] = [];
    for (const run of this.phys.userFrames.snapshotState()) {
      if (run.kind === 'free') out.push({ type: CapType.PhysMem, access: 0, start: run.first, end: run.first + run.count });
    }
    for (const c of this.rootCaps) if (!(c.type === CapType.PhysMem && c.access === 0)) out.push({ ...c });
    return out;
  }

  // ---------------------------------------------------------------- threads and spaces

  /** A live thread by id, or undefined (unknown ids, NIL, ANY and exited threads). */
  lookup(tid: number): Thread | undefined {
    if (tid < 0 || tid >= this.threads.length) return undefined;
    const t = this.threads[tid];
    return t === undefined || t.dead ? undefined : t;
  }

  newSpace(): Space | undefined {
    const id = this.spaceIds.allocate();
    if (id < 0) return undefined;
    let tables;
    try {
      tables = this.builder.createSpace();
    } catch {
      this.spaceIds.free(id);
      return undefined;
    }
    const s = new Space(id, tables);
    this.spaces.set(id, s);
    return s;
  }

  /** A copy of a space's user mappings (fork); undefined when out of memory. */
  forkSpace(from: Space): Space | undefined {
    const id = this.spaceIds.allocate();
    if (id < 0) return undefined;
    let tables;
    try {
      tables = this.builder.fork(from.tables);
    } catch {
      this.spaceIds.free(id);
      return undefined;
    }
    const s = new Space(id, tables);
    this.spaces.set(id, s);
    return s;
  }

  /**
   * A space's page tables changed: drop its cached translations, whether or not the CPU is
   * in it now (each space keeps its own while others run).
   */
  mappingsChanged(sp: Space): void {
    if (this.loadedSpace === sp) this.cpu.flushTlb();
    else sp.tlb.flush();
  }

  /** Frees a space no thread uses. */
  dropSpace(sp: Space): void {
    if (sp.refs !== 0) return;
    if (this.loadedSpace === sp) {
      this.cp15.ttbr = this.builder.kernel.ttbr;
      this.cpu.useTranslationCache(this.kernelTlb);
      this.cpu.flushTlb();
      this.loadedSpace = null;
    }
    this.builder.destroy(sp.tables);
    if (sp.quota !== null) sp.quota.spaces++;
    for (const f of sp.ownedFrames) this.phys.userFrames.free(f);
    sp.ownedFrames.length = 0;
    this.spaces.delete(sp.id);
    this.spaceIds.free(sp.id);
  }

  /** Creates an inactive thread; undefined when the thread table is full. */
  createThread(name: string | undefined, space: Space, caps: CapList, quota: Quota, priority: number, server: boolean, forkOf?: Thread): Thread | undefined {
    if (this.liveThreads >= this.maxThreads || quota.threads <= 0) return undefined;
    quota.threads--;
    const tid = forkOf === undefined ? this.sched.create({ priority, ...(name === undefined ? {} : { name }) }) : this.sched.fork(forkOf.tid, name === undefined ? {} : { name });
    const wq = this.sched.createWaitQueue();
    const t = new Thread(tid, name ?? `t${tid}`, space, caps, quota, wq, server);
    this.threads[tid] = t;
    space.refs++;
    this.liveThreads++;
    return t;
  }

  /**
   * Destroys a thread: its IPC partners are woken with -EINTR, its space is released when it
   * was the last user, and it becomes a zombie (reaped at once when `reap`).
   */
  destroyThread(t: Thread, reap: boolean): void {
    if (t.dead) {
      if (reap) this.reapThread(t);
      return;
    }
    if (t.kernelMessage !== null && t.kernelMessage.tag === IpcTag.PageFault) {
      this.log(`Thread (${t.tid}) page-faulted and got interrupted by its pager.`);
    }
    this.cancelWait(t);
    // complete() takes each sender off this queue: iterate over a copy.
    for (const s of t.senders.splice(0)) this.complete(s, -Errno.EINTR);
    const threads = this.threads;
    for (let i = 0; i < threads.length; i++) {
      const r = threads[i];
      if (r !== undefined && !r.dead && r.block === Block.IpcRecv && r.ipcPartner === t.tid) this.complete(r, -Errno.EINTR);
    }
    for (let i = 0; i < this.irqOwners.length; i++) {
      if (this.irqOwners[i]?.thread === t) {
        this.irqOwners[i] = undefined;
        this.platform.interrupts.disable(i);
      }
    }
    t.dead = true;
    t.quota.threads++;
    t.kernelMessage = null;
    if (this.loaded === t) this.loaded = null;
    const sp = t.space;
    sp.refs--;
    this.dropSpace(sp);
    this.sched.exit(t.tid);
    if (reap) this.reapThread(t);
  }

  /** Frees a zombie's id and wait queue. */
  reapThread(t: Thread): void {
    if (this.threads[t.tid] !== t) return;
    this.sched.destroyWaitQueue(t.waitQueue);
    this.sched.reap(t.tid);
    this.threads[t.tid] = undefined;
    this.liveThreads--;
  }

  /** Takes a sleeping thread off whatever kernel list it waits on (no wakeup). */
  cancelWait(t: Thread): void {
    if (t.block === Block.IpcSend) {
      const r = this.threads[t.ipcPartner];
      if (r !== undefined) {
        const i = r.senders.indexOf(t);
        if (i >= 0) removeAt(r.senders, i);
      }
    } else if (t.block === Block.Mutex) {
      const m = this.mutexes.get(t.waitKey);
      if (m !== undefined) {
        const i = m.waiters.indexOf(t);
        if (i >= 0) removeAt(m.waiters, i);
        if (m.waiters.length === 0 && m.credits === 0) this.dropMutex(t.waitKey, m);
      }
    }
    t.block = Block.None;
    t.ipcThenFrom = NIL;
  }

  /** Forgets an empty mutex queue and gives its slot back to its pool. */
  dropMutex(key: number, m: MutexQueue): void {
    this.mutexes.delete(key);
    m.quota.mutexes++;
    if (this.#spareMutexes.length < SPARE_MUTEXES) {
      m.waiters.length = 0;
      m.credits = 0;
      this.#spareMutexes.push(m);
    }
  }

  /** An empty mutex queue charged to `quota` (the caller has taken the slot), reused when possible. */
  newMutex(quota: Quota): MutexQueue {
    const m = this.#spareMutexes.pop();
    if (m === undefined) return { waiters: [], credits: 0, quota };
    m.quota = quota;
    return m;
  }

  /** Charges a space to a pool; false (and nothing charged) when the pool is empty. */
  chargeSpace(sp: Space, quota: Quota): boolean {
    if (quota.spaces <= 0) return false;
    quota.spaces--;
    sp.quota = quota;
    return true;
  }

  /** Ends a sleeping thread's call with `result` in r0 and wakes it. */
  complete(t: Thread, result: number): void {
    this.cancelWait(t);
    t.ctx[0] = result;
    this.sched.wake(t.tid);
  }

  /** Puts the current thread to sleep on its own queue; BLOCKED, or -EINTR when a suspend is pending. */
  sleep(t: Thread): number {
    const outcome = this.sched.sleepOn(t.waitQueue);
    if (outcome === 'sleeping') return BLOCKED;
    this.cancelWait(t);
    return -Errno.EINTR;
  }

  /** Whether `t` holds a capability of `type` covering `[start, end)`. */
  hasCap(t: Thread, type: number, start: number, end: number): boolean {
    // indexed, not for-of: cheaper while this still runs in V8's baseline tiers (every map and IPC)
    const caps = t.caps.caps;
    for (let i = 0; i < caps.length; i++) {
      const c = caps[i]!;
      if (c.type === type && c.start <= start && end <= c.end) return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- user memory

  /**
   * Physical address of user virtual address `va` in `t`'s space for a user-permission
   * access, or -1 with {@link Core.memFault} set (and the fault status recorded).
   */
  userPa(t: Thread, va: number, write: boolean): number {
    const f = this.#found;
    walk(this.phys, t.space.tables.ttbr, va >>> 0, f);
    let status = f.status;
    if (status === 0) status = checkAccess(f, this.cp15.dacr, this.#bits, write, false);
    if (status === 0) return f.pa;
    this.memFault = true;
    this.faultAddress = va >>> 0;
    this.faultStatus = faultStatusRegister(status, f.domain);
    return -1;
  }

  /** Forgets an earlier user memory fault. */
  clearFault(): void {
    this.memFault = false;
  }

  /** Whether a user memory access faulted since {@link Core.clearFault}. */
  hasFault(): boolean {
    return this.memFault;
  }

  /** Reads a user word (ARM: through the tables; servers: their host memory). Faults set memFault. */
  readWord(t: Thread, va: number): number {
    const host = t.hostMemory;
    if (host !== null) {
      const i = va >>> 2;
      if ((va & 3) !== 0 || i >= host.length) return this.#hostFault(va);
      return host[i]!;
    }
    if ((va & 3) !== 0) return this.#alignFault(va);
    const pa = this.userPa(t, va, false);
    return pa < 0 ? 0 : this.phys.read32(pa);
  }

  /** Writes a user word; returns false (and sets memFault) on a fault. */
  writeWord(t: Thread, va: number, value: number): boolean {
    const host = t.hostMemory;
    if (host !== null) {
      const i = va >>> 2;
      if ((va & 3) !== 0 || i >= host.length) {
        this.#hostFault(va);
        return false;
      }
      host[i] = value;
      return true;
    }
    if ((va & 3) !== 0) {
      this.#alignFault(va);
      return false;
    }
    const pa = this.userPa(t, va, true);
    if (pa < 0) return false;
    this.phys.write32(pa, value);
    this.invalidate(pa, 4);
    return true;
  }

  /** Reads UTCB word `w` of `t` (kernel access: the page only needs to be mapped). */
  utcbRead(t: Thread, w: number): number {
    const host = t.hostMemory;
    if (host !== null) return host[w]!;
    if (t.utcbAddress === 0) return this.#hostFault(0);
    return this.readWord(t, t.utcbAddress + w * 4);
  }

  /** Writes UTCB word `w` of `t`; false on a fault. */
  utcbWrite(t: Thread, w: number, value: number): boolean {
    const host = t.hostMemory;
    if (host !== null) {
      host[w] = value;
      return true;
    }
    if (t.utcbAddress === 0) {
      this.#hostFault(0);
      return false;
    }
    return this.writeWord(t, t.utcbAddress + w * 4, value);
  }

  /** Drops decoded code for physical bytes written behind the CPU's back. */
  invalidate(pa: number, bytes: number): void {
    const o = this.phys.ramOffset(pa);
    if (o >= 0) this.cpu.invalidateCode(o, bytes);
  }

  #hostFault(va: number): number {
    this.memFault = true;
    this.faultAddress = va >>> 0;
    this.faultStatus = 0x7;
    return 0;
  }

  #alignFault(va: number): number {
    this.memFault = true;
    this.faultAddress = va >>> 0;
    this.faultStatus = 0x1;
    return 0;
  }

  // ---------------------------------------------------------------- CPU context

  /** Copies the CPU's user registers into `t`'s context. */
  save(t: Thread): void {
    this.cpu.saveUserContext(t.ctx);
  }

  /** Loads `t`'s context, space and UTCB pointer onto the CPU. */
  load(t: Thread): void {
    const cpu = this.cpu;
    // user mode with IRQ/FIQ unmasked; exchange_registers stores the pc as written, and the
    // CPU aligns it for its state
    cpu.loadUserContext(t.ctx);
    if (this.loadedSpace !== t.space) {
      this.cp15.ttbr = t.space.tables.ttbr;
      cpu.useTranslationCache(t.space.tlb);
      this.loadedSpace = t.space;
    }
    if (this.loaded !== t) {
      this.phys.write32(this.kipPa + KipOffset.Utcb, t.utcbAddress);
      this.loaded = t;
    }
  }

  /** A thread that is neither NIL nor ANY. */
  static isRealId(tid: number): boolean {
    return tid !== ThreadIds.Nil && tid !== ThreadIds.Any;
  }

  /** The default priority of programs. */
  static readonly programPriority = Priority.PAGER;
}
