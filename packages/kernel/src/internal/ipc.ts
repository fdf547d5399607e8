import { CapType, Errno, IPC_EXTENDED_MAX, IpcFlags, MR_PRIMARY, MR_TOTAL, ThreadIds, Utcb } from '../api.js';
import type { Core } from './core.js';
import { BLOCKED, FAULTED } from './core.js';
import { reportIpc } from './ipc-observer.js';
import type { Thread } from './thread.js';
import { Block, CTX_PC, NIL } from './thread.js';

const ANY = ThreadIds.Any;

/** Reads message register `i` of a thread in IPC (MR0..5 in r3..r8, the rest in its UTCB). */
function readMr(core: Core, t: Thread, i: number): number {
  return i < MR_PRIMARY ? t.ctx[3 + i]! >>> 0 : core.utcbRead(t, Utcb.MrRest + i - MR_PRIMARY) >>> 0;
}

/** Copies the extended buffer; 0 or a negative error. */
function copyExtended(core: Core, from: Thread, to: Thread): number {
  const sf = from.ipcFlags;
  const rf = to.ipcFlags;
  const size = Math.min((sf >>> IpcFlags.ExtSizeShift) & 0xfff, (rf >>> IpcFlags.ExtSizeShift) & 0xfff);
  core.clearFault();
  const src = readMr(core, from, (sf >>> IpcFlags.ExtMrShift) & 0xff);
  const dst = readMr(core, to, (rf >>> IpcFlags.ExtMrShift) & 0xff);
  if (core.hasFault()) return -Errno.ENOUTCB;
  for (let off = 0; off < size; ) {
    const s = src + off;
    const d = dst + off;
    const sw = (s & 3) === 0 ? 4 : 1;
    const n = (d & 3) === 0 && sw === 4 && size - off >= 4 ? 4 : 1;
    if (n === 4) {
      const v = core.readWord(from, s);
      if (core.hasFault() || !core.writeWord(to, d, v)) return -Errno.EFAULT;
    } else {
      const v = (core.readWord(from, s & ~3) >>> ((s & 3) * 8)) & 0xff;
      if (core.hasFault()) return -Errno.EFAULT;
      const old = core.readWord(to, d & ~3);
      const sh = (d & 3) * 8;
      if (core.hasFault() || !core.writeWord(to, d & ~3, (old & ~(0xff << sh)) | (v << sh))) return -Errno.EFAULT;
    }
    off += n;
  }
  return 0;
}

/**
 * Moves a message from `from` (sender) to `to` (receiver): the six primary MRs always, the
 * UTCB MRs when either side asked for a full transfer, the buffer for extended↔extended.
 * Returns 0 or a negative error for the receiver.
 */
function transfer(core: Core, from: Thread, to: Thread): number {
  const sc = from.ctx;
  const rc = to.ctx;
  const st = from.ipcFlags & IpcFlags.TypeMask;
  const rt = to.ipcFlags & IpcFlags.TypeMask;
  if (st === IpcFlags.Extended || rt === IpcFlags.Extended) {
    // The buffer addresses are in the MRs: copy the buffer before the MRs are overwritten.
    const res = st === rt ? copyExtended(core, from, to) : -Errno.ENOIPC;
    for (let i = 3; i < 3 + MR_PRIMARY; i++) rc[i] = sc[i]!;
    return res;
  }
  for (let i = 3; i < 3 + MR_PRIMARY; i++) rc[i] = sc[i]!;
  if (st === IpcFlags.Full || rt === IpcFlags.Full) {
    core.clearFault();
    for (let w = Utcb.MrRest; w < Utcb.MrRest + MR_TOTAL - MR_PRIMARY; w++) {
      const v = core.utcbRead(from, w);
      if (core.hasFault() || !core.utcbWrite(to, w, v)) return -Errno.ENOUTCB;
    }
  }
  return 0;
}

/** Whether both sides use extended transfers, so the copy touches both buffers. */
function bothExtended(a: Thread, b: Thread): boolean {
  return (a.ipcFlags & IpcFlags.TypeMask) === IpcFlags.Extended && (b.ipcFlags & IpcFlags.TypeMask) === IpcFlags.Extended;
}

/**
 * Whether every page of a sleeping ARM thread's extended buffer is still accessible (its
 * pager may have unmapped one after the thread faulted it in and went to sleep).
 */
function bufferReady(core: Core, t: Thread, write: boolean): boolean {
  const ready = prefaultBuffer(core, t, t.ipcFlags, write) !== FAULTED;
  core.clearFault();
  return ready;
}

/**
 * Sends a sleeping IPC partner whose buffer lost a page back to its SWI: it runs its call
 * again (a receiver in the second half of a call only its receive), so the fault is taken
 * and served in its own context, and the rendezvous happens afresh.
 */
function restartIpc(core: Core, s: Thread): void {
  const receiving = s.block === Block.IpcRecv;
  core.cancelWait(s);
  if (receiving) s.ctx[0] = NIL;
  s.ctx[CTX_PC] = s.syscallPc;
  core.sched.wake(s.tid);
}

