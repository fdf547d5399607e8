import { Exregs, send, setMr } from '@codezero-ts/kernel';
import type { Mm0, Step } from './mm0.js';
import { NO_REPLY } from './mm0.js';
import type { LThread, Proc } from './process.js';
import { interruptTimedWait } from './timed-wait.js';

// Linux signal numbers and flags (ARM EABI; the generic values).
export const SIGILL = 4;
export const SIGBUS = 7;
export const SIGKILL = 9;
export const SIGSEGV = 11;
export const SIGCHLD = 17;
export const SIGSTOP = 19;
export const SIGCONT = 18;
export const SA_NOCLDSTOP = 1;
export const SA_NOCLDWAIT = 2;
export const SA_SIGINFO = 4;
export const SA_RESTORER = 0x04000000;
export const SA_ONSTACK = 0x08000000;
export const SA_RESTART = 0x10000000;
export const SA_NODEFER = 0x40000000;
export const SA_RESETHAND = 0x80000000;
const SIG_DFL = 0;
const SIG_IGN = 1;
const SS_ONSTACK = 1;
const SS_DISABLE = 2;
const SS_AUTODISARM = 0x80000000;
const MINSIGSTKSZ = 2048;
const EINTR = 4;
const EINVAL = 22;
const EFAULT = 14;
const EPERM = 1;
const ENOMEM = 12;
const NR_PAUSE = 29;
const NR_RT_SIGSUSPEND = 179;
/** exchange_registers valid bits of r0..r15 and the CPSR word. */
const ALL_REGS = 0xffff | Exregs.CpsrValid;
const CPSR_T = 0x20;

/** si_code values. */
export const SiCode = { User: 0, Tkill: -6, SegvMaperr: 1, SegvAccerr: 2, IllOpc: 1, BusAdraln: 1, CldExited: 1, CldKilled: 2, CldDumped: 3 } as const;

/**
 * The ARM Linux signal frame layout (arch/arm/include/asm/ucontext.h, sigcontext.h):
 * `struct rt_sigframe { siginfo info (128 bytes); struct sigframe { ucontext uc; u32 retcode[4] } }`
 * and the non-rt `struct sigframe` alone. Offsets are bytes.
 */
export const Frame = {
  SiginfoSize: 128,
  /** struct ucontext: uc_flags, uc_link, uc_stack (ss_sp, ss_flags, ss_size), uc_mcontext, uc_sigmask, padding, uc_regspace. */
  UcFlags: 0,
  UcLink: 4,
  UcStackSp: 8,
  UcStackFlags: 12,
  UcStackSize: 16,
  /** struct sigcontext: trap_no, error_code, oldmask, arm_r0..arm_r10, fp, ip, sp, lr, pc, cpsr, fault_address. */
  Mcontext: 20,
  TrapNo: 20,
  ErrorCode: 24,
  OldMask: 28,
  R0: 32,
  Cpsr: 96,
  FaultAddress: 100,
  Sigmask: 104,
  /** uc_regspace (VFP/iWMMXt save area, left zero: no coprocessor state), 8-byte aligned. */
  Regspace: 232,
  UcontextSize: 744,
  /** retcode[4] follows the ucontext. */
  Retcode: 744,
  /** The Thumb return sequence, in retcode[2]. */
  ThumbRetcode: 752,
  SigframeSize: 760,
  RtSigframeSize: 888,
  /** uc_flags of a non-rt frame (a value trap_no never has). */
  NonRtUcFlags: 0x5ac3c35a,
} as const;

/** Default action of a signal. */
export type DefaultAction = 'term' | 'core' | 'stop' | 'cont' | 'ign';

/** The default action of signal `sig` (1..64). */
export function defaultAction(sig: number): DefaultAction {
  switch (sig) {
    case 3: case 4: case 5: case 6: case 7: case 8: case 11: case 24: case 25: case 31:
      return 'core';
    case 17: case 23: case 28:
      return 'ign';
    case 18:
      return 'cont';
    case 19: case 20: case 21: case 22:
      return 'stop';
    default:
      return 'term';
  }
}

/** Linux wait status of a death by `sig` (the 0x80 core bit for core-dumping signals). */
export function killedStatus(sig: number): number {
  return (sig & 0x7f) | (defaultAction(sig) === 'core' ? 0x80 : 0);
}

/** A decoded kernel `struct sigaction` (handler, flags, restorer, mask). */
export interface SigAction {
  handler: number;
  flags: number;
  restorer: number;
  mask0: number;
  mask1: number;
}

/** Reads the action of `sig` in `p` (SIG_DFL when never set). */
export function actionOf(p: Proc, sig: number): SigAction {
  const b = p.sigactions.get(sig);
  if (b === undefined) return { handler: SIG_DFL, flags: 0, restorer: 0, mask0: 0, mask1: 0 };
  const dv = new DataView(b.buffer, b.byteOffset, 20);
  return { handler: dv.getUint32(0, true), flags: dv.getUint32(4, true), restorer: dv.getUint32(8, true), mask0: dv.getUint32(12, true), mask1: dv.getUint32(16, true) };
}

