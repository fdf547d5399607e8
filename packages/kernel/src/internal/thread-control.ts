import { Errno, ThreadAction, ThreadFlags } from '../api.js';
import type { Core } from './core.js';
import { BLOCKED, FAULTED } from './core.js';
import type { Space } from './space.js';
import type { CapList, Thread } from './thread.js';
import { Block, CTX_CPSR } from './thread.js';

/** thread_control(action, ids) for the current thread `t`. */
export function sysThreadControl(core: Core, t: Thread): number {
  const action = t.ctx[0]! >>> 0;
  const idsPtr = t.ctx[1]! >>> 0;
  core.clearFault();
  const tid = core.readWord(t, idsPtr);
  const spid = core.readWord(t, idsPtr + 4);
  const tgid = core.readWord(t, idsPtr + 8);
  if (core.hasFault()) return FAULTED;
  switch ((action & ThreadAction.Mask) >>> 0) {
    case ThreadAction.Create:
      return create(core, t, action, idsPtr, spid, tgid);
    case ThreadAction.Destroy:
      return destroy(core, t, action, tid);
    default:
      break;
  }
  const target = core.lookup(tid);
  const zombie = target === undefined ? core.threads[tid] : undefined;
  const act = (action & ThreadAction.Mask) >>> 0;
  if (target === undefined && !(act === ThreadAction.Wait && zombie !== undefined)) return -Errno.ESRCH;
  const tg = target ?? zombie!;
  if (tg.pager !== t.tid) return -Errno.EPERM;
  switch (act) {
    case ThreadAction.Run:
      core.sched.resume(tg.tid);
      return 0;
    case ThreadAction.Suspend:
      if (core.sched.suspend(tg.tid)) return 0;
      return waitFor(core, t, tg, ThreadAction.Suspend);
    case ThreadAction.Recycle:
      if (!core.sched.suspend(tg.tid)) return -Errno.EBUSY;
      tg.ctx.fill(0);
      tg.ctx[CTX_CPSR] = 0x10;
      return 0;
    case ThreadAction.Wait:
      if (tg.dead) return reapCode(core, tg);
      return waitFor(core, t, tg, ThreadAction.Wait);
    default:
      return -Errno.EINVAL;
  }
}

function reapCode(core: Core, tg: Thread): number {
  const code = tg.exitCode;
  core.reapThread(tg);
  return code;
}

function waitFor(core: Core, t: Thread, tg: Thread, act: number): number {
  t.block = Block.WaitInactive;
  t.waitKey = tg.tid;
  t.waitAction = act;
  const outcome = core.sched.waitInactive(tg.tid);
  if (outcome === 'sleeping') return BLOCKED;
  t.block = Block.None;
  return finishWait(core, t, outcome === 'interrupted');
}

/** Result of a SUSPEND or WAIT once the waiter runs again. */
export function finishWait(core: Core, t: Thread, interrupted: boolean): number {
  t.block = Block.None;
  if (interrupted) return -Errno.EINTR;
  const tg = core.threads[t.waitKey];
  if (tg === undefined) return -Errno.ESRCH;
  if (t.waitAction === ThreadAction.Wait) return tg.dead ? reapCode(core, tg) : 0;
  return 0;
}

function destroy(core: Core, t: Thread, action: number, tid: number): number {
  const target = core.lookup(tid);
  if (target === undefined) return -Errno.ESRCH;
  const code = action & ThreadFlags.ExitCodeMask;
  if (target === t) {
    t.exitCode = code;
    const pager = core.lookup(t.pager);
    core.destroyThread(t, pager === undefined);
    return BLOCKED;
  }
  if (target.pager !== t.tid) return -Errno.EPERM;
  target.exitCode = code;
  core.destroyThread(target, true);
  return 0;
}

function create(core: Core, t: Thread, action: number, idsPtr: number, spid: number, tgid: number): number {
  const kind = action & ThreadFlags.SpaceMask;
  if (kind !== ThreadFlags.ShareSpace && kind !== ThreadFlags.CopySpace && kind !== ThreadFlags.NewSpace) return -Errno.EINVAL;
  if ((action & (ThreadFlags.ShareUtcb | ThreadFlags.ShareGroup)) !== 0 && kind !== ThreadFlags.ShareSpace) return -Errno.EINVAL;
  if ((action & ~(ThreadAction.Mask | ThreadFlags.SpaceMask | ThreadFlags.ShareCaps | ThreadFlags.ShareUtcb | ThreadFlags.ShareGroup)) !== 0) return -Errno.EINVAL;
  let space: Space | undefined;
  let fresh = false;
  if (kind === ThreadFlags.ShareSpace) {
    space = core.spaces.get(spid);
    if (space === undefined) return -Errno.ESRCH;
  } else if (kind === ThreadFlags.NewSpace) {
    space = core.newSpace();
    fresh = true;
  } else {
    space = core.forkSpace(t.space);
    fresh = true;
  }
  if (space === undefined) return -Errno.ENOMEM;
  if (fresh && !core.chargeSpace(space, t.quota)) {
    core.dropSpace(space);
    return -Errno.ENOCAP;
  }
  if (t.quota.threads <= 0) {
    if (fresh) core.dropSpace(space);
    return -Errno.ENOCAP;
  }
  // Check the ids buffer is writable before anything is created.
  if (!core.writeWord(t, idsPtr, 0)) {
    if (fresh) core.dropSpace(space);
    return FAULTED;
  }
  const caps: CapList = (action & ThreadFlags.ShareCaps) !== 0 ? t.caps : { caps: t.caps.caps.slice() };
  const child = core.createThread(undefined, space, caps, t.quota, core.sched.priorityOf(t.tid), false, kind === ThreadFlags.CopySpace ? t : undefined);
  if (child === undefined) {
    if (fresh) core.dropSpace(space);
    return -Errno.ENOMEM;
  }
  child.pager = t.tid;
  if ((action & ThreadFlags.ShareGroup) !== 0) child.tgid = core.lookup(tgid) !== undefined ? tgid : t.tgid;
  if ((action & ThreadFlags.ShareUtcb) !== 0) child.utcbAddress = t.utcbAddress;
  if (kind === ThreadFlags.CopySpace) {
    child.ctx.set(t.ctx);
    child.utcbAddress = t.utcbAddress;
  }
  core.writeWord(t, idsPtr, child.tid);
  core.writeWord(t, idsPtr + 4, space.id);
  core.writeWord(t, idsPtr + 8, child.tgid);
  return 0;
}