function send(core: Core, t: Thread, to: number): number {
  const r = core.lookup(to);
  if (r === undefined) return -Errno.ESRCH;
  if (!core.hasCap(t, CapType.Ipc, to, to + 1)) return -Errno.ENOCAP;
  const waiting = r.block === Block.IpcRecv && (r.ipcPartner === t.tid || r.ipcPartner === ANY);
  if (waiting && bothExtended(t, r) && !bufferReady(core, r, true)) {
    restartIpc(core, r); // and queue up below: the receiver finds us when it comes back
  } else if (waiting) {
    const res = transfer(core, t, r);
    if (r.ipcPartner === ANY) r.ctx[4] = t.tid;
    if (core.ipcObserver !== null) reportIpc(core, t, r, res);
    core.complete(r, res);
    return res === -Errno.ENOIPC ? 0 : res;
  }
  t.block = Block.IpcSend;
  t.ipcPartner = to;
  r.senders.push(t);
  return core.sleep(t);
}

function receive(core: Core, t: Thread, from: number): number {
  if (from !== ANY && core.lookup(from) === undefined) return -Errno.ESRCH;
  const list = t.senders;
  let i = 0;
  if (from !== ANY) while (i < list.length && list[i]!.tid !== from) i++;
  if (i < list.length && bothExtended(list[i]!, t) && !bufferReady(core, list[i]!, false)) {
    const s = list[i]!;
    restartIpc(core, s); // it leaves the queue and comes back once its buffer is mapped
    i = list.length;
  }
  if (i < list.length) {
    const s = list[i]!;
    if (i === 0) list.shift();
    else list.splice(i, 1);
    s.block = Block.None;
    const res = transfer(core, s, t);
    if (from === ANY) t.ctx[4] = s.tid;
    if (core.ipcObserver !== null) reportIpc(core, s, t, res);
    if (res >= 0 && s.ipcThenFrom !== NIL) {
      // A call: the sender now waits for the reply, still asleep.
      s.block = Block.IpcRecv;
      s.ipcPartner = s.ipcThenFrom;
      s.ipcThenFrom = NIL;
    } else {
      core.complete(s, res);
    }
    return res === -Errno.ENOIPC ? 0 : res;
  }
  t.block = Block.IpcRecv;
  t.ipcPartner = from;
  return core.sleep(t);
}

/**
 * Before an ARM thread takes part in an extended IPC, every page of its own buffer must be
 * accessible (writable when it receives): a missing page is a page fault the thread's pager
 * serves in the thread's own context, after which the call starts again. Returns 0 or
 * FAULTED (with the fault recorded in the core).
 */
function prefaultBuffer(core: Core, t: Thread, flags: number, write: boolean): number {
  const size = (flags >>> IpcFlags.ExtSizeShift) & 0xfff;
  if (t.isServer || size === 0) return 0;
  core.clearFault();
  const start = readMr(core, t, (flags >>> IpcFlags.ExtMrShift) & 0xff);
  if (core.hasFault()) return 0;
  for (let p = start; p < start + size; p = (p & ~0xfff) + 0x1000) {
    if (core.userPa(t, p >>> 0, write) < 0) return FAULTED;
  }
  return 0;
}

/** ipc(to, from, flags) for the current thread `t` (arguments in its r0..r2). */
export function sysIpc(core: Core, t: Thread): number {
  const ctx = t.ctx;
  const to = ctx[0]! >>> 0;
  const from = ctx[1]! >>> 0;
  const flags = ctx[2]! >>> 0;
  if (to === NIL && from === NIL) return -Errno.EINVAL;
  // Reply-and-wait (send to one thread, then receive from any) is for server threads only.
  const replyWait = to !== NIL && from === ANY && t.isServer;
  if (to !== NIL && from !== NIL && to !== from && !replyWait) return -Errno.ENOSYS;
  if (to === t.tid || from === t.tid || to === ANY) return -Errno.EINVAL;
  const type = flags & IpcFlags.TypeMask;
  if (type > IpcFlags.Extended) return -Errno.EINVAL;
  if (type === IpcFlags.Extended) {
    if (((flags >>> IpcFlags.ExtSizeShift) & 0xfff) > IPC_EXTENDED_MAX) return -Errno.EINVAL;
    if (((flags >>> IpcFlags.ExtMrShift) & 0xff) >= MR_TOTAL) return -Errno.EINVAL;
    if (prefaultBuffer(core, t, flags, from !== NIL) === FAULTED) return FAULTED;
  }
  t.ipcFlags = flags;
  if (to !== NIL) {
    t.ipcThenFrom = from;
    const r = send(core, t, to);
    if (r === BLOCKED) return BLOCKED;
    t.ipcThenFrom = NIL;
    // A reply-and-wait goes on to its receive even when the reply found no partner.
    if ((r < 0 && !replyWait) || from === NIL) return r;
  }
  return receive(core, t, from);
}