/** Per-thread signal state. */
export interface ThreadSignals {
  /** Thread-directed pending set (two words). */
  readonly pending: Uint32Array;
  /** Shared with the process: process-directed pending set. */
  readonly shared: Uint32Array;
  /** siginfo of each pending signal. */
  readonly info: Map<number, Uint8Array>;
  /** The mask rt_sigsuspend replaced (restored by the handler's sigreturn). */
  savedMask: Uint32Array | null;
  altSp: number;
  altSize: number;
}

const threadState = new WeakMap<LThread, ThreadSignals>();
const procPending = new WeakMap<Proc, { bits: Uint32Array; info: Map<number, Uint8Array> }>();

function procState(p: Proc): { bits: Uint32Array; info: Map<number, Uint8Array> } {
  let s = procPending.get(p);
  if (s === undefined) {
    s = { bits: new Uint32Array(2), info: new Map() };
    procPending.set(p, s);
  }
  return s;
}

function stateOf(t: LThread): ThreadSignals {
  let s = threadState.get(t);
  if (s === undefined) {
    s = { pending: new Uint32Array(2), shared: procState(t.proc).bits, info: new Map(), savedMask: null, altSp: 0, altSize: 0 };
    threadState.set(t, s);
  }
  return s;
}

function has(mask: Uint32Array, sig: number): boolean {
  return ((mask[(sig - 1) >> 5]! >>> ((sig - 1) & 31)) & 1) !== 0;
}

function add(mask: Uint32Array, sig: number): void {
  mask[(sig - 1) >> 5]! |= 1 << ((sig - 1) & 31);
}

function del(mask: Uint32Array, sig: number): void {
  mask[(sig - 1) >> 5]! &= ~(1 << ((sig - 1) & 31));
}

function unblockable(mask: Uint32Array): void {
  mask[0]! &= ~((1 << (SIGKILL - 1)) | (1 << (SIGSTOP - 1)));
}

/** A siginfo for a signal sent by a process (kill, tgkill) or the system. */
export function makeSiginfo(sig: number, code: number, words: readonly number[] = []): Uint8Array {
  const b = new Uint8Array(Frame.SiginfoSize);
  const dv = new DataView(b.buffer);
  dv.setInt32(0, sig, true);
  dv.setInt32(8, code, true);
  words.forEach((w, i) => {
    dv.setInt32(12 + i * 4, w | 0, true);
  });
  return b;
}

/** The lowest unblocked pending signal of `t` (thread-directed first), or 0. */
function nextSignal(t: LThread, s: ThreadSignals): number {
  for (const set of [s.pending, s.shared]) {
    for (let w = 0; w < 2; w++) {
      const bits = set[w]! & ~t.sigmask[w]!;
      if (bits !== 0) return w * 32 + 31 - Math.clz32(bits & -bits) + 1;
    }
  }
  return 0;
}

/** True when `t` has an unblocked pending signal (cheap: called on every reply). */
export function hasDeliverable(t: LThread): boolean {
  if (stops.has(t.proc)) return true;
  const s = threadState.get(t);
  const p = procPending.get(t.proc);
  if (s === undefined && p === undefined) return false;
  const m = t.sigmask;
  const a = s?.pending;
  const b = p?.bits;
  return (((a?.[0] ?? 0) | (b?.[0] ?? 0)) & ~m[0]!) !== 0 || (((a?.[1] ?? 0) | (b?.[1] ?? 0)) & ~m[1]!) !== 0;
}

/** Takes `sig` off `t`'s pending sets, returning its siginfo. */
function dequeue(t: LThread, s: ThreadSignals, sig: number): Uint8Array {
  if (has(s.pending, sig)) {
    del(s.pending, sig);
    const i = s.info.get(sig);
    s.info.delete(sig);
    return i ?? makeSiginfo(sig, SiCode.User);
  }
  const ps = procState(t.proc);
  del(ps.bits, sig);
  const i = ps.info.get(sig);
  ps.info.delete(sig);
  return i ?? makeSiginfo(sig, SiCode.User);
}

/** Removes `sig` from every pending set of `p` (it became ignored). */
function discard(p: Proc, sys: Mm0, sig: number): void {
  const ps = procState(p);
  del(ps.bits, sig);
  ps.info.delete(sig);
  for (const tid of p.threads) {
    const t = sys.threads.get(tid);
    const s = t === undefined ? undefined : threadState.get(t);
    if (s === undefined) continue;
    del(s.pending, sig);
    s.info.delete(sig);
  }
}

function ignored(act: SigAction, sig: number): boolean {
  if (act.handler === SIG_IGN) return true;
  if (act.handler !== SIG_DFL) return false;
  const d = defaultAction(sig);
  return d === 'ign' || d === 'cont';
}

