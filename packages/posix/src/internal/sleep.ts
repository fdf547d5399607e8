import type { Mm0, Step } from './mm0.js';
import type { LThread } from './process.js';
import { ceilMicro, endWait, parkUntil, retryOf } from './timed-wait.js';

const EFAULT = 14;
const EINVAL = 22;
const EINTR = 4;
const EOPNOTSUPP = 95;
const NS = 1e9;

/** A fixed epoch (2026-01-01T00:00:00Z) added to guest time for CLOCK_REALTIME (as clock_gettime does). */
export const REALTIME_EPOCH_NS = 1_767_225_600 * NS;

/** clock_nanosleep flag: the request is an absolute time of the clock. */
const TIMER_ABSTIME = 1;

/** Clock ids: 0 REALTIME, 1 MONOTONIC, 2 PROCESS_CPUTIME, 3 THREAD_CPUTIME, 4 MONOTONIC_RAW, 5/6 COARSE, 7 BOOTTIME, 8/9 ALARM, 11 TAI. */
function clockOffset(clk: number): number {
  if (clk === 0 || clk === 8 || clk === 11) return REALTIME_EPOCH_NS;
  if (clk === 1 || clk === 2 || clk === 7 || clk === 9) return 0;
  if (clk === 4 || clk === 5 || clk === 6) return -EOPNOTSUPP;
  return -EINVAL;
}

/** Reads a timespec (32-bit or 64-bit `time_t`) as nanoseconds; a negative errno when bad. */
export function readTimespec(sys: Mm0, space: number, addr: number, wide: boolean): number {
  const b = new Uint8Array(wide ? 16 : 8);
  if (addr === 0 || sys.vm.readUser(space, addr >>> 0, b) < 0) return -EFAULT;
  const dv = new DataView(b.buffer);
  const sec = wide ? dv.getInt32(4, true) * 0x100000000 + dv.getUint32(0, true) : dv.getInt32(0, true);
  // A 32-bit task's 64-bit tv_nsec: Linux ignores its upper half.
  const nsec = dv.getInt32(wide ? 8 : 4, true);
  if (sec < 0 || nsec < 0 || nsec >= NS) return -EINVAL;
  return sec * NS + nsec;
}

/** Writes `ns` nanoseconds as a timespec; 0 or -EFAULT. */
export function writeTimespec(sys: Mm0, space: number, addr: number, ns: number, wide: boolean): number {
  const b = new Uint8Array(wide ? 16 : 8);
  const dv = new DataView(b.buffer);
  const sec = Math.floor(ns / NS);
  const nsec = ns - sec * NS;
  if (wide) {
    dv.setUint32(0, sec >>> 0, true);
    dv.setUint32(4, Math.floor(sec / 0x100000000), true);
    dv.setUint32(8, nsec, true);
  } else {
    dv.setUint32(0, sec >>> 0, true);
    dv.setUint32(4, nsec, true);
  }
  return sys.vm.writeUser(space, addr >>> 0, b) < 0 ? -EFAULT : 0;
}

/**
 * nanosleep / clock_nanosleep: the thread parks until the clock (mm0's guest time, the one
 * clock_gettime reports) reaches the deadline; other threads run meanwhile. A handled
 * signal ends it with −EINTR and, for a relative sleep with `remAddr`, the time left (never
 * restarted, as Linux does when a handler runs).
 * @param a the call's arguments (the parked array on a retry)
 */
export function* sleep(sys: Mm0, t: LThread, a: Int32Array, clk: number, flags: number, reqAddr: number, remAddr: number, wide: boolean): Step<number> {
  const retry = retryOf(sys, t, a);
  const now = yield* sys.now();
  if (retry !== undefined) {
    if (now >= retry.deadline) {
      endWait(sys, t.tid);
      return 0;
    }
    return parkUntil(sys, t, a, retry.deadline, retry.onSignal);
  }
  const offset = clockOffset(clk);
  if (offset < 0) return offset;
  if ((flags & ~TIMER_ABSTIME) !== 0) return -EINVAL;
  const space = t.proc.space;
  const req = readTimespec(sys, space, reqAddr, wide);
  if (req < 0) return req;
  const absolute = (flags & TIMER_ABSTIME) !== 0;
  const deadline = ceilMicro(absolute ? req - offset : now + req);
  if (deadline <= now) return 0;
  const onSignal = (at: number): number => {
    if (absolute || remAddr === 0) return -EINTR;
    return writeTimespec(sys, space, remAddr, Math.max(0, deadline - at), wide) < 0 ? -EFAULT : -EINTR;
  };
  return parkUntil(sys, t, a, deadline, onSignal);
}
