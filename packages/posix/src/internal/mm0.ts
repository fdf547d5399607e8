import type { Kernel, ServerCall, ServerContext } from '@codezero-ts/kernel';
import { CapRequest, CapType, Exregs, IpcFlags, IpcTag, MR_TOTAL, Syscall, ThreadAction, ThreadFlags, ThreadIds, getMr, receive, send, setMr, syscall } from '@codezero-ts/kernel';
import { PageAllocator } from '@codezero-ts/page-alloc';
import type { Vfs, VfsProcess, Vnode } from '@codezero-ts/vfs';
import { O_RDONLY, Stat } from '@codezero-ts/vfs';
import { Access, MapFlags, Prot, VmSystem, checkIntegrity } from '@codezero-ts/vm-objects';
import { LinuxLayout } from '../api.js';
import { checkExecutable, loadElf } from './elf-loader.js';
import type { HostSignal } from './host-signals.js';
import { deliverHostSignals } from './host-signals.js';
import { dropItimers, expireItimers } from './itimer.js';
import { endWait } from './timed-wait.js';
import { KUSER_RESTART, UTCB_TLS_OFFSET } from './kuser-page.js';
import { linuxSyscall } from './linux-syscalls.js';
import { isProtocolCall, isProtocolTag, protocolReply, serveProtocol } from './protocol.js';
import { QueuedMapper } from './mapper.js';
import type { RamAccess } from './phys.js';
import { FrameMemory } from './phys.js';
import { PidAllocator, pidInUse, threadByLtid } from './pids.js';
import type { LThread, Proc } from './process.js';
import { childProcess, childThread } from './process.js';
import { CloneFlag, leaveSharedSpace, moveToSpace, releaseVfork, spaceShared } from './vfork.js';
import { childExited, deliverSignals, faultSignal, hasDeliverable, inheritSignals, isStopped, killedStatus, notified, resetOnExec } from './signals.js';

/** Generator type of the pager's blocking steps. */
export type Step<T> = Generator<ServerCall, T, number>;

/** A syscall handler result: a value for r0, {@link NO_REPLY}, or a generator producing either. */
export type SysResult = number | Step<number>;

/**
 * Tag of the message the host sends mm0 when parked threads became ready from outside (for
 * example console input): mm0 is waiting in receive and would not notice otherwise.
 */
export const DOORBELL_TAG = 0x7e;

/** The caller gets no reply now (it blocks, or it is gone). */
export const NO_REPLY = 0x7fffffff;

/** Byte offsets in the pager's own memory used as system-call argument blocks. */
const EXREGS_OFF = 0x100;
const IDS_OFF = 0x200;
const TIME_OFF = 0x220;
const CAPS_OFF = 0x400;
const PAGE = 4096;
const SIGSEGV = 11;
const SIGILL = 4;
const SIGBUS = 7;

/** Configuration of the pager from the host. */
export interface Mm0Config {
  readonly kernel: Kernel;
  readonly ram: RamAccess;
  readonly vfs: Vfs;
  readonly init: string;
  readonly argv: readonly string[];
  readonly envp: readonly string[];
  readonly log: (line: string) => void;
  readonly trace: ((line: string) => void) | null;
  readonly maxProcesses: number;
  readonly bootLines: boolean;
  /** Called when init has ended (exit status or 128 + signal). */
  readonly onInitExit: (status: number, killed: boolean) => void;
  /** Called before a path under `/proc` is resolved (the host refreshes its view). */
  readonly onProcPath?: () => void;
}

/**
 * mm0: the pager and process manager. One TypeScript server thread receives every fault
 * and exception message of the Linux processes: page faults are resolved through
 * vm-objects and the kernel's map call; SWIs outside the syscall page are Linux system
 * calls, whose registers it reads and writes with exchange_registers.
 */
export class Mm0 {
  readonly cfg: Mm0Config;
  self!: ServerContext;
  vm!: VmSystem;
  frames!: PageAllocator;
  readonly mapper = new QueuedMapper();
  readonly mem: FrameMemory;
  /** A vfs process of mm0's own, used to free the pages of unpinned unlinked files. */
  readonly pinner: VfsProcess;
  readonly procs = new Map<number, Proc>();
  readonly threads = new Map<number, LThread>();
  /** A live thread of each space (map and unmap name a space by one of its threads). */
  readonly spaceTid = new Map<number, number>();
  /** vm file ids by vnode and back. */
  readonly fileIds = new Map<Vnode, number>();
  readonly fileNodes = new Map<number, Vnode>();
  /** Registers r0..r15 and the CPSR (word 16) of the thread being served. */
  readonly regs = new Int32Array(17);
  /** Threads parked on a blocking call, with their saved registers. */
  readonly parked = new Map<number, Int32Array>();
  /** Parked threads to retry. */
  readonly retry: number[] = [];
  /** Signals the host raised for process groups, delivered at the doorbell. */
  readonly hostSignals: HostSignal[] = [];
  /** Futex waiters by "space:address". */
  readonly futexes = new Map<string, number[]>();
  /** Pins: open counts mm0 holds on mapped files, so an unlinked file stays readable. */
  readonly pins = new Map<number, number>();
  /** True while serving a SWI made in Thumb state. */
  thumbCall = false;
  /** Linux pid of init (1 once it runs). */
  initPid = -1;
  /** Linux pids and tids (independent of kernel thread ids). */
  readonly pidAlloc = new PidAllocator();
  faults = 0;
  syscalls = 0;
  /** Free frames once memory was set up, before init started (-1 until then). */
  bootFreeFrames = -1;
  /** Live vm objects once memory was set up, before init started (-1 until then). */
  bootVmObjects = -1;
  #nextFileId = 1;
  /** The exchange_registers call of readRegs/writeRegs, reused (the kernel reads it before resuming us). */
  readonly #exregsArgs = [EXREGS_OFF, 0];
  readonly #exregsCall: ServerCall = { call: Syscall.ExchangeRegisters, args: this.#exregsArgs };
  #random = 0x2545f491;
  /** The reply IPC of {@link reply}, reused: to, from (nil, or any for reply-and-wait), flags. */
  readonly #replyArgs = [0, ThreadIds.Nil, IpcFlags.Short];
  readonly #replyIpc: ServerCall = { call: Syscall.Ipc, args: this.#replyArgs };
  readonly #mapArgs = [0, 0, 0, 0, 0];
  readonly #mapCall: ServerCall = { call: Syscall.Map, args: this.#mapArgs };
  readonly #unmapArgs = [0, 0, 0];
  readonly #unmapCall: ServerCall = { call: Syscall.Unmap, args: this.#unmapArgs };
  /** True when the last reply also received the next message (it is in the MRs now). */
  #received = false;
  /**
   * System-call arguments r0..r7 of the call being served, reused from call to call; a call
   * that parks or yields keeps it (its handler may hold on to it) and the next gets a new one.
   */
  #args = new Int32Array(8);