/** Options of {@link postSignal}. */
export interface PostOptions {
  /** Thread-directed (tkill, tgkill, faults): this thread only. */
  readonly thread?: LThread;
  /** Do not interrupt a parked call (its completion is on the way, e.g. a wait4 for this child). */
  readonly noInterrupt?: boolean;
}

/**
 * Sends `sig` to process `p`: SIGKILL and unblocked default-fatal signals end it at once,
 * ignored ones are dropped, the rest become pending and a parked thread that can take it
 * is interrupted (its call returns −EINTR or restarts, then the handler runs).
 */
export function* postSignal(sys: Mm0, p: Proc, sig: number, info: Uint8Array, opts: PostOptions = {}): Step<void> {
  if (p.zombie || sig < 1 || sig > 64) return;
  if (sig === SIGKILL) {
    yield* sys.exitProcess(p, SIGKILL);
    return;
  }
  const act = actionOf(p, sig);
  if (sig === SIGCONT) {
    discardStops(sys, p);
    yield* continueProcess(sys, p);
  } else if (defaultAction(sig) === 'stop') {
    discard(p, sys, SIGCONT);
  }
  let target = opts.thread;
  if (target === undefined) {
    let first: LThread | undefined;
    for (const tid of p.threads) {
      const t = sys.threads.get(tid);
      if (t === undefined || has(t.sigmask, sig)) continue;
      first ??= t;
      if (sys.parked.has(tid)) {
        target = t;
        break;
      }
    }
    target ??= first;
  }
  const blocked = target === undefined || has(target.sigmask, sig);
  if (!blocked && ignored(act, sig)) return;
  if (!blocked && act.handler === SIG_DFL) {
    if (defaultAction(sig) === 'stop') yield* stopProcess(sys, p, sig);
    else yield* sys.exitProcess(p, killedStatus(sig));
    return;
  }
  if (opts.thread !== undefined) {
    const s = stateOf(opts.thread);
    if (!has(s.pending, sig)) s.info.set(sig, info);
    add(s.pending, sig);
  } else {
    const ps = procState(p);
    if (!has(ps.bits, sig)) ps.info.set(sig, info);
    add(ps.bits, sig);
  }
  if (blocked || target === undefined) return;
  if (sys.parked.has(target.tid)) {
    if (opts.noInterrupt !== true) yield* interruptParked(sys, target, sig);
  } else {
    // Running or runnable in user code (or on its way to mm0): it comes to mm0 before it
    // runs another user instruction, and the signal is taken there (see notified()).
    yield* sys.notifyThread(target.tid);
  }
}

/**
 * A thread mm0 asked to hear from (exchange_registers NOTIFY) is about to run user code:
 * its pending signals are taken on its interrupted context (any pc, flags and Thumb state
 * kept in the frame), or it is held when its process is stopped; otherwise it resumes as it was.
 */
export function* notified(sys: Mm0, tid: number): Step<void> {
  const t = sys.threads.get(tid);
  if (t === undefined) {
    setMr(sys.self, 0, 0);
    yield send(tid);
    return;
  }
  yield* sys.flush();
  yield* sys.readRegs(tid);
  sys.thumbCall = false;
  if (!hasDeliverable(t)) {
    setMr(sys.self, 0, 0);
    yield send(tid);
    return;
  }
  yield* deliverSignals(sys, t);
}

/** Removes every trace of `t`'s parked call (wait4, futex queue) and returns its arguments. */
function unpark(sys: Mm0, t: LThread): Int32Array | undefined {
  const a = sys.parked.get(t.tid);
  sys.parked.delete(t.tid);
  if (t.proc.waiter?.tid === t.tid) t.proc.waiter = null;
  for (const [key, q] of sys.futexes) {
    const i = q.indexOf(t.tid);
    if (i >= 0) q.splice(i, 1);
    if (q.length === 0) sys.futexes.delete(key);
  }
  return a;
}

/** A parked thread gets `sig`: its call returns −EINTR (or restarts under SA_RESTART), then the handlers run. */
function* interruptParked(sys: Mm0, t: LThread, sig: number): Step<void> {
  const a = unpark(sys, t);
  if (a === undefined) return;
  // Sleeps and poll/select have their own rule (−EINTR, remaining time): see timed-wait.ts.
  const forced = yield* interruptTimedWait(sys, t, a);
  // The caller's registers and Thumb flag are in use: keep them across this other thread's delivery.
  const keep = sys.regs.slice();
  const thumb = sys.thumbCall;
  sys.thumbCall = false;
  yield* sys.flush();
  yield* sys.readRegs(t.tid);
  const r = sys.regs;
  const nr = a[7]!;
  if (nr === -1) {
    r[0] = 0; // a futex wait that was already woken
  } else if (forced !== null) {
    r[0] = forced;
  } else if (nr !== NR_PAUSE && nr !== NR_RT_SIGSUSPEND && (actionOf(t.proc, sig).flags & SA_RESTART) !== 0) {
    // Restart: the SWI runs again with its original arguments (never written) after the handler.
    r[15] = (r[15]! - ((r[16]! & CPSR_T) !== 0 ? 2 : 4)) | 0;
  } else {
    r[0] = -EINTR;
  }
  yield* deliverSignals(sys, t);
  sys.regs.set(keep);
  sys.thumbCall = thumb;
}

