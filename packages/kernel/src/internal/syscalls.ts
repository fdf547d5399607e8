import type { MapAttributes } from '@codezero-ts/mmu';
import { CacheOp, CapType, Errno, Exregs, IrqRequest, KernelLayout, MapFlags, MutexOp, ThreadAction, ThreadIds, Utcb } from '../api.js';
import type { Core } from './core.js';
import { BLOCKED, FAULTED } from './core.js';
import { sysCapabilityControl } from './capabilities.js';
import { sysIpc } from './ipc.js';
import { sysThreadControl } from './thread-control.js';
import type { Thread } from './thread.js';
import { Block, CTX_CPSR, NIL } from './thread.js';

/** A system call handler: r0's new value, {@link BLOCKED} or {@link FAULTED}. */
export type SyscallHandler = (core: Core, t: Thread) => number;

const PAGE = 4096;
const USER_PAGES = KernelLayout.KernelBase / PAGE;

/** A yield that also gives up the rest of the slice (see {@link sysThreadSwitch}). */
const FORFEIT = { forfeit: true } as const;

/**
 * thread_switch: yield. A server thread also forfeits the rest of its slice. ARM threads keep
 * theirs, as in Codezero, because their time is charged by timer ticks; a server's steps cost
 * no guest time, so a server that yields in a loop would never use its slice up, and a
 * thread waiting on the expired queue would never run again.
 */
function sysThreadSwitch(core: Core, t: Thread): number {
  core.sched.yield(t.isServer ? FORFEIT : undefined);
  return 0;
}

function sysSchedule(): number {
  return 0;
}

function sysNoSys(): number {
  return -Errno.ENOSYS;
}

function sysContainerControl(): number {
  return 0;
}

/** The thread `tid` names for map/unmap/exregs: the caller itself or one it pages. */
function managed(core: Core, t: Thread, tid: number): Thread | number {
  const target = tid === t.tid ? t : core.lookup(tid);
  if (target === undefined) return -Errno.ESRCH;
  if (target !== t && target.pager !== t.tid) return -Errno.EPERM;
  return target;
}

function attributesFor(flags: number): MapAttributes | undefined {
  switch (flags) {
    case MapFlags.UserRw:
    case MapFlags.UserRwx:
      return { user: 'rw' };
    case MapFlags.UserRo:
    case MapFlags.UserRx:
      return { user: 'ro' };
    case MapFlags.UserIo:
      return { user: 'rw', cacheable: false, bufferable: false };
    default:
      return undefined;
  }
}

function sysMap(core: Core, t: Thread): number {
  const c = t.ctx;
  const phys = c[0]! >>> 0;
  const virt = c[1]! >>> 0;
  const npages = c[2]! >>> 0;
  const attrs = attributesFor(c[3]! >>> 0);
  if (attrs === undefined) return -Errno.EINVAL;
  if (npages === 0 || phys === 0 || virt === 0) return -Errno.EINVAL;
  if ((phys | virt) % PAGE !== 0 || npages > 0x100000) return -Errno.EINVAL;
  const pFirst = phys / PAGE;
  const vFirst = virt / PAGE;
  if (pFirst + npages > 0x100000 || vFirst + npages > 0x100000) return -Errno.EINVAL;
  const target = managed(core, t, c[4]! >>> 0);
  if (typeof target === 'number') return target;
  if (!core.hasCap(t, CapType.PhysMem, pFirst, pFirst + npages)) return -Errno.ENOCAP;
  if (!core.hasCap(t, CapType.VirtMem, vFirst, vFirst + npages) || vFirst + npages > USER_PAGES) return -Errno.ENOCAP;
  try {
    core.builder.map(target.space.tables, virt, phys, npages, attrs);
  } catch {
    return -Errno.ENOMEM;
  }
  core.mappingsChanged(target.space);
  return 0;
}

function sysUnmap(core: Core, t: Thread): number {
  const c = t.ctx;
  const virt = c[0]! >>> 0;
  const npages = c[1]! >>> 0;
  if (npages === 0 || virt % PAGE !== 0 || virt / PAGE + npages > USER_PAGES) return -Errno.EINVAL;
  const target = managed(core, t, c[2]! >>> 0);
  if (typeof target === 'number') return target;
  if (!core.hasCap(t, CapType.VirtMem, virt / PAGE, virt / PAGE + npages)) return -Errno.ENOCAP;
  const missing = core.builder.unmap(target.space.tables, virt, npages);
  core.mappingsChanged(target.space);
  return missing.length > 0 ? -Errno.ENOMAP : 0;
}

function sysGetId(core: Core, t: Thread): number {
  const p = t.ctx[0]! >>> 0;
  if (!core.writeWord(t, p, t.tid) || !core.writeWord(t, p + 4, t.space.id) || !core.writeWord(t, p + 8, t.tgid)) return FAULTED;
  return 0;
}

