import { Exregs } from '@codezero-ts/kernel';
import type { Mm0, Step } from './mm0.js';
import { NO_REPLY } from './mm0.js';
import type { LThread, Proc } from './process.js';
import { childProcess, childThread } from './process.js';
import { inheritSignals } from './signals.js';

/** clone flags this file reads. */
export const CloneFlag = {
  Vm: 0x100,
  Vfork: 0x4000,
  Parent: 0x8000,
  Thread: 0x10000,
  SetTls: 0x80000,
  ParentSetTid: 0x100000,
  ChildClearTid: 0x200000,
  ChildSetTid: 0x1000000,
} as const;

const EAGAIN = 11;
const EINVAL = 22;

/** True when a live process other than `proc` uses `proc`'s space. */
export function spaceShared(sys: Mm0, proc: Proc): boolean {
  for (const q of sys.procs.values()) if (q !== proc && !q.zombie && q.space === proc.space) return true;
  return false;
}

/**
 * `proc` leaves a space other processes keep (it exits or execs): its threads' UTCB pages
 * go, and page-table work for the space is done through another process's thread.
 */
export function* leaveSharedSpace(sys: Mm0, proc: Proc): Step<void> {
  for (const q of sys.procs.values()) {
    if (q === proc || q.zombie || q.space !== proc.space) continue;
    const [tid] = q.threads;
    if (tid !== undefined) {
      sys.spaceTid.set(proc.space, tid);
      break;
    }
  }
  for (const tid of proc.threads) {
    const t = sys.threads.get(tid);
    if (t !== undefined) sys.dropUtcb(t);
  }
  yield* sys.flush();
}

/** Moves `t` (the only thread left of its process) to new kernel thread `tid` in new space `space`. */
export function moveToSpace(sys: Mm0, t: LThread, tid: number, space: number): void {
  const p = t.proc;
  sys.threads.delete(t.tid);
  p.threads.delete(t.tid);
  t.tid = tid;
  t.utcb = 0;
  sys.threads.set(tid, t);
  p.threads.add(tid);
  p.space = space;
  p.ktgid = tid;
  p.utcbSlots = new Set();
  sys.spaceTid.set(space, tid);
  sys.mapper.addSpace(space);
  sys.vm.createSpace(space);
}

/** The vfork child `child` has exec'd or exited: its suspended parent returns with the child's pid. */
export function* releaseVfork(sys: Mm0, child: Proc): Step<void> {
  const w = child.vforkParent;
  if (w === null) return;
  child.vforkParent = null;
  if (sys.threads.get(w.tid) !== w) return;
  sys.trace(`[${String(w.proc.pid)}] vfork child ${String(child.pid)} released its parent`);
  yield* sys.reply(w.tid, child.pid);
}

/**
 * clone with CLONE_VM but not CLONE_THREAD (vfork is CLONE_VM | CLONE_VFORK): a new process
 * whose thread runs in `t`'s space, so memory writes are shared until it execs (then it gets
 * a space of its own) or exits. Descriptors are copied, as without CLONE_FILES. With
 * CLONE_VFORK the caller gets no reply until the child execs or exits ({@link releaseVfork}).
 * Returns the child's pid, an errno, or {@link NO_REPLY}.
 */
export function* cloneSharedVm(sys: Mm0, t: LThread, regs: Int32Array, flags: number, ptidPtr: number, ctidPtr: number, tls: number): Step<number> {
  if (sys.liveProcesses() >= sys.maxProcesses) return -EAGAIN;
  const parent = t.proc;
  const owner = (flags & CloneFlag.Parent) !== 0 ? sys.procs.get(parent.ppid) : parent;
  if (owner === undefined) return -EINVAL;
  const pid = sys.newPid();
  if (pid < 0) return -EAGAIN;
  const created = yield* sys.createThread(parent.space);
  if (typeof created === 'number') return -EAGAIN;
  const [tid] = created;
  const child = childProcess(parent, owner.pid, pid, tid, parent.space, parent.utcbSlots);
  const ct = childThread(t, tid, pid, child, flags, ctidPtr, tls);
  sys.procs.set(pid, child);
  sys.threads.set(tid, ct);
  sys.copyPins(parent, child);
  const u = yield* sys.giveUtcb(ct);
  if (u < 0) {
    sys.procs.delete(pid);
    sys.threads.delete(tid);
    sys.unpinAll(child);
    child.fs.exit();
    yield* sys.destroyThread(tid);
    return -EAGAIN;
  }
  inheritSignals(t, ct);
  owner.children.add(pid);
  const word = new Uint8Array(4);
  new DataView(word.buffer).setInt32(0, pid, true);
  if ((flags & CloneFlag.ChildSetTid) !== 0 && ctidPtr !== 0) sys.vm.writeUser(parent.space, ctidPtr, word);
  if ((flags & CloneFlag.ParentSetTid) !== 0 && ptidPtr !== 0) sys.vm.writeUser(parent.space, ptidPtr, word);
  yield* sys.flush();
  regs[0] = 0;
  yield* sys.writeRegs(tid, 0xffff | Exregs.CpsrValid, regs); // with the caller's flags, as on Linux
  const vfork = (flags & CloneFlag.Vfork) !== 0;
  if (vfork) child.vforkParent = t;
  yield* sys.runThread(tid);
  sys.trace(`[${String(parent.pid)}] ${vfork ? 'vfork' : 'clone vm'} -> ${String(pid)}`);
  return vfork ? NO_REPLY : pid;
}