/**
 * Runs the pending signals of `t` on the registers in `sys.regs` (the context it would
 * resume with): builds a frame per handled signal (the last one runs first, as Linux does),
 * drops ignored ones, takes default actions, then writes the registers and replies to
 * `t`'s exception message. The caller has flushed the page-table queue.
 */
export function* deliverSignals(sys: Mm0, t: LThread): Step<void> {
  const s = stateOf(t);
  const p = t.proc;
  const stop = stops.get(p);
  if (stop !== undefined) {
    // A stopped process: the thread waits here, with its registers, until SIGCONT.
    stop.held.set(t.tid, sys.regs.slice());
    return;
  }
  for (let n = 0; n < 64; n++) {
    const sig = nextSignal(t, s);
    if (sig === 0) break;
    const info = dequeue(t, s, sig);
    const act = actionOf(p, sig);
    if (ignored(act, sig)) continue;
    if (act.handler === SIG_DFL) {
      if (defaultAction(sig) === 'stop') {
        yield* stopProcess(sys, p, sig);
        stops.get(p)?.held.set(t.tid, sys.regs.slice());
      } else {
        yield* sys.exitProcess(p, killedStatus(sig));
      }
      return;
    }
    const saved = s.savedMask ?? t.sigmask.slice();
    s.savedMask = null;
    if (!setupFrame(sys, t, s, sig, act, info, saved, null)) {
      sys.cfg.log(`mm0: pid ${String(p.pid)} (${p.name}) killed by signal ${String(SIGSEGV)}: cannot write the frame of signal ${String(sig)} at sp 0x${(sys.regs[13]! >>> 0).toString(16)}`);
      yield* sys.exitProcess(p, killedStatus(SIGSEGV));
      return;
    }
  }
  yield* sys.writeRegs(t.tid, ALL_REGS);
  yield* sys.flush();
  setMr(sys.self, 0, 0);
  yield send(t.tid);
}

/** Fault details for the sigcontext of a synchronous signal. */
export interface FaultInfo {
  readonly trapNo: number;
  readonly errorCode: number;
  readonly address: number;
}

/**
 * Writes the signal frame of `sig` for `t` below `sys.regs[13]` (or on the alternate stack)
 * and points `sys.regs` at the handler. Updates the blocked mask and SA_RESETHAND.
 * Returns false when the frame cannot be written.
 */
export function setupFrame(sys: Mm0, t: LThread, s: ThreadSignals, sig: number, act: SigAction, info: Uint8Array, saved: Uint32Array, fault: FaultInfo | null): boolean {
  const r = sys.regs;
  const rt = (act.flags & SA_SIGINFO) !== 0;
  const sp = r[13]! >>> 0;
  const onAlt = s.altSize !== 0 && sp > s.altSp && sp - s.altSp <= s.altSize;
  let top = sp;
  if ((act.flags & SA_ONSTACK) !== 0 && s.altSize !== 0 && !onAlt) top = (s.altSp + s.altSize) >>> 0;
  const size = rt ? Frame.RtSigframeSize : Frame.SigframeSize;
  const frame = ((top - size) & ~7) >>> 0;
  const bytes = encodeFrame(rt, sig, info, r, saved, fault, { sp: s.altSp, flags: s.altSize === 0 ? SS_DISABLE : onAlt ? SS_ONSTACK : 0, size: s.altSize }, userCpsr(r));
  if (sys.vm.writeUser(t.proc.space, frame, bytes) < 0) return false;
  const uc = frame + (rt ? Frame.SiginfoSize : 0);
  // A handler address with bit 0 set is Thumb code: it runs in Thumb state (and without a
  // restorer returns through the Thumb retcode), the flags stay as they were, as on Linux.
  const thumb = (act.handler & 1) !== 0;
  r[0] = sig;
  r[1] = rt ? frame | 0 : 0;
  r[2] = rt ? uc | 0 : 0;
  r[13] = frame | 0;
  r[14] = ((act.flags & SA_RESTORER) !== 0 ? act.restorer : thumb ? uc + Frame.ThumbRetcode + 1 : uc + Frame.Retcode) | 0;
  r[15] = act.handler | 0;
  r[16] = thumb ? r[16]! | CPSR_T : r[16]! & ~CPSR_T;
  t.sigmask[0]! |= act.mask0;
  t.sigmask[1]! |= act.mask1;
  if ((act.flags & SA_NODEFER) === 0) add(t.sigmask, sig);
  unblockable(t.sigmask);
  if ((act.flags & SA_RESETHAND) !== 0) t.proc.sigactions.delete(sig);
  return true;
}

/** The user CPSR of a register block (r0..r15, cpsr) as a frame shows it: flags, Q, T and user mode. */
function userCpsr(r: Int32Array): number {
  return (((r[16] ?? 0) & Exregs.CpsrUserBits) | 0x10) >>> 0;
}