function sysTime(core: Core, t: Thread): number {
  const p = t.ctx[0]! >>> 0;
  if ((t.ctx[1]! | 0) !== 0) return -Errno.ENOSYS;
  const us = Math.floor(core.platform.clock.now() / 1000);
  if (!core.writeWord(t, p, Math.floor(us / 1e6)) || !core.writeWord(t, p + 4, us % 1e6)) return FAULTED;
  return 0;
}

function sysCacheControl(core: Core, t: Thread): number {
  const op = t.ctx[2]! >>> 0;
  if (op < CacheOp.InvalidateICache || op > CacheOp.InvalidateTlb) return -Errno.EINVAL;
  if (op === CacheOp.InvalidateTlb) core.cpu.flushTlb();
  return 0;
}

/** The exchange_registers block being handled (calls do not nest, so one buffer serves all). */
const exregsWords = new Float64Array(Exregs.SizeWithCpsr / 4);

function sysExchangeRegisters(core: Core, t: Thread): number {
  const p = t.ctx[0]! >>> 0;
  const tid = t.ctx[1]! >>> 0;
  core.clearFault();
  const words = exregsWords;
  for (let i = 0; i < Exregs.Size / 4; i++) words[i] = core.readWord(t, p + i * 4);
  const valid = words[Exregs.ValidVector]! >>> 0;
  const flags = words[Exregs.Flags]! >>> 0;
  const cpsr = (valid & Exregs.CpsrValid) !== 0;
  // The CPSR word is part of the block only when its valid bit says so.
  words[Exregs.Cpsr] = cpsr && (flags & Exregs.Read) === 0 ? core.readWord(t, p + Exregs.Cpsr * 4) : 0;
  if (core.hasFault()) return FAULTED;
  const target = tid === t.tid ? t : core.lookup(tid);
  if (target === undefined) return -Errno.ESRCH;
  // The original's thread-control lock: while another thread's SUSPEND of the target is
  // still waiting for it to stop, its context is about to change hands: try again later.
  if (suspendPending(core, t, target)) return -Errno.EAGAIN;
  if ((flags & Exregs.Notify) !== 0 && (target.pager !== t.tid || target.isServer)) return -Errno.EPERM;
  if (target !== t && target.pager !== t.tid) {
    if (core.sched.stateOf(target.tid) !== 0) return -Errno.EACTIVE;
    if (!core.hasCap(t, CapType.ThreadControl, target.tid, target.tid + 1)) return -Errno.ENOCAP;
  }
  const ctx = target.kernelMessage !== null ? target.kernelMessage.saved : target.ctx;
  if ((flags & Exregs.Read) !== 0) {
    for (let i = 0; i < Exregs.ContextWords; i++) {
      if ((valid & (1 << i)) !== 0 && !core.writeWord(t, p + i * 4, ctx[i]!)) return FAULTED;
    }
    if (cpsr && !core.writeWord(t, p + Exregs.Cpsr * 4, ctx[CTX_CPSR]!)) return FAULTED;
    if ((flags & Exregs.SetPager) !== 0 && !core.writeWord(t, p + Exregs.Pager * 4, target.pager)) return FAULTED;
    if ((flags & Exregs.SetUtcb) !== 0 && !core.writeWord(t, p + Exregs.UtcbAddress * 4, target.utcbAddress)) return FAULTED;
  } else {
    for (let i = 0; i < Exregs.ContextWords; i++) if ((valid & (1 << i)) !== 0) ctx[i] = words[i]!;
    if (cpsr) ctx[CTX_CPSR] = ((ctx[CTX_CPSR]! & ~Exregs.CpsrUserBits) | (words[Exregs.Cpsr]! & Exregs.CpsrUserBits)) | 0;
    if ((flags & Exregs.SetPager) !== 0) target.pager = words[Exregs.Pager]! >>> 0;
    if ((flags & Exregs.SetUtcb) !== 0) target.utcbAddress = words[Exregs.UtcbAddress]! >>> 0;
  }
  // A thread already talking to its pager needs no notification.
  if ((flags & Exregs.Notify) !== 0 && target.kernelMessage === null) target.notifyPager = true;
  return 0;
}

/** Whether a thread other than `t` is blocked in a thread_control SUSPEND of `target`. */
function suspendPending(core: Core, t: Thread, target: Thread): boolean {
  // indexed, not for-of: every exchange_registers scans the thread table
  const threads = core.threads;
  for (let i = 0; i < threads.length; i++) {
    const w = threads[i];
    if (w !== undefined && w !== t && !w.dead && w.block === Block.WaitInactive && w.waitKey === target.tid && w.waitAction === ThreadAction.Suspend) return true;
  }
  return false;
}