  constructor(cfg: Mm0Config) {
    this.cfg = cfg;
    this.mem = new FrameMemory(cfg.ram);
    this.pinner = cfg.vfs.createProcess({ uid: 0, gid: 0 });
  }

  // ------------------------------------------------------------------ small kernel helpers

  /** Reads r0..r15 of `tid` (its saved context while its message is in flight) into {@link Mm0.regs}. */
  *readRegs(tid: number): Step<number> {
    const r = yield this.#readRegsCall(tid);
    this.#readRegsDone();
    return r;
  }

  /** The exchange_registers call reading all of `tid`'s registers (see {@link readRegs}). */
  #readRegsCall(tid: number): ServerCall {
    const m = this.self.memory;
    const w = EXREGS_OFF / 4;
    m[w + Exregs.ValidVector] = 0xffff | Exregs.CpsrValid;
    m[w + Exregs.Flags] = Exregs.Read;
    this.#exregsArgs[1] = tid;
    return this.#exregsCall;
  }

  /** Copies the registers the {@link readRegs} call left in mm0's memory into `regs`. */
  #readRegsDone(): void {
    const m = this.self.memory;
    const w = EXREGS_OFF / 4;
    const regs = this.regs;
    for (let i = 0; i < 16; i++) regs[i] = m[w + i]! | 0;
    regs[16] = m[w + Exregs.Cpsr]! | 0;
  }

  /** Writes the registers selected by `mask` from `values` into `tid`'s context. */
  *writeRegs(tid: number, mask: number, values: Int32Array = this.regs): Step<number> {
    const m = this.self.memory;
    const w = EXREGS_OFF / 4;
    for (let i = 0; i < 16; i++) if ((mask & (1 << i)) !== 0) m[w + i] = values[i]! >>> 0;
    // Bit 16 (Exregs.CpsrValid): the CPSR word (the kernel takes its flags, Q and T only).
    if ((mask & Exregs.CpsrValid) !== 0) m[w + Exregs.Cpsr] = (values[16] ?? 0x10) >>> 0;
    m[w + Exregs.ValidVector] = mask;
    m[w + Exregs.Flags] = 0;
    this.#exregsArgs[1] = tid;
    return yield this.#exregsCall;
  }

  /**
   * Asks the kernel to send mm0 an `IpcTag.Notify` message from thread `tid` before it runs
   * another user instruction (nothing when it is already in a message to mm0).
   */
  *notifyThread(tid: number): Step<number> {
    const m = this.self.memory;
    const w = EXREGS_OFF / 4;
    m[w + Exregs.ValidVector] = 0;
    m[w + Exregs.Flags] = Exregs.Notify;
    this.#exregsArgs[1] = tid;
    return yield this.#exregsCall;
  }

  /**
   * Gives `t` a UTCB page in the lowest free slot of its process (mapped read-write at
   * once, so the kernel can always write it) and tells the kernel. Returns 0 or an errno.
   */
  *giveUtcb(t: LThread): Step<number> {
    const p = t.proc;
    let slot = 0;
    while (p.utcbSlots.has(slot)) slot++;
    if (slot >= LinuxLayout.UtcbSlots) return -11;
    const addr = LinuxLayout.UtcbBase + slot * PAGE;
    const r = this.vm.mmap(p.space, { addr, length: PAGE, prot: Prot.READ | Prot.WRITE, flags: MapFlags.PRIVATE | MapFlags.ANONYMOUS | MapFlags.FIXED });
    if (r < 0) return r;
    p.utcbSlots.add(slot);
    return yield* this.setUtcb(t, addr);
  }

  /** Points `t`'s UTCB at `addr` (already a vma of its space), faulting the page in writable. */
  *setUtcb(t: LThread, addr: number): Step<number> {
    t.utcb = addr;
    const r = this.writeTls(t);
    if (r < 0) return r;
    yield* this.flush();
    const m = this.self.memory;
    const w = EXREGS_OFF / 4;
    m[w + Exregs.ValidVector] = 0;
    m[w + Exregs.Flags] = Exregs.SetUtcb;
    m[w + Exregs.UtcbAddress] = addr;
    return yield syscall(Syscall.ExchangeRegisters, EXREGS_OFF, t.tid);
  }

  /** Stores `t`'s TLS pointer in its UTCB page, where `__kuser_get_tls` reads it. */
  writeTls(t: LThread): number {
    if (t.utcb === 0) return 0;
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, t.tls >>> 0, true);
    return this.vm.writeUser(t.proc.space, t.utcb + UTCB_TLS_OFFSET, b);
  }

  /** Releases the UTCB slot of a thread that goes while its process lives on. */
  dropUtcb(t: LThread): void {
    const slot = (t.utcb - LinuxLayout.UtcbBase) / PAGE;
    if (t.utcb === 0 || !t.proc.utcbSlots.delete(slot)) return;
    this.vm.munmap(t.proc.space, t.utcb, PAGE);
  }

  /** Drains the queued page-table operations through map and unmap. */
  *flush(): Step<void> {
    while (this.mapper.pending) {
      const ops = this.mapper.take();
      // indexed, not for-of: cheaper while this still runs in V8's baseline tiers
      for (let i = 0; i < ops.length; i++) {
        const op = ops[i]!;
        const tid = this.spaceTid.get(op.space);
        if (tid === undefined) continue;
        // One reused call object for every map and unmap (the kernel reads it at once).
        if (op.frame < 0) {
          // Three arguments only: r3/r4 (MR0/MR1) keep their values, as with syscall().
          const u = this.#unmapArgs;
          u[0] = op.page * PAGE;
          u[1] = op.count;
          u[2] = tid;
          yield this.#unmapCall;
        } else {
          const a = this.#mapArgs;
          a[0] = op.frame * PAGE;
          a[1] = op.page * PAGE;
          a[2] = op.count;
          a[3] = op.flags;
          a[4] = tid;
          yield this.#mapCall;
        }
      }
    }
  }

  /**
   * Replies to a thread waiting on its exception message, with r0 = `value`. With `wait`
   * (the main loop's own calls only) and nothing else to do first, the reply also receives
   * the next message (kernel reply-and-wait): the main loop then serves it without a receive.
   */
  *reply(tid: number, value: number, wait = false): Step<void> {
    if (this.mapper.pending) yield* this.flush(); // (no generator when nothing is pending)
    const t = this.threads.get(tid);
    if (t !== undefined && isProtocolCall(t)) {
      yield* protocolReply(this, t, value);
      return;
    }
    if (t !== undefined && hasDeliverable(t)) {
      // Signals run on the way out of the call: r0 is the result in the saved context.
      yield* this.readRegs(tid);
      this.regs[0] = value;
      yield* deliverSignals(this, t);
      return;
    }
    yield this.#setR0Call(tid, value);
    yield this.#replyCall(tid, wait);
  }

  /** Whether a reply to `t` is only "set r0 and resume" (see {@link reply}). */
  #plainReply(t: LThread): boolean {
    return !this.mapper.pending && !isProtocolCall(t) && !hasDeliverable(t);
  }

  /** The exchange_registers call setting r0 of `tid` to `value` (writeRegs(tid, 1) inlined). */
  #setR0Call(tid: number, value: number): ServerCall {
    this.regs[0] = value;
    const m = this.self.memory;
    const w = EXREGS_OFF / 4;
    m[w] = value >>> 0;
    m[w + Exregs.ValidVector] = 1;
    m[w + Exregs.Flags] = 0;
    this.#exregsArgs[1] = tid;
    return this.#exregsCall;
  }

  /** The IPC resuming `tid`; with `wait` and nothing else pending it also receives the next message. */
  #replyCall(tid: number, wait: boolean): ServerCall {
    setMr(this.self, 0, 0);
    const a = this.#replyArgs;
    a[0] = tid;
    // Same as replyWait(tid) / send(tid), without a new call object per reply.
    if (wait && this.retry.length === 0 && this.hostSignals.length === 0) {
      this.#received = true;
      a[1] = ThreadIds.Any;
    } else a[1] = ThreadIds.Nil;
    return this.#replyIpc;
  }

  /** Kernel time since boot in nanoseconds. */
  *now(): Step<number> {
    yield syscall(Syscall.Time, TIME_OFF, 0);
    const m = this.self.memory;
    return m[TIME_OFF / 4]! * 1e9 + m[TIME_OFF / 4 + 1]! * 1000;
  }

  /** A deterministic pseudo-random word (xorshift32). */
  randomWord(): number {
    let x = this.#random;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#random = x >>> 0;
    return this.#random;
  }

  /** Writes a trace line when tracing. */
  trace(line: string): void {
    this.cfg.trace?.(line);
  }

  // ------------------------------------------------------------------ the server loop

  /** The server thread's body. */
  *main(self: ServerContext): Step<void> {
    if (!(yield* this.startUp(self))) return;
    for (;;) {
      if (this.#received) this.#received = false; // the last reply received it already
      else {
        if (this.retry.length > 0) yield* this.drainRetries();
        // Host signals (^C of a busy program) go out between any two messages: a doorbell
        // thread may wait long for the CPU while a thread keeps mm0 busy with system calls.
        if (this.hostSignals.length > 0) yield* deliverHostSignals(this);
        yield receive();
      }
      const tag = getMr(self, 0);
      const from = getMr(self, 1);
      // The two messages of nearly every turn are served here, the others by serveOther:
      // this loop stays small, and V8, which compiles it several times during a cold boot
      // (a generator, where each yield* is a loop of its own), has less to compile.
      if (tag === IpcTag.PageFault && this.cfg.kernel.kernelMessageTag(from) === tag) {
        yield* this.pageFault(from, getMr(self, 2), getMr(self, 3), getMr(self, 4), getMr(self, 5));
      } else if (tag === IpcTag.SwiException && this.cfg.kernel.kernelMessageTag(from) === tag) {
        yield* this.swi(from, getMr(self, 3));
      } else yield* this.serveOther(tag, from);
    }
  }

  /** Mounts the root file system and starts init; false when init could not start. */
  *startUp(self: ServerContext): Step<boolean> {
    this.self = self;
    if (this.cfg.bootLines) this.cfg.log(`mm0: Started with thread id ${self.tid}`);
    yield* this.initMemory();
    this.bootFreeFrames = this.frames.freeCount;
    this.bootVmObjects = this.vm.stats().objects;
    if (this.cfg.bootLines) {
      this.cfg.log('mm0: Mounted memfs root filesystem.');
      this.cfg.log('mm0: Memory/Process manager initialized. Listening requests.');
    }
    const init = yield* this.spawnInit();
    if (init < 0) {
      this.cfg.log(`mm0: cannot start ${this.cfg.init}: error ${-init}`);
      this.cfg.onInitExit(-1, true);
      return false;
    }
    return true;
  }

  /** Serves message `tag` from `from`, other than a page fault or a system call. */
  *serveOther(tag: number, from: number): Step<void> {
    const self = this.self;
    if (isKernelTag(tag) && this.cfg.kernel.kernelMessageTag(from) !== tag) {
      // An ordinary IPC wearing a fault's tag: only the kernel speaks for a faulting thread.
      yield* this.refuse(from, tag);
      return;
    }
    switch (tag) {
      case IpcTag.UndefFault: {
        // SIGILL kills, unless the process set it to SIG_IGN: then the instruction is
        // skipped, as the original's pager did for every undefined instruction.
        const ignored = this.threads.get(from)?.proc.sigactions.get(SIGILL);
        if (ignored !== undefined && ignored[0] === 1 && ignored[1] === 0 && ignored[2] === 0 && ignored[3] === 0) {
          this.trace(`[${from}] undefined instruction 0x${hex(getMr(self, 3))} at pc 0x${hex(getMr(self, 2))} skipped (SIGILL ignored)`);
          setMr(self, 0, 0);
          yield send(from);
          break;
        }
        const ut = this.threads.get(from);
        if (ut !== undefined && (yield* faultSignal(this, ut, SIGILL, 1, getMr(self, 2), { trapNo: 6, errorCode: 0, address: getMr(self, 2) }))) break;
        yield* this.killThreadProc(from, SIGILL, `undefined instruction 0x${hex(getMr(self, 3))} at pc 0x${hex(getMr(self, 2))}`);
        break;
      }
      case IpcTag.SyncFull:
        this.trace(`[${from}] ipc SYNC_FULL to mm0`);
        for (let i = 2; i < MR_TOTAL; i++) setMr(self, i, 0);
        setMr(self, 0, 0);
        if (this.cfg.kernel.awaitsMessageFrom(from, self.tid)) yield send(from, IpcFlags.Full);
        break;
      case IpcTag.Sync: {
        this.trace(`[${from}] ipc SYNC to mm0`);
        const rep = checkIntegrity(this.vm);
        if (!rep.ok) this.cfg.log(`mm0: integrity check failed: ${rep.problems.join('; ')}`);
        break;
      }
      case IpcTag.Notify:
        // A thread mm0 wanted to see before its next user instruction (a signal for it).
        yield* notified(this, from);
        break;
      case DOORBELL_TAG:
        // The host's nudge: parked threads became ready while mm0 waited (drained above).
        yield* deliverHostSignals(this);
        yield* expireItimers(this);
        break;
      default:
        if (isProtocolTag(tag)) {
          yield* serveProtocol(this, tag, from);
          break;
        }
        yield* this.refuse(from, tag);
        break;
    }
  }

  /** Answers a message mm0 does not serve with -ENOSYS, if its sender waits for a reply. */
  *refuse(from: number, tag: number): Step<void> {
    const self = this.self;
    this.trace(`[${from}] ipc tag ${tag} to mm0 = -38`);
    setMr(self, 0, -38 >>> 0);
    if (this.cfg.kernel.awaitsMessageFrom(from, self.tid)) yield send(from);
  }

  *initMemory(): Step<void> {
    const m = this.self.memory;
    yield syscall(Syscall.CapabilityControl, CapRequest.NCaps, 0, CAPS_OFF);
    const n = Math.min(m[CAPS_OFF / 4]!, 64);
    yield syscall(Syscall.CapabilityControl, CapRequest.Read, 0, CAPS_OFF);
    let first = 0;
    let end = 0;
    for (let i = 0; i < n; i++) {
      const w = CAPS_OFF / 4 + i * CapRequest.Words;
      if (m[w] === CapType.PhysMem && m[w + 1] === 0 && m[w + 3]! - m[w + 2]! > end - first) {
        first = m[w + 2]!;
        end = m[w + 3]!;
      }
    }
    this.frames = new PageAllocator(end - first, { firstFrame: first });
    this.vm = new VmSystem({
      frames: this.frames,
      mapper: this.mapper,
      memory: this.mem,
      files: {
        readPage: (file, index, frame) => {
          const node = this.fileNodes.get(file);
          if (node === undefined) return -14;
          const r = this.cfg.vfs.readPage(node, index, this.mem.view(frame));
          this.mem.touched(frame);
          return r < 0 ? r : 0;
        },
        writePage: (file, index, frame) => {
          const node = this.fileNodes.get(file);
          if (node !== undefined) this.cfg.vfs.writePage(node, index, this.mem.view(frame));
        },
      },
    });
  }

  /** Keeps the file behind vm file `id` alive while `proc` lives (see {@link Mm0.unpinAll}). */
  pin(proc: Proc, id: number): void {
    if (proc.mappedFiles.has(id)) return;
    proc.mappedFiles.add(id);
    const n = this.pins.get(id) ?? 0;
    if (n === 0) this.fileNodes.get(id)!.opens++;
    this.pins.set(id, n + 1);
  }

  /** Drops every pin of `proc` (at exit and execve). */
  unpinAll(proc: Proc): void {
    for (const id of proc.mappedFiles) {
      const n = this.pins.get(id)! - 1;
      if (n > 0) {
        this.pins.set(id, n);
        continue;
      }
      this.pins.delete(id);
      const node = this.fileNodes.get(id)!;
      node.opens--;
      this.pinner.maybeFree(node);
    }
    proc.mappedFiles.clear();
  }

  /** Copies `parent`'s pins to `child` (fork). */
  copyPins(parent: Proc, child: Proc): void {
    for (const id of parent.mappedFiles) this.pin(child, id);
  }

  /** The vm file id of `node` (stable while the node lives). */
  fileIdOf(node: Vnode): number {
    let id = this.fileIds.get(node);
    if (id === undefined) {
      id = this.#nextFileId++;
      this.fileIds.set(node, id);
      this.fileNodes.set(id, node);
    }
    return id;
  }

  // ------------------------------------------------------------------ processes

  /** Creates a thread in a new space (or in space `share`); returns [tid, space] or a negative error. */
  *createThread(share?: number): Step<[number, number] | number> {
    const m = this.self.memory;
    m[IDS_OFF / 4] = 0;
    m[IDS_OFF / 4 + 1] = share ?? 0;
    m[IDS_OFF / 4 + 2] = 0;
    const r = yield syscall(Syscall.ThreadControl, ThreadAction.Create | (share === undefined ? ThreadFlags.NewSpace : ThreadFlags.ShareSpace), IDS_OFF);
    if (r < 0) return r;
    return [m[IDS_OFF / 4]!, m[IDS_OFF / 4 + 1]!];
  }

  /** Starts kernel thread `tid` (created suspended). */
  *runThread(tid: number): Step<void> {
    this.self.memory[IDS_OFF / 4] = tid;
    yield syscall(Syscall.ThreadControl, ThreadAction.Run, IDS_OFF);
  }

  /** Destroys kernel thread `tid` (it must be one of ours). */
  *destroyThread(tid: number): Step<void> {
    const m = this.self.memory;
    m[IDS_OFF / 4] = tid;
    yield syscall(Syscall.ThreadControl, ThreadAction.Destroy, IDS_OFF);
  }

  /** Reads a whole regular file of the root fs as `proc` (or root) would; a negative errno on failure. */
  readExecutable(fs: Proc['fs'], path: string): { bytes: Uint8Array; node: Vnode } | number {
    const fd = fs.open(path, O_RDONLY);
    if (fd < 0) return fd;
    const st = new Stat();
    fs.fstat(fd, st);
    if ((st.mode & 0o170000) !== 0o100000) {
      fs.close(fd);
      return -13;
    }
    const bytes = new Uint8Array(st.size);
    let done = 0;
    while (done < bytes.length) {
      const n = fs.read(fd, bytes, done, bytes.length - done);
      if (n <= 0) break;
      done += n;
    }
    const node = fs.fileOf(fd)!.node;
    fs.close(fd);
    return { bytes, node };
  }

  /**
   * Loads `bytes` into `space` (emptied first by the caller) and points thread `tid` at
   * it. Returns 0 or a negative errno.
   */
  *exec(tid: number, space: number, image: { bytes: Uint8Array; node: Vnode }, argv: readonly string[], envp: readonly string[], execfn: string): Step<number> {
    const file = this.fileIdOf(image.node);
    const owner = this.threads.get(tid)?.proc;
    if (owner !== undefined) this.pin(owner, file);
    this.vm.openFile(file);
    const random = new Uint8Array(16);
    const dv = new DataView(random.buffer);
    for (let i = 0; i < 4; i++) dv.setUint32(i * 4, this.randomWord(), true);
    const loaded = loadElf(this.vm, space, { bytes: image.bytes, file, argv, envp, execfn, random });
    this.vm.closeFile(file);
    if (typeof loaded === 'number') return loaded;
    const t = this.threads.get(tid);
    if (t !== undefined) {
      t.proc.utcbSlots.clear();
      const u = yield* this.giveUtcb(t);
      if (u < 0) return u;
    }
    yield* this.flush();
    this.regs.fill(0);
    this.regs[13] = loaded.sp;
    this.regs[15] = loaded.entry;
    this.regs[16] = 0x10; // ARM state, flags clear
    yield* this.writeRegs(tid, 0xffff | Exregs.CpsrValid);
    return 0;
  }

  *spawnInit(): Step<number> {
    const fs = this.cfg.vfs.createProcess({ uid: 0, gid: 0, umask: 0o022 });
    const image = this.readExecutable(fs, this.cfg.init);
    if (typeof image === 'number') return image;
    const bad = checkExecutable(image.bytes);
    if (bad !== null) {
      this.cfg.log(`mm0: ${this.cfg.init}: ${bad}`);
      return -8;
    }
    for (let i = 0; i < 3; i++) fs.open('/dev/console', 2);
    const created = yield* this.createThread();
    if (typeof created === 'number') return created;
    const [tid, space] = created;
    const proc = this.newProc(tid, 0, space, basename(this.cfg.init), fs);
    this.initPid = proc.pid;
    const r = yield* this.exec(tid, space, image, this.cfg.argv, this.cfg.envp, this.cfg.init);
    if (r < 0) {
      yield* this.destroyThread(tid);
      this.dropProc(proc);
      return r;
    }
    yield syscall(Syscall.ThreadControl, ThreadAction.Run, IDS_OFF);
    return tid;
  }

  /** A fresh Linux pid/tid, or -1 when all are in use. */
  newPid(): number {
    return this.pidAlloc.allocate((id) => pidInUse(this, id));
  }

  /** The live thread with Linux tid `ltid`. */
  threadByLtid(ltid: number): LThread | undefined {
    return threadByLtid(this, ltid);
  }

  newProc(tid: number, ppid: number, space: number, name: string, fs: Proc['fs']): Proc {
    const pid = this.newPid();
    const proc: Proc = { pid, ppid, pgid: pid, sid: pid, space, ktgid: tid, name, fs, threads: new Set([tid]), children: new Set(), zombie: false, status: 0, waiter: null, mappedFiles: new Set(), utcbSlots: new Set(), sigactions: new Map(), vforkParent: null };
    this.procs.set(pid, proc);
    this.threads.set(tid, { tid, ltid: pid, proc, tls: 0, clearTid: 0, utcb: 0, sigmask: new Uint32Array(2) });
    this.spaceTid.set(space, tid);
    this.mapper.addSpace(space);
    this.vm.createSpace(space);
    return proc;
  }

  dropProc(proc: Proc): void {
    for (const t of proc.threads) this.threads.delete(t);
    proc.threads.clear();
    this.spaceTid.delete(proc.space);
    this.mapper.dropSpace(proc.space);
    if (this.vm.hasSpace(proc.space)) this.vm.exit(proc.space);
    this.unpinAll(proc);
    this.procs.delete(proc.pid);
  }

  /** Live (non-zombie) processes. */
  liveProcesses(): number {
    let n = 0;
    for (const p of this.procs.values()) if (!p.zombie) n++;
    return n;
  }

  /**
   * Ends a whole process with wait status `status`: destroys its threads, frees its
   * memory and descriptors, reparents its children to init and wakes a waiting parent.
   */
  *exitProcess(proc: Proc, status: number): Step<void> {
    if (proc.zombie) return;
    const shared = spaceShared(this, proc);
    if (shared) yield* leaveSharedSpace(this, proc);
    dropItimers(this, proc);
    for (const tid of [...proc.threads]) {
      endWait(this, tid);
      this.parked.delete(tid);
      this.threads.delete(tid);
      yield* this.destroyThread(tid);
    }
    proc.threads.clear();
    if (!shared) {
      this.spaceTid.delete(proc.space);
      this.mapper.dropSpace(proc.space);
      this.vm.exit(proc.space);
    }
    this.unpinAll(proc);
    proc.fs.exit();
    proc.zombie = true;
    proc.status = status;
    proc.waiter = null;
    yield* releaseVfork(this, proc);
    const init = this.procs.get(this.initPid);
    for (const c of proc.children) {
      const child = this.procs.get(c);
      if (child === undefined) continue;
      if (init !== undefined && init !== proc && !init.zombie) {
        child.ppid = init.pid;
        init.children.add(c);
      } else {
        child.ppid = 0;
        if (child.zombie) this.procs.delete(c);
      }
    }
    proc.children.clear();
    if (proc.pid === this.initPid) {
      const killed = (status & 0x7f) !== 0;
      this.procs.delete(proc.pid);
      this.cfg.onInitExit(killed ? 128 + (status & 0x7f) : (status >> 8) & 0xff, killed);
      return;
    }
    const parent = this.procs.get(proc.ppid);
    if (parent === undefined || parent.zombie) {
      this.procs.delete(proc.pid);
      return;
    }
    yield* childExited(this, parent, proc);
    yield* this.tryWait(parent);
    if (init !== undefined && parent !== init) yield* this.tryWait(init);
  }

  /** Completes a parked wait4 of `parent` if a matching zombie exists. */
  *tryWait(parent: Proc): Step<void> {
    const w = parent.waiter;
    if (w === null) return;
    const z = this.findZombie(parent, w.pid);
    if (z === undefined) {
      if (!this.hasChild(parent, w.pid)) {
        parent.waiter = null;
        this.parked.delete(w.tid);
        yield* this.reply(w.tid, -10);
      }
      return;
    }
    parent.waiter = null;
    this.parked.delete(w.tid);
    const r = this.reap(parent, z, w.statusPtr);
    yield* this.reply(w.tid, r);
  }

  /** A zombie child of `parent` that wait4's `pid` (-1 any, 0 own group, < -1 group -pid, > 0 that pid) selects. */
  findZombie(parent: Proc, pid: number): Proc | undefined {
    for (const c of parent.children) {
      const p = this.procs.get(c);
      if (p !== undefined && p.zombie && waitSelects(parent, p, pid)) return p;
    }
    return undefined;
  }

  /** True when `parent` has a child (live or zombie) that wait4's `pid` selects. */
  hasChild(parent: Proc, pid: number): boolean {
    if (pid > 0) return parent.children.has(pid);
    if (pid === -1) return parent.children.size > 0;
    for (const c of parent.children) {
      const p = this.procs.get(c);
      if (p !== undefined && waitSelects(parent, p, pid)) return true;
    }
    return false;
  }

  /** Reaps zombie `z` of `parent`, storing its status at `statusPtr`; returns its pid or -EFAULT. */
  reap(parent: Proc, z: Proc, statusPtr: number): number {
    if (statusPtr !== 0) {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setInt32(0, z.status, true);
      if (this.vm.writeUser(parent.space, statusPtr, b) < 0) return -14;
    }
    parent.children.delete(z.pid);
    this.procs.delete(z.pid);
    return z.pid;
  }

  /** Kills the process of thread `tid` by `signal`, with a console line saying why. */
  *killThreadProc(tid: number, signal: number, why: string): Step<void> {
    const t = this.threads.get(tid);
    if (t === undefined) {
      yield* this.destroyThread(tid);
      return;
    }
    const p = t.proc;
    this.cfg.log(`mm0: pid ${p.pid} (${p.name}) killed by signal ${signal}: ${why}`);
    yield* this.exitProcess(p, killedStatus(signal));
  }

  // ------------------------------------------------------------------ faults

  *pageFault(tid: number, pc: number, fsr: number, far: number, pte: number): Step<void> {
    this.faults++;
    const t = this.threads.get(tid);
    if (t === undefined) {
      yield* this.destroyThread(tid);
      return;
    }
    const status = fsr & 0xf;
    if (status === 1 || status === 3) {
      if (yield* faultSignal(this, t, SIGBUS, 1, pc, { trapNo: 14, errorCode: fsr, address: far })) return;
      yield* this.killThreadProc(tid, SIGBUS, `alignment fault at 0x${hex(far)} (pc 0x${hex(pc)})`);
      return;
    }
    const access = pte === 0 ? Access.READ : Access.WRITE;
    const r = this.vm.handleFault(t.proc.space, far, access);
    if (this.cfg.trace !== null) this.trace(`[${t.proc.pid}] fault 0x${hex(far)} pc 0x${hex(pc)} ${access === Access.READ ? 'read' : 'write'} = ${r}`);
    if (r < 0) {
      if (yield* faultSignal(this, t, SIGSEGV, r === -13 ? 2 : 1, pc, { trapNo: 14, errorCode: fsr, address: far })) return;
      yield* this.killThreadProc(tid, SIGSEGV, `unresolvable page fault at 0x${hex(far)} (pc 0x${hex(pc)}, ${r === -14 ? 'no mapping' : r === -13 ? 'protection' : r === -12 ? 'out of memory' : `error ${r}`})`);
      return;
    }
    if (this.mapper.pending) yield* this.flush();
    // A fault inside the kuser cmpxchg sequence restarts it (another thread may have run).
    if (pc >= KUSER_RESTART.start && pc < KUSER_RESTART.end) {
      this.regs[15] = KUSER_RESTART.start;
      yield* this.writeRegs(tid, 1 << 15);
    }
    // The main loop's own reply: it also receives the next message (reply-and-wait).
    yield this.#replyCall(tid, true);
  }

  // ------------------------------------------------------------------ system calls

  *swi(tid: number, word: number): Step<void> {
    const t = this.threads.get(tid);
    const at = getMr(this.self, 2);
    let eabi = false;
    if (t !== undefined) {
      yield this.#readRegsCall(tid);
      this.#readRegsDone();
      this.thumbCall = (word & 0xffff) === 0xdf00;
      eabi = (word & 0x00ffffff) === 0 || this.thumbCall;
    }
    if (t === undefined || !eabi || hasDeliverable(t)) {
      // the unusual cases in a generator of their own: fewer yield* here, less for V8 to
      // compile in this one (it does two or three times during a cold boot)
      yield* this.swiUnusual(tid, t, word, at, eabi);
      return;
    }
    // The arguments go in a reused array, and the reply also receives the next message.
    const a = this.#args;
    const regs = this.regs;
    for (let i = 0; i < 8; i++) a[i] = regs[i]!;
    this.syscalls++;
    let r = linuxSyscall(this, t, a);
    if (typeof r !== 'number') {
      this.#args = new Int32Array(8); // the handler's generator keeps `a`
      r = yield* r;
    }
    if (r === NO_REPLY) {
      if (this.#args === a) this.#args = new Int32Array(8); // parked: `a` stays with the call
      return;
    }
    if (this.#plainReply(t)) {
      // reply() inlined for calls answered at once: no generator on the way out.
      yield this.#setR0Call(tid, r);
      yield this.#replyCall(tid, true);
    } else yield* this.reply(tid, r, true);
  }

  /**
   * A SWI that does not run a system call now: from a thread mm0 does not know (it goes),
   * not the EABI's (-ENOSYS), or with a signal to take first.
   */
  *swiUnusual(tid: number, t: LThread | undefined, word: number, at: number, eabi: boolean): Step<void> {
    if (t === undefined) {
      yield* this.destroyThread(tid);
      return;
    }
    if (!eabi) {
      this.trace(`[${t.proc.pid}] unsupported SWI 0x${hex(word)}`);
      yield* this.reply(tid, -38, true);
      return;
    }
    // A signal came while the thread ran user code: it is taken first, as if it had
    // arrived before the SWI, which runs again after the handler (or after SIGCONT).
    this.regs[15] = at;
    yield* this.flush();
    yield* deliverSignals(this, t);
  }

  /** Runs system call `a[7]` with arguments `a[0..6]` for `t`, replying unless it blocks. */
  *dispatch(t: LThread, a: Int32Array, wait = false): Step<void> {
    this.syscalls++;
    let r = linuxSyscall(this, t, a);
    if (typeof r !== 'number') r = yield* r;
    if (r === NO_REPLY) return;
    yield* this.reply(t.tid, r, wait);
  }

  /** Parks `t` on a blocking call; it is retried when {@link Mm0.wake} is called. */
  park(t: LThread, a: Int32Array): number {
    this.parked.set(t.tid, a);
    return NO_REPLY;
  }

  /** Makes parked thread `tid` retry its call. */
  wake(tid: number): void {
    if (this.parked.has(tid)) this.retry.push(tid);
  }

  *drainRetries(): Step<void> {
    while (this.retry.length > 0) {
      const tid = this.retry.shift()!;
      const a = this.parked.get(tid);
      const t = this.threads.get(tid);
      if (a === undefined || t === undefined) continue;
      // A stopped process's call stays parked; SIGCONT retries it.
      if (isStopped(t.proc)) continue;
      this.parked.delete(tid);
      yield* this.dispatch(t, a);
    }
  }

  /** Process count limit. */
  get maxProcesses(): number {
    return this.cfg.maxProcesses;
  }

  /** Fork: a new process copying `t`'s process, resuming at `regs` with r0 = 0. */
  *fork(t: LThread, childRegs: Int32Array, flags: number, ctidPtr: number, tls: number): Step<number> {
    if (this.liveProcesses() >= this.cfg.maxProcesses) return -11;
    const parent = t.proc;
    // CLONE_PARENT: the child is the caller's sibling (the caller's parent waits for it).
    const owner = (flags & CloneFlag.Parent) !== 0 ? this.procs.get(parent.ppid) : parent;
    if (owner === undefined) return -22;
    const pid = this.newPid();
    if (pid < 0) return -11;
    const created = yield* this.createThread();
    if (typeof created === 'number') return created === -12 ? -12 : -11;
    const [tid, space] = created;
    this.vm.fork(parent.space, space);
    const child = childProcess(parent, owner.pid, pid, tid, space, new Set(parent.utcbSlots));
    this.procs.set(pid, child);
    this.copyPins(parent, child);
    const ct = childThread(t, tid, pid, child, flags, ctidPtr, tls);
    this.threads.set(tid, ct);
    inheritSignals(t, ct);
    this.spaceTid.set(space, tid);
    this.mapper.addSpace(space);
    owner.children.add(pid);
    // The UTCB vma came with the copy: the child's thread uses the same address.
    if (t.utcb !== 0) yield* this.setUtcb(ct, t.utcb);
    if ((flags & 0x01000000) !== 0 && ctidPtr !== 0) {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setInt32(0, pid, true);
      this.vm.writeUser(space, ctidPtr, b);
    }
    yield* this.flush();
    childRegs[0] = 0;
    yield* this.writeRegs(tid, 0xffff, childRegs);
    const m = this.self.memory;
    m[IDS_OFF / 4] = tid;
    yield syscall(Syscall.ThreadControl, ThreadAction.Run, IDS_OFF);
    this.trace(`[${parent.pid}] fork -> ${pid}`);
    return pid;
  }

  /**
   * clone with CLONE_VM: a new thread in `t`'s space and process, resuming at `childRegs`
   * with r0 = 0 (CLONE_SETTLS, CLONE_CHILD_SETTID and CLONE_CHILD_CLEARTID honoured).
   */
  *cloneThread(t: LThread, childRegs: Int32Array, flags: number, ctidPtr: number, tls: number): Step<number> {
    const p = t.proc;
    if (this.threads.size >= this.cfg.maxProcesses * 8) return -11;
    const ltid = this.newPid();
    if (ltid < 0) return -11;
    const m = this.self.memory;
    m[IDS_OFF / 4] = 0;
    m[IDS_OFF / 4 + 1] = p.space;
    m[IDS_OFF / 4 + 2] = p.ktgid;
    const r = yield syscall(Syscall.ThreadControl, ThreadAction.Create | ThreadFlags.ShareSpace | ThreadFlags.ShareGroup, IDS_OFF);
    if (r < 0) return -11;
    const tid = m[IDS_OFF / 4]!;
    const ct = childThread(t, tid, ltid, p, flags, ctidPtr, tls);
    this.threads.set(tid, ct);
    p.threads.add(tid);
    const u = yield* this.giveUtcb(ct);
    if (u < 0) {
      p.threads.delete(tid);
      this.threads.delete(tid);
      yield* this.destroyThread(tid);
      return -11;
    }
    if ((flags & 0x01000000) !== 0 && ctidPtr !== 0) {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setInt32(0, ltid, true);
      this.vm.writeUser(p.space, ctidPtr, b);
    }
    yield* this.flush();
    childRegs[0] = 0;
    // The new thread resumes with the caller's registers and condition flags, as on Linux.
    yield* this.writeRegs(tid, 0xffff | Exregs.CpsrValid, childRegs);
    m[IDS_OFF / 4] = tid;
    yield syscall(Syscall.ThreadControl, ThreadAction.Run, IDS_OFF);
    this.trace(`[${p.pid}] clone thread -> ${ltid}`);
    return ltid;
  }

  /** execve for `t` with an image already read; replaces the process image. */
  *execve(t: LThread, image: { bytes: Uint8Array; node: Vnode }, path: string, argv: readonly string[], envp: readonly string[]): Step<number> {
    const p = t.proc;
    // A process sharing its space (vfork, clone(CLONE_VM)) moves to a new space and a new
    // kernel thread; the old space stays with the others.
    const oldTid = t.tid;
    const created = spaceShared(this, p) ? yield* this.createThread() : null;
    if (typeof created === 'number') return -12;
    if (created !== null) yield* leaveSharedSpace(this, p);
    // Other threads of the group go.
    for (const other of [...p.threads]) {
      if (other === t.tid) continue;
      p.threads.delete(other);
      this.threads.delete(other);
      this.parked.delete(other);
      yield* this.destroyThread(other);
    }
    if (created === null) {
      this.spaceTid.set(p.space, t.tid);
      this.vm.exit(p.space);
      this.unpinAll(p);
      yield* this.flush();
      this.vm.createSpace(p.space);
    } else {
      moveToSpace(this, t, created[0], created[1]);
      this.unpinAll(p);
    }
    p.fs.exec();
    p.name = basename(path);
    resetOnExec(t);
    t.tls = 0;
    t.clearTid = 0;
    const r = yield* this.exec(t.tid, p.space, image, argv, envp, path);
    if (r < 0) {
      if (created !== null) yield* this.destroyThread(oldTid);
      yield* this.killThreadProc(t.tid, SIGSEGV, `execve of ${path} failed after the old image was released (error ${r})`);
      return NO_REPLY;
    }
    yield* releaseVfork(this, p);
    if (created === null) return 0; // the new registers are in place; r0 = 0 at entry
    // The new thread starts at the entry point; the old one (waiting on this call) goes.
    yield* this.runThread(t.tid);
    yield* this.destroyThread(oldTid);
    return NO_REPLY;
  }
}

/** Tags only the kernel sends (on behalf of a faulting or notified thread). */
function isKernelTag(tag: number): boolean {
  return tag === IpcTag.PageFault || tag === IpcTag.SwiException || tag === IpcTag.UndefFault || tag === IpcTag.Notify;
}

/** Lowercase hex of an unsigned word. */
export function hex(v: number): string {
  return (v >>> 0).toString(16).padStart(8, '0');
}

/** Whether wait4's `pid` argument selects `child` of `parent`. */
function waitSelects(parent: Proc, child: Proc, pid: number): boolean {
  return pid === -1 || pid === child.pid || (pid === 0 && child.pgid === parent.pgid) || (pid < -1 && child.pgid === -pid);
}

function basename(path: string): string {
  const parts = path.split('/').filter((s) => s !== '');
  return parts[parts.length - 1] ?? path;
}