/** The bytes of a signal frame (rt: siginfo + ucontext + retcode; otherwise ucontext + retcode). */
export function encodeFrame(
  rt: boolean,
  sig: number,
  info: Uint8Array,
  regs: Int32Array,
  saved: Uint32Array,
  fault: FaultInfo | null,
  stack: { sp: number; flags: number; size: number },
  cpsr: number,
): Uint8Array {
  const b = new Uint8Array(rt ? Frame.RtSigframeSize : Frame.SigframeSize);
  const dv = new DataView(b.buffer);
  const uc = rt ? Frame.SiginfoSize : 0;
  if (rt) {
    b.set(info.subarray(0, Frame.SiginfoSize));
    dv.setInt32(0, sig, true);
    dv.setUint32(uc + Frame.UcFlags, 0, true);
    dv.setUint32(uc + Frame.UcStackSp, stack.sp >>> 0, true);
    dv.setUint32(uc + Frame.UcStackFlags, stack.flags >>> 0, true);
    dv.setUint32(uc + Frame.UcStackSize, stack.size >>> 0, true);
  } else {
    dv.setUint32(uc + Frame.UcFlags, Frame.NonRtUcFlags, true);
  }
  dv.setUint32(uc + Frame.TrapNo, fault?.trapNo ?? 0, true);
  dv.setUint32(uc + Frame.ErrorCode, fault?.errorCode ?? 0, true);
  dv.setUint32(uc + Frame.OldMask, saved[0]!, true);
  for (let i = 0; i < 16; i++) dv.setUint32(uc + Frame.R0 + i * 4, regs[i]! >>> 0, true);
  // The interrupted CPSR: condition flags, Q, T, user mode (sigreturn puts the flags back).
  dv.setUint32(uc + Frame.Cpsr, cpsr >>> 0, true);
  dv.setUint32(uc + Frame.FaultAddress, fault?.address ?? 0, true);
  dv.setUint32(uc + Frame.Sigmask, saved[0]!, true);
  dv.setUint32(uc + Frame.Sigmask + 4, saved[1]!, true);
  // retcode: mov r7, #(rt_)sigreturn; swi 0 (used when there is no SA_RESTORER).
  dv.setUint32(uc + Frame.Retcode, rt ? 0xe3a070ad : 0xe3a07077, true);
  dv.setUint32(uc + Frame.Retcode + 4, 0xef000000, true);
  // Thumb retcode for Thumb handlers: movs r7, #(rt_)sigreturn; svc 0.
  dv.setUint16(uc + Frame.ThumbRetcode, rt ? 0x27ad : 0x2777, true);
  dv.setUint16(uc + Frame.ThumbRetcode + 2, 0xdf00, true);
  return b;
}

/**
 * A synchronous signal from a fault of `t` (SIGSEGV, SIGBUS, SIGILL) with the faulting pc:
 * if a handler is installed and the signal is not blocked, the thread's exception message
 * is answered with the handler's registers and true is returned; otherwise false (the
 * caller kills the process).
 */
export function* faultSignal(sys: Mm0, t: LThread, sig: number, code: number, pc: number, fault: FaultInfo): Step<boolean> {
  const act = actionOf(t.proc, sig);
  if (act.handler === SIG_DFL || act.handler === SIG_IGN || has(t.sigmask, sig)) return false;
  yield* sys.flush();
  yield* sys.readRegs(t.tid);
  sys.regs[15] = pc | 0;
  const s = stateOf(t);
  const saved = t.sigmask.slice();
  if (!setupFrame(sys, t, s, sig, act, makeSiginfo(sig, code, [fault.address]), saved, fault)) return false;
  yield* sys.writeRegs(t.tid, ALL_REGS);
  yield* sys.flush();
  setMr(sys.self, 0, 0);
  yield send(t.tid);
  return true;
}

// ------------------------------------------------------------------ system calls

/** rt_sigaction(sig, act, oldact, sigsetsize). */
export function sigaction(sys: Mm0, t: LThread, a: Int32Array): number {
  const sig = a[0]!;
  if (sig < 1 || sig > 64 || a[3] !== 8) return -EINVAL;
  if (a[1] !== 0 && (sig === SIGKILL || sig === SIGSTOP)) return -EINVAL;
  const p = t.proc;
  const old = p.sigactions.get(sig) ?? new Uint8Array(20);
  if (a[1] !== 0) {
    const b = new Uint8Array(20);
    if (sys.vm.readUser(p.space, a[1]! >>> 0, b) < 0) return -EFAULT;
    p.sigactions.set(sig, b);
    if (ignored(actionOf(p, sig), sig)) discard(p, sys, sig);
  }
  if (a[2] !== 0 && sys.vm.writeUser(p.space, a[2]! >>> 0, old) < 0) return -EFAULT;
  return 0;
}

