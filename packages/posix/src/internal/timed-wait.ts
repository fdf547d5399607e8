import { send, setMr } from '@codezero-ts/kernel';
import type { Mm0, Step } from './mm0.js';
import { DOORBELL_TAG } from './mm0.js';
import type { LThread } from './process.js';

/**
 * Timed waits of parked system calls (nanosleep, poll/select timeouts): a kernel timer per
 * waiting thread wakes mm0 at the deadline. The parked call is retried then (and on any
 * other wake-up) and decides itself whether it is done; a retry is recognised by the
 * identity of its argument array, which mm0 hands back unchanged.
 */
export interface TimedWait {
  /** The parked call's arguments (the same array mm0 passes to the retry). */
  readonly args: Int32Array;
  /** Deadline in nanoseconds of guest time since boot (a whole microsecond); Infinity for none. */
  deadline: number;
  /** The kernel timer, 0 when none is set. */
  timer: number;
  /** Cancels other wake-ups the call registered (fd readiness waits), if any. */
  cancel: (() => void) | null;
  /**
   * What the call returns when a handled signal interrupts it (after writing any remaining
   * time), or null to let the signal code decide (restart or −EINTR).
   */
  readonly onSignal: ((now: number) => number) | null;
}

interface WaitState {
  readonly waits: Map<number, TimedWait>;
  ringing: boolean;
}

const states = new WeakMap<Mm0, WaitState>();

function stateOf(sys: Mm0): WaitState {
  let s = states.get(sys);
  if (s === undefined) {
    s = { waits: new Map(), ringing: false };
    states.set(sys, s);
  }
  return s;
}

/** Rounds a nanosecond time up to a whole microsecond (mm0 reads the clock in microseconds). */
export function ceilMicro(ns: number): number {
  return Math.ceil(ns / 1000) * 1000;
}

/**
 * The timed wait of `t` when `a` is the retry of its parked call, else undefined (a stale
 * wait of an earlier call of this thread is dropped on the way).
 */
export function retryOf(sys: Mm0, t: LThread, a: Int32Array): TimedWait | undefined {
  const s = stateOf(sys);
  const w = s.waits.get(t.tid);
  if (w === undefined) return undefined;
  if (w.args === a) return w;
  endWait(sys, t.tid);
  return undefined;
}

/** Ends `tid`'s timed wait: cancels its timer and fd waits. */
export function endWait(sys: Mm0, tid: number): void {
  const s = stateOf(sys);
  const w = s.waits.get(tid);
  if (w === undefined) return;
  s.waits.delete(tid);
  if (w.timer !== 0) sys.cfg.kernel.cancelTimer(w.timer);
  w.cancel?.();
}

/**
 * Parks `t`'s call `a` until `deadline` (or a wake-up from elsewhere): keeps or creates its
 * timed wait and arms a kernel timer that retries the call when guest time reaches it.
 */
export function parkUntil(sys: Mm0, t: LThread, a: Int32Array, deadline: number, onSignal: ((now: number) => number) | null, cancel: (() => void) | null = null): number {
  const s = stateOf(sys);
  let w = s.waits.get(t.tid);
  if (w?.args !== a) {
    if (w !== undefined) endWait(sys, t.tid);
    w = { args: a, deadline, timer: 0, cancel: null, onSignal };
    s.waits.set(t.tid, w);
  }
  if (w.timer !== 0) sys.cfg.kernel.cancelTimer(w.timer);
  w.timer = 0;
  w.deadline = deadline;
  w.cancel?.();
  w.cancel = cancel;
  if (deadline !== Infinity) {
    const tid = t.tid;
    const wait = w;
    w.timer = sys.cfg.kernel.setTimer(deadline, () => {
      wait.timer = 0;
      if (sys.parked.get(tid) !== a) {
        if (s.waits.get(tid) === wait) s.waits.delete(tid);
        wait.cancel?.();
        return;
      }
      sys.wake(tid);
      ring(sys);
    });
  }
  return sys.park(t, a);
}

/**
 * Wakes mm0 (waiting in receive) from the host side: a one-shot server thread sends it the
 * doorbell message, after which mm0 retries its woken parked calls. One ring at a time.
 */
export function ring(sys: Mm0): void {
  const s = stateOf(sys);
  if (s.ringing) return;
  s.ringing = true;
  const mm0 = sys.self.tid;
  sys.cfg.kernel.spawnServer(
    function* (self) {
      setMr(self, 0, DOORBELL_TAG);
      s.ringing = false;
      yield send(mm0);
    },
    { name: 'doorbell', priority: 8 },
  );
}

/**
 * A handled signal interrupts `t`'s parked call `a`: when it is a timed wait with its own
 * signal rule (nanosleep: −EINTR and the remaining time; poll, select: −EINTR, never
 * restarted), ends the wait and returns the call's result; otherwise null. Always ends the
 * timed wait of `t`.
 */
export function* interruptTimedWait(sys: Mm0, t: LThread, a: Int32Array): Step<number | null> {
  const w = stateOf(sys).waits.get(t.tid);
  endWait(sys, t.tid);
  if (w?.args !== a || w.onSignal === null) return null;
  const now = yield* sys.now();
  return w.onSignal(now);
}

/** Number of pending timed waits (tests). */
export function timedWaitCount(sys: Mm0): number {
  return stateOf(sys).waits.size;
}
