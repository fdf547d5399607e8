import type { TtyAccess } from '@codezero-ts/vfs';
import { TIOCSCTTY, Tty, ttyIoctlChanges } from '@codezero-ts/vfs';
import type { Mm0, Step, SysResult } from './mm0.js';
import { NO_REPLY } from './mm0.js';
import type { LThread } from './process.js';
import { SA_RESTART, actionOf, deliverSignals, makeSiginfo, postSignal } from './signals.js';

const EPERM = 1;
const EINTR = 4;
const EIO = 5;
const SIGTTIN = 21;
const SIG_IGN = 1;
const SI_KERNEL = 0x80;
const CPSR_T = 0x20;

/** The terminal behind descriptor `fd` of `t`'s process, or null when it is not one. */
function ttyOf(t: LThread, fd: number): Tty | null {
  const d = t.proc.fs.fileOf(fd)?.device;
  return d instanceof Tty ? d : null;
}

/**
 * Linux's orphaned process group: no member has a parent (other than init) in another
 * group of the same session, so nobody is left to continue it after a job-control stop.
 */
export function orphanedGroup(sys: Mm0, pgid: number): boolean {
  for (const q of sys.procs.values()) {
    if (q.zombie || q.pgid !== pgid) continue;
    const parent = sys.procs.get(q.ppid);
    if (parent === undefined || parent.zombie || parent.pid === sys.initPid) continue;
    if (parent.pgid !== pgid && parent.sid === q.sid) return false;
  }
  return true;
}

/**
 * Terminal job control before `t` reads, writes or changes (`access`) descriptor `fd`:
 * null when the call may go on (not a terminal, the foreground group, another session, or
 * SIGTTOU ignored or blocked); −EIO for an orphaned group or an ignored or blocked SIGTTIN;
 * otherwise the caller's whole group gets SIGTTIN or SIGTTOU and the call is restarted
 * after the stop (or after a handler installed with SA_RESTART; without it −EINTR).
 */
export function jobControl(sys: Mm0, t: LThread, fd: number, access: TtyAccess): SysResult | null {
  const tty = ttyOf(t, fd);
  if (tty === null) return null;
  const p = t.proc;
  const sig = tty.jobControl(access, p.pgid, p.sid);
  if (sig === 0) return null;
  const blocked = ((t.sigmask[0]! >>> (sig - 1)) & 1) !== 0;
  if (blocked || actionOf(p, sig).handler === SIG_IGN) return sig === SIGTTIN ? -EIO : null;
  if (orphanedGroup(sys, p.pgid)) return -EIO;
  return signalGroupAndRestart(sys, t, sig);
}

function* signalGroupAndRestart(sys: Mm0, t: LThread, sig: number): Step<number> {
  const group = t.proc.pgid;
  for (const q of [...sys.procs.values()]) {
    if (!q.zombie && q.pgid === group) yield* postSignal(sys, q, sig, makeSiginfo(sig, SI_KERNEL));
  }
  if (t.proc.zombie || !sys.threads.has(t.tid)) return NO_REPLY;
  yield* sys.flush();
  yield* sys.readRegs(t.tid);
  const r = sys.regs;
  const act = actionOf(t.proc, sig);
  // -ERESTARTSYS: run the call again after a stop (or an SA_RESTART handler); its arguments
  // are still in the saved registers, which mm0 has not written.
  if (act.handler > SIG_IGN && (act.flags & SA_RESTART) === 0) r[0] = -EINTR;
  else r[15] = (r[15]! - ((r[16]! & CPSR_T) !== 0 ? 2 : 4)) | 0;
  yield* deliverSignals(sys, t);
  return NO_REPLY;
}

/**
 * TIOCSCTTY on descriptor `fd`: a session leader makes the terminal its controlling
 * terminal (its group becomes the foreground group). Refused (−EPERM) to a process that
 * does not lead its session, or when the terminal controls another session and `steal`
 * (the argument 1) is not asked. Returns null for descriptors that are not terminals.
 */
export function setControllingTty(t: LThread, fd: number, steal: boolean): number | null {
  const tty = ttyOf(t, fd);
  if (tty === null) return null;
  const p = t.proc;
  if (p.pid !== p.sid) return -EPERM;
  if (tty.session !== 0 && tty.session !== p.sid && !steal) return -EPERM;
  tty.session = p.sid;
  tty.foregroundPgrp = p.pgid;
  return 0;
}

/**
 * Job control of a terminal ioctl: TIOCSCTTY ({@link setControllingTty}) and the requests
 * that change the terminal ({@link jobControl} with `change`). Null: go on as usual.
 */
export function jobControlIoctl(sys: Mm0, t: LThread, fd: number, request: number, arg: number): SysResult | null {
  if (request === TIOCSCTTY) return setControllingTty(t, fd, arg === 1);
  return ttyIoctlChanges(request) ? jobControl(sys, t, fd, 'change') : null;
}