function sysMutexControl(core: Core, t: Thread): number {
  const addr = t.ctx[0]! >>> 0;
  const op = (t.ctx[1]! & MutexOp.OpMask) >>> 0;
  if (op !== MutexOp.Lock && op !== MutexOp.Unlock) return -Errno.EINVAL;
  if ((addr & 3) !== 0) return -Errno.EINVAL;
  core.clearFault();
  const pa = t.isServer ? -1 - addr : core.userPa(t, addr, false);
  if (core.hasFault()) return FAULTED;
  let m = core.mutexes.get(pa);
  if (m === undefined) {
    if (t.quota.mutexes <= 0) return -Errno.ENOCAP;
    t.quota.mutexes--;
    m = core.newMutex(t.quota);
    core.mutexes.set(pa, m);
  }
  if (op === MutexOp.Lock) {
    if (m.credits > 0) {
      m.credits--;
      if (m.credits === 0 && m.waiters.length === 0) core.dropMutex(pa, m);
      return 0;
    }
    m.waiters.push(t);
    t.block = Block.Mutex;
    t.waitKey = pa;
    return core.sleep(t);
  }
  // The unlocker reports how many contenders incremented the lock word (at least one):
  // wake that many sleepers (each retries its user-space lock) and leave a credit for each
  // contender that has not reached the kernel yet.
  const contenders = Math.max(1, t.ctx[1]! & ~MutexOp.OpMask);
  const woken = Math.min(contenders, m.waiters.length);
  m.credits += contenders - woken; // first, so the queue outlives the last wakeup
  for (let i = 0; i < woken; i++) core.complete(m.waiters[0]!, 0);
  return 0;
}

function sysIrqControl(core: Core, t: Thread): number {
  const req = t.ctx[0]! >>> 0;
  const slot = t.ctx[1]! >>> 0;
  const irq = t.ctx[2]! >>> 0;
  if (slot >= 8) return -Errno.EINVAL;
  if (req === IrqRequest.Register || req === IrqRequest.Release) {
    if (irq >= core.irqOwners.length || irq === core.platform.timer.irq) return -Errno.EINVAL;
    if (!core.hasCap(t, CapType.Irq, irq, irq + 1)) return -Errno.ENOCAP;
    if (req === IrqRequest.Release) {
      if (core.irqOwners[irq]?.thread !== t) return -Errno.ENOIRQ;
      core.irqOwners[irq] = undefined;
      core.platform.interrupts.disable(irq);
      return 0;
    }
    core.clearFault();
    core.utcbRead(t, Utcb.Notify);
    if (core.hasFault()) return -Errno.ENOUTCB;
    if (core.irqOwners[irq] !== undefined) return -Errno.EBUSY;
    core.irqOwners[irq] = { thread: t, slot };
    core.platform.interrupts.enable(irq);
    return 0;
  }
  if (req !== IrqRequest.Wait) return -Errno.EINVAL;
  const n = takeNotify(core, t, slot);
  if (n < 0) return -Errno.ENOUTCB;
  for (let i = 0; i < core.irqOwners.length; i++) if (core.irqOwners[i]?.thread === t && core.irqOwners[i]?.slot === slot) core.platform.interrupts.enable(i);
  if (n > 0) return n;
  t.block = Block.IrqWait;
  t.waitKey = slot;
  return core.sleep(t);
}

/** Reads and clears a thread's notify byte; -1 when its UTCB is not mapped. */
export function takeNotify(core: Core, t: Thread, slot: number): number {
  core.clearFault();
  const w = Utcb.Notify + (slot >>> 2);
  const word = core.utcbRead(t, w);
  if (core.hasFault()) return -1;
  const sh = (slot & 3) * 8;
  const n = (word >>> sh) & 0xff;
  if (n !== 0) core.utcbWrite(t, w, word & ~(0xff << sh));
  return n;
}

/** Adds one to a thread's notify byte (saturating at 255). */
export function addNotify(core: Core, t: Thread, slot: number): void {
  core.clearFault();
  const w = Utcb.Notify + (slot >>> 2);
  const word = core.utcbRead(t, w);
  if (core.hasFault()) return;
  const sh = (slot & 3) * 8;
  const n = Math.min(255, ((word >>> sh) & 0xff) + 1);
  core.utcbWrite(t, w, (word & ~(0xff << sh)) | (n << sh));
}

/** The handlers in syscall-page order. */
export const SYSCALLS: readonly SyscallHandler[] = [
  sysIpc,
  sysThreadSwitch,
  sysThreadControl,
  sysExchangeRegisters,
  sysSchedule,
  sysUnmap,
  sysIrqControl,
  sysNoSys,
  sysMap,
  sysGetId,
  sysCapabilityControl,
  sysContainerControl,
  sysTime,
  sysMutexControl,
  sysCacheControl,
];

/** Whether `tid` is neither NIL nor ANY. */
export function isThreadId(tid: number): boolean {
  return tid !== NIL && tid !== ThreadIds.Any;
}

export { BLOCKED, FAULTED };