/** rt_sigpending(set, sigsetsize): pending signals that are blocked. */
export function sigpending(sys: Mm0, t: LThread, a: Int32Array): number {
  if ((a[1]! >>> 0) > 8) return -EINVAL;
  const s = stateOf(t);
  const b = new Uint8Array(8);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, ((s.pending[0]! | s.shared[0]!) & t.sigmask[0]!) >>> 0, true);
  dv.setUint32(4, ((s.pending[1]! | s.shared[1]!) & t.sigmask[1]!) >>> 0, true);
  return sys.vm.writeUser(t.proc.space, a[0]! >>> 0, b.subarray(0, a[1]! >>> 0)) < 0 ? -EFAULT : 0;
}

/** rt_sigsuspend(mask, sigsetsize): waits for a handled signal with `mask` blocked. */
export function sigsuspend(sys: Mm0, t: LThread, a: Int32Array): number {
  if (a[1] !== 8) return -EINVAL;
  const b = new Uint8Array(8);
  if (sys.vm.readUser(t.proc.space, a[0]! >>> 0, b) < 0) return -EFAULT;
  const dv = new DataView(b.buffer);
  const s = stateOf(t);
  s.savedMask ??= t.sigmask.slice();
  t.sigmask[0] = dv.getUint32(0, true);
  t.sigmask[1] = dv.getUint32(4, true);
  unblockable(t.sigmask);
  if (hasDeliverable(t)) return -EINTR;
  return sys.park(t, a.slice());
}

/**
 * Sets `t`'s blocked mask to `mask` (two words) while it waits in ppoll or pselect6, as
 * rt_sigsuspend does: the old mask comes back when a handler returns, or with
 * {@link restoreWaitMask} when the wait ends without one.
 */
export function setWaitMask(t: LThread, mask: Uint32Array): void {
  const s = stateOf(t);
  s.savedMask ??= t.sigmask.slice();
  t.sigmask[0] = mask[0]!;
  t.sigmask[1] = mask[1]!;
  unblockable(t.sigmask);
}

/** Puts back the mask {@link setWaitMask} replaced (no-op when none is saved). */
export function restoreWaitMask(t: LThread): void {
  const s = stateOf(t);
  if (s.savedMask === null) return;
  t.sigmask.set(s.savedMask);
  s.savedMask = null;
}

/** pause(): waits for a handled signal. */
export function pause(sys: Mm0, t: LThread, a: Int32Array): number {
  if (hasDeliverable(t)) return -EINTR;
  return sys.park(t, a.slice());
}

/** sigaltstack(ss, old_ss). The caller's registers are in `sys.regs`. */
export function sigaltstack(sys: Mm0, t: LThread, a: Int32Array): number {
  const s = stateOf(t);
  const sp = sys.regs[13]! >>> 0;
  const onAlt = s.altSize !== 0 && sp > s.altSp && sp - s.altSp <= s.altSize;
  const space = t.proc.space;
  let next: [number, number] | null = null;
  if (a[0] !== 0) {
    const b = new Uint8Array(12);
    if (sys.vm.readUser(space, a[0]! >>> 0, b) < 0) return -EFAULT;
    const dv = new DataView(b.buffer);
    const ssSp = dv.getUint32(0, true);
    const flags = dv.getUint32(4, true) & ~SS_AUTODISARM;
    const size = dv.getUint32(8, true);
    if (onAlt) return -EPERM;
    if (flags !== 0 && flags !== SS_DISABLE && flags !== SS_ONSTACK) return -EINVAL;
    if (flags === SS_DISABLE) next = [0, 0];
    else if (size < MINSIGSTKSZ) return -ENOMEM;
    else next = [ssSp, size];
  }
  if (a[1] !== 0) {
    const b = new Uint8Array(12);
    const dv = new DataView(b.buffer);
    dv.setUint32(0, s.altSp, true);
    dv.setUint32(4, onAlt ? SS_ONSTACK : s.altSize === 0 ? SS_DISABLE : 0, true);
    dv.setUint32(8, s.altSize, true);
    if (sys.vm.writeUser(space, a[1]! >>> 0, b) < 0) return -EFAULT;
  }
  if (next !== null) [s.altSp, s.altSize] = next;
  return 0;
}

/**
 * sigreturn (119) and rt_sigreturn (173): restores r0..r15, the blocked mask and (rt) the
 * alternate stack from the frame at sp, then resumes the thread (delivering any signal the
 * restored mask unblocks). A bad frame kills with SIGSEGV, as on Linux.
 */
