import type { Mm0, Step } from './mm0.js';
import type { LThread, Proc } from './process.js';
import { makeSiginfo, postSignal } from './signals.js';
import { ceilMicro, ring } from './timed-wait.js';

const EFAULT = 14;
const EINVAL = 22;
const SIGALRM = 14;
const SI_KERNEL = 0x80;

/** An interval timer of a process (setitimer); ITIMER_REAL sends SIGALRM at expiry. */
interface ITimer {
  /** Expiry in ns of guest time (0: disarmed). */
  deadline: number;
  /** Reload interval in ns (0: one shot). */
  interval: number;
  /** The kernel timer of an armed ITIMER_REAL, or 0. */
  timer: number;
}

interface ITimerState {
  /** Timers by process and `which` (0 REAL, 1 VIRTUAL, 2 PROF). */
  readonly timers: Map<Proc, ITimer[]>;
  /** Processes whose ITIMER_REAL expired, for mm0 to signal at its doorbell. */
  readonly expired: Proc[];
}

const states = new WeakMap<Mm0, ITimerState>();

function stateOf(sys: Mm0): ITimerState {
  let s = states.get(sys);
  if (s === undefined) {
    s = { timers: new Map(), expired: [] };
    states.set(sys, s);
  }
  return s;
}

function timersOf(sys: Mm0, p: Proc): ITimer[] {
  const s = stateOf(sys);
  let list = s.timers.get(p);
  if (list === undefined) {
    list = [0, 1, 2].map(() => ({ deadline: 0, interval: 0, timer: 0 }));
    s.timers.set(p, list);
  }
  return list;
}

function arm(sys: Mm0, p: Proc, it: ITimer): void {
  const s = stateOf(sys);
  it.timer = sys.cfg.kernel.setTimer(it.deadline, () => {
    it.timer = 0;
    s.expired.push(p);
    ring(sys);
  });
}

/**
 * Sends SIGALRM to every process whose ITIMER_REAL expired and re-arms periodic ones (mm0
 * calls it when its doorbell rings).
 */
export function* expireItimers(sys: Mm0): Step<void> {
  const s = states.get(sys);
  if (s === undefined) return;
  while (s.expired.length > 0) {
    const p = s.expired.shift()!;
    const it = s.timers.get(p)?.[0];
    if (it === undefined) continue;
    if (p.zombie) {
      s.timers.delete(p);
      continue;
    }
    if (it.interval > 0) {
      it.deadline += it.interval;
      arm(sys, p, it);
    } else {
      it.deadline = 0;
    }
    yield* postSignal(sys, p, SIGALRM, makeSiginfo(SIGALRM, SI_KERNEL));
  }
}

/** Cancels the interval timers of `p` (it exited). */
export function dropItimers(sys: Mm0, p: Proc): void {
  const s = states.get(sys);
  const list = s?.timers.get(p);
  if (s === undefined || list === undefined) return;
  for (const it of list) if (it.timer !== 0) sys.cfg.kernel.cancelTimer(it.timer);
  s.timers.delete(p);
}

function readTimeval(b: DataView, off: number): number {
  const sec = b.getInt32(off, true);
  const usec = b.getInt32(off + 4, true);
  if (sec < 0 || usec < 0 || usec >= 1e6) return -EINVAL;
  return sec * 1e9 + usec * 1000;
}

function putTimeval(b: DataView, off: number, ns: number): void {
  const us = Math.ceil(ns / 1000);
  b.setUint32(off, Math.floor(us / 1e6), true);
  b.setUint32(off + 4, us % 1e6, true);
}

/**
 * setitimer(which, new, old) / getitimer(which, cur). ITIMER_REAL runs on guest time and
 * sends SIGALRM (glibc's alarm() is built on it); ITIMER_VIRTUAL and ITIMER_PROF keep their
 * values but never expire (no per-process CPU accounting).
 */
export function* itimer(sys: Mm0, t: LThread, a: Int32Array, set: boolean): Step<number> {
  const which = a[0]!;
  if (which < 0 || which > 2) return -EINVAL;
  const space = t.proc.space;
  const it = timersOf(sys, t.proc)[which]!;
  let next = -1;
  let interval = 0;
  if (set && a[1] !== 0) {
    const b = new Uint8Array(16);
    if (sys.vm.readUser(space, a[1]! >>> 0, b) < 0) return -EFAULT;
    const dv = new DataView(b.buffer);
    interval = readTimeval(dv, 0);
    next = readTimeval(dv, 8);
    if (interval < 0 || next < 0) return -EINVAL;
  }
  const now = yield* sys.now();
  const outAddr = (set ? a[2]! : a[1]!) >>> 0;
  if (outAddr !== 0) {
    const b = new Uint8Array(16);
    const dv = new DataView(b.buffer);
    putTimeval(dv, 0, it.interval);
    putTimeval(dv, 8, it.deadline === 0 ? 0 : Math.max(1000, it.deadline - now));
    if (sys.vm.writeUser(space, outAddr, b) < 0) return -EFAULT;
  }
  if (!set) return 0;
  if (it.timer !== 0) sys.cfg.kernel.cancelTimer(it.timer);
  it.timer = 0;
  if (next <= 0) {
    it.deadline = 0;
    it.interval = 0;
    return 0;
  }
  it.deadline = ceilMicro(now + next);
  it.interval = ceilMicro(interval);
  if (which === 0) arm(sys, t.proc, it);
  return 0;
}