export function* sigreturn(sys: Mm0, t: LThread, rt: boolean): Step<number> {
  const sp = sys.regs[13]! >>> 0;
  const uc = sp + (rt ? Frame.SiginfoSize : 0);
  const b = new Uint8Array(Frame.Regspace);
  if ((sp & 7) !== 0 || sys.vm.readUser(t.proc.space, uc, b) < 0) {
    sys.cfg.log(`mm0: pid ${String(t.proc.pid)} (${t.proc.name}) killed by signal ${String(SIGSEGV)}: bad signal frame at sp 0x${sp.toString(16)}`);
    yield* sys.exitProcess(t.proc, killedStatus(SIGSEGV));
    return NO_REPLY;
  }
  const dv = new DataView(b.buffer);
  for (let i = 0; i < 16; i++) sys.regs[i] = dv.getInt32(Frame.R0 + i * 4, true);
  // The condition flags, Q and T come back too (the kernel refuses any other CPSR bit).
  sys.regs[16] = dv.getInt32(Frame.Cpsr, true);
  t.sigmask[0] = dv.getUint32(Frame.Sigmask, true);
  t.sigmask[1] = dv.getUint32(Frame.Sigmask + 4, true);
  unblockable(t.sigmask);
  if (rt) {
    const s = stateOf(t);
    const flags = dv.getUint32(Frame.UcStackFlags, true);
    const size = dv.getUint32(Frame.UcStackSize, true);
    if ((flags & SS_DISABLE) !== 0) [s.altSp, s.altSize] = [0, 0];
    else if (size >= MINSIGSTKSZ) [s.altSp, s.altSize] = [dv.getUint32(Frame.UcStackSp, true), size];
  }
  sys.thumbCall = false;
  yield* sys.flush();
  if (hasDeliverable(t)) {
    yield* deliverSignals(sys, t);
    return NO_REPLY;
  }
  yield* sys.writeRegs(t.tid, ALL_REGS);
  setMr(sys.self, 0, 0);
  yield send(t.tid);
  return NO_REPLY;
}

/** kill, tkill, tgkill. Returns 0, an errno, or NO_REPLY when the caller died of it. */
export function* kill(sys: Mm0, t: LThread, pid: number, sig: number, tid: number, threadDirected: boolean): Step<number> {
  const ESRCH = 3;
  if (sig < 0 || sig > 64) return -EINVAL;
  const sender = t.proc.pid;
  if (threadDirected) {
    const target = sys.threadByLtid(tid);
    if (target === undefined || (pid > 0 && target.proc.pid !== pid) || target.proc.zombie) return -ESRCH;
    if (sig === 0) return 0;
    yield* postSignal(sys, target.proc, sig, makeSiginfo(sig, SiCode.Tkill, [sender, 0]), { thread: target });
  } else {
    let targets: Proc[];
    if (pid > 0) {
      // A process id, or (as on Linux) the tid of any of a process's threads.
      const q = sys.procs.get(pid) ?? sys.threadByLtid(pid)?.proc;
      targets = q === undefined ? [] : [q];
    } else {
      // 0: the caller's group; -1: everyone but init and the caller; < -1: group -pid.
      const group = pid === 0 ? t.proc.pgid : -pid;
      targets = [...sys.procs.values()].filter((q) => (pid === -1 ? q.pid !== sys.initPid && q !== t.proc : q.pgid === group));
    }
    targets = targets.filter((q) => !q.zombie);
    if (targets.length === 0) return -ESRCH;
    if (sig === 0) return 0;
    for (const q of targets) yield* postSignal(sys, q, sig, makeSiginfo(sig, SiCode.User, [sender, 0]));
  }
  return t.proc.zombie || !sys.threads.has(t.tid) ? NO_REPLY : 0;
}

/**
 * A child of `parent` ended with wait `status`: SIGCHLD to the parent, or, when the parent
 * ignores SIGCHLD (SIG_IGN or SA_NOCLDWAIT), the child is reaped at once (Linux's
 * auto-reaping). Call before the parent's waiter is completed.
 */
export function* childExited(sys: Mm0, parent: Proc, child: Proc): Step<void> {
  const act = actionOf(parent, SIGCHLD);
  if (act.handler === SIG_IGN || (act.flags & SA_NOCLDWAIT) !== 0) {
    parent.children.delete(child.pid);
    sys.procs.delete(child.pid);
    return;
  }
  const st = child.status;
  const code = (st & 0x7f) === 0 ? SiCode.CldExited : (st & 0x80) !== 0 ? SiCode.CldDumped : SiCode.CldKilled;
  const value = code === SiCode.CldExited ? (st >> 8) & 0xff : st & 0x7f;
  const w = parent.waiter;
  const satisfied = w !== null && sys.findZombie(parent, w.pid) !== undefined;
  yield* postSignal(sys, parent, SIGCHLD, makeSiginfo(SIGCHLD, code, [child.pid, 0, value, 0, 0]), { noInterrupt: satisfied });
}

/** execve: handlers go back to SIG_DFL (ignored signals stay ignored), the alternate stack goes. */
export function resetOnExec(t: LThread): void {
  for (const [sig, b] of t.proc.sigactions) {
    if (new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true) !== SIG_IGN) t.proc.sigactions.delete(sig);
  }
  const s = threadState.get(t);
  if (s !== undefined) {
    s.altSp = 0;
    s.altSize = 0;
  }
}

/** fork/clone: the new thread inherits the alternate stack (its pending set starts empty). */
export function inheritSignals(from: LThread, to: LThread): void {
  const s = threadState.get(from);
  if (s === undefined || s.altSize === 0) return;
  const n = stateOf(to);
  n.altSp = s.altSp;
  n.altSize = s.altSize;
}

// ------------------------------------------------------------------ job control

/** A stopped process: threads held on their way out of mm0, and the signal that stopped it. */
interface Stop {
  readonly sig: number;
  readonly held: Map<number, Int32Array>;
}

const stops = new WeakMap<Proc, Stop>();
/** A stop or continue not yet reported to the parent's wait4 (WUNTRACED / WCONTINUED). */
const reports = new WeakMap<Proc, number>();

/** True while `p` is stopped (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU). */
export function isStopped(p: Proc): boolean {
  return stops.has(p);
}

function discardStops(sys: Mm0, p: Proc): void {
  for (const sig of [19, 20, 21, 22]) discard(p, sys, sig);
}

/**
 * Stops `p`: its threads no longer leave mm0 (a thread in a system call, a parked one when
 * its call completes, the caller of raise(SIGSTOP) at once); a thread running user code
 * comes to mm0 before its next instruction (NOTIFY) and is held there. The parent gets
 * SIGCHLD (CLD_STOPPED) and its wait4 with WUNTRACED returns.
 */
function* stopProcess(sys: Mm0, p: Proc, sig: number): Step<void> {
  if (stops.has(p) || p.zombie) return;
  stops.set(p, { sig, held: new Map() });
  reports.set(p, ((sig & 0xff) << 8) | 0x7f);
  // Threads in user code stop before their next instruction (parked ones when their call ends).
  for (const tid of p.threads) if (!sys.parked.has(tid)) yield* sys.notifyThread(tid);
  yield* notifyParent(sys, p, 5, sig, 2);
}

/** Continues a stopped `p`: held threads resume (taking pending signals); the parent hears CLD_CONTINUED. */
function* continueProcess(sys: Mm0, p: Proc): Step<void> {
  const stop = stops.get(p);
  if (stop === undefined) return;
  stops.delete(p);
  reports.set(p, 0xffff);
  const keep = sys.regs.slice();
  const thumb = sys.thumbCall;
  sys.thumbCall = false;
  for (const [tid, regs] of stop.held) {
    const t = sys.threads.get(tid);
    if (t === undefined) continue;
    sys.regs.set(regs);
    yield* deliverSignals(sys, t);
  }
  sys.regs.set(keep);
  sys.thumbCall = thumb;
  // Parked calls were not retried while stopped (their input belongs to whoever runs now): retry them.
  for (const tid of p.threads) if (sys.parked.has(tid)) sys.wake(tid);
  yield* notifyParent(sys, p, 6, SIGCONT, 8);
}

function waitMatches(parent: Proc, child: Proc, pid: number): boolean {
  return pid === -1 || pid === child.pid || (pid === 0 && child.pgid === parent.pgid) || (pid < -1 && child.pgid === -pid);
}

/** Completes the parent's parked wait4 asking for this report (option bit `want`), and sends SIGCHLD. */
function* notifyParent(sys: Mm0, child: Proc, code: number, sig: number, want: number): Step<void> {
  const parent = sys.procs.get(child.ppid);
  if (parent === undefined || parent.zombie) return;
  const w = parent.waiter;
  const options = w === null ? 0 : (sys.parked.get(w.tid)?.[2] ?? 0);
  let satisfied = false;
  if (w !== null && (options & want) !== 0 && waitMatches(parent, child, w.pid)) {
    parent.waiter = null;
    sys.parked.delete(w.tid);
    const r = takeReport(sys, parent, child, w.statusPtr);
    satisfied = true;
    yield* sys.reply(w.tid, r);
  }
  if ((actionOf(parent, SIGCHLD).flags & SA_NOCLDSTOP) !== 0) return;
  yield* postSignal(sys, parent, SIGCHLD, makeSiginfo(SIGCHLD, code, [child.pid, 0, sig, 0, 0]), { noInterrupt: satisfied });
}

function takeReport(sys: Mm0, parent: Proc, child: Proc, statusPtr: number): number {
  const st = reports.get(child) ?? 0;
  reports.delete(child);
  if (statusPtr !== 0) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, st, true);
    if (sys.vm.writeUser(parent.space, statusPtr, b) < 0) return -EFAULT;
  }
  return child.pid;
}

/**
 * wait4's look for a stop (WUNTRACED) or continue (WCONTINUED) report of a child matching
 * `pid`: its pid (status written, report consumed), or 0 when there is none.
 */
export function waitReport(sys: Mm0, parent: Proc, pid: number, options: number, statusPtr: number): number {
  for (const c of parent.children) {
    const child = sys.procs.get(c);
    if (child === undefined || child.zombie || !waitMatches(parent, child, pid)) continue;
    const st = reports.get(child);
    if (st === undefined) continue;
    if (((st & 0xff) === 0x7f && (options & 2) !== 0) || (st === 0xffff && (options & 8) !== 0)) return takeReport(sys, parent, child, statusPtr);
  }
  return 0;
}
