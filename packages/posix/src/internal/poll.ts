import { POLLERR, POLLHUP, POLLIN, POLLOUT } from '@codezero-ts/vfs';
import type { VfsProcess } from '@codezero-ts/vfs';
import type { Mm0, Step } from './mm0.js';
import type { LThread } from './process.js';
import { hasDeliverable, restoreWaitMask, setWaitMask } from './signals.js';
import { readTimespec, writeTimespec } from './sleep.js';
import { ceilMicro, endWait, parkUntil, retryOf } from './timed-wait.js';

const EBADF = 9;
const EFAULT = 14;
const EINTR = 4;
const EINVAL = 22;
const POLLPRI = 0x2;
const POLLNVAL = 0x20;
const POLLRDNORM = 0x40;
const POLLWRNORM = 0x100;
/** The descriptor limit (RLIMIT_NOFILE's soft value). */
const MAX_FDS = 1024;

/** Readiness of `fd` in Linux poll bits (POLLNVAL for a bad descriptor). */
function readiness(fs: VfsProcess, fd: number): number {
  if (fs.fileOf(fd) === null) return POLLNVAL;
  const r = fs.poll(fd);
  return r | ((r & POLLIN) !== 0 ? POLLRDNORM : 0) | ((r & POLLOUT) !== 0 ? POLLWRNORM : 0);
}

/** One descriptor asked about: its events, and the readiness found. */
interface Want {
  readonly fd: number;
  readonly events: number;
  revents: number;
}

/** Whether a select entry is ready: readable (or hung up, or in error) / writable (or in error). */
function selectReady(w: Want): boolean {
  const r = w.revents;
  return ((w.events & POLLIN) !== 0 && (r & (POLLIN | POLLHUP | POLLERR)) !== 0) || ((w.events & POLLOUT) !== 0 && (r & (POLLOUT | POLLERR)) !== 0);
}

/** Fills `revents` of every entry (a negative fd is skipped); returns how many are ready. */
function evaluate(fs: VfsProcess, wants: readonly Want[], forSelect: boolean): number {
  let n = 0;
  for (const w of wants) {
    if (w.fd < 0) {
      w.revents = 0;
      continue;
    }
    const r = readiness(fs, w.fd);
    w.revents = r & (w.events | POLLHUP | POLLERR | POLLNVAL);
    if (forSelect ? selectReady(w) : w.revents !== 0) n++;
  }
  return n;
}

/** Registers a wake-up on every descriptor of `wants`; returns the function cancelling them. */
function watch(sys: Mm0, t: LThread, a: Int32Array, wants: readonly Want[]): () => void {
  const tid = t.tid;
  const wake = (): void => {
    if (sys.parked.get(tid) === a) sys.wake(tid);
  };
  const cancels: (() => void)[] = [];
  for (const w of wants) {
    if (w.fd < 0) continue;
    const ev = (w.events & (POLLIN | POLLRDNORM) ? POLLIN : 0) | (w.events & (POLLOUT | POLLWRNORM) ? POLLOUT : 0);
    if (ev !== 0) cancels.push(t.proc.fs.waitReady(w.fd, ev, wake));
  }
  return () => {
    for (const c of cancels) c();
  };
}

/** The arguments of a readiness wait, decoded from the call. */
interface WaitRequest {
  /** Relative timeout in ns, -1 for none (wait forever). */
  readonly timeout: number;
  /** Temporary signal mask (ppoll, pselect6), or null. */
  readonly mask: Uint32Array | null;
  /** select's readiness rule instead of poll's. */
  readonly select: boolean;
}

/**
 * The common engine of poll, ppoll, select and pselect6: evaluates `wants`; returns at once
 * when one is ready or the timeout is 0; else parks until a descriptor wakes it, the
 * deadline passes, or a handled signal comes (−EINTR, never restarted). `done(count, now)`
 * writes the results and returns the call's value.
 */
function* readinessWait(sys: Mm0, t: LThread, a: Int32Array, wants: readonly Want[], req: WaitRequest, done: (count: number, deadline: number, now: number) => number): Step<number> {
  const retry = retryOf(sys, t, a);
  const now = yield* sys.now();
  let deadline: number;
  if (retry === undefined) {
    deadline = req.timeout < 0 ? Infinity : ceilMicro(now + req.timeout);
    if (req.mask !== null) {
      setWaitMask(t, req.mask);
      // A signal the new mask lets through is taken at once (its handler restores the mask).
      if (hasDeliverable(t)) return -EINTR;
    }
  } else {
    deadline = retry.deadline;
  }
  const count = evaluate(t.proc.fs, wants, req.select);
  if (count > 0 || now >= deadline) {
    endWait(sys, t.tid);
    if (req.mask !== null) restoreWaitMask(t);
    return done(count, deadline, now);
  }
  const cancel = watch(sys, t, a, wants);
  return parkUntil(sys, t, a, deadline, () => -EINTR, cancel);
}

/** Reads `n` pollfd entries at `addr`. */
function readPollfds(sys: Mm0, space: number, addr: number, n: number): Want[] | number {
  if (n < 0 || n > MAX_FDS) return -EINVAL;
  const b = new Uint8Array(n * 8);
  if (n > 0 && sys.vm.readUser(space, addr >>> 0, b) < 0) return -EFAULT;
  const dv = new DataView(b.buffer);
  const out: Want[] = [];
  for (let i = 0; i < n; i++) out.push({ fd: dv.getInt32(i * 8, true), events: dv.getUint16(i * 8 + 4, true), revents: 0 });
  return out;
}

/** Reads a sigset argument (8 bytes, `size` must be 8); null for none. */
function readMask(sys: Mm0, space: number, addr: number, size: number): Uint32Array | null | number {
  if (addr === 0) return null;
  if (size !== 8) return -EINVAL;
  const b = new Uint8Array(8);
  if (sys.vm.readUser(space, addr >>> 0, b) < 0) return -EFAULT;
  const dv = new DataView(b.buffer);
  return Uint32Array.of(dv.getUint32(0, true), dv.getUint32(4, true));
}

/**
 * poll(fds, nfds, timeout_ms) and ppoll(fds, nfds, timespec, sigmask, sigsetsize): `ppoll`
 * selects the second form; `wide` a 64-bit timespec (ppoll_time64).
 */
export function* poll(sys: Mm0, t: LThread, a: Int32Array, ppoll: boolean, wide: boolean): Step<number> {
  const space = t.proc.space;
  const fdsAddr = a[0]! >>> 0;
  const wants = readPollfds(sys, space, fdsAddr, a[1]!);
  if (typeof wants === 'number') return wants;
  let timeout: number;
  let mask: Uint32Array | null = null;
  if (ppoll) {
    timeout = a[2] === 0 ? -1 : readTimespec(sys, space, a[2]! >>> 0, wide);
    if (a[2] !== 0 && timeout < 0) return timeout;
    const m = readMask(sys, space, a[3]! >>> 0, a[4]!);
    if (typeof m === 'number') return m;
    mask = m;
  } else {
    timeout = a[2]! < 0 ? -1 : a[2]! * 1e6;
  }
  return yield* readinessWait(sys, t, a, wants, { timeout, mask, select: false }, (count) => {
    const b = new Uint8Array(2);
    const dv = new DataView(b.buffer);
    for (let i = 0; i < wants.length; i++) {
      dv.setUint16(0, wants[i]!.revents, true);
      if (sys.vm.writeUser(space, (fdsAddr + i * 8 + 6) >>> 0, b) < 0) return -EFAULT;
    }
    return count;
  });
}

/**
 * select(nfds, readfds, writefds, exceptfds, timeval) and pselect6(…, timespec, {sigset,
 * size}): `pselect` selects the second form; `wide` a 64-bit timespec (pselect6_time64).
 * A set descriptor that is not open fails the call with −EBADF; the remaining time is
 * written back to the timeout, as Linux does.
 */
export function* select(sys: Mm0, t: LThread, a: Int32Array, pselect: boolean, wide: boolean): Step<number> {
  const space = t.proc.space;
  const nfds = Math.min(a[0]!, MAX_FDS);
  if (a[0]! < 0) return -EINVAL;
  const words = Math.ceil(nfds / 32);
  const sets: (Uint32Array | null)[] = [];
  for (let k = 0; k < 3; k++) {
    const addr = a[1 + k]! >>> 0;
    if (addr === 0 || words === 0) {
      sets.push(null);
      continue;
    }
    const b = new Uint8Array(words * 4);
    if (sys.vm.readUser(space, addr, b) < 0) return -EFAULT;
    const set = new Uint32Array(words);
    const dv = new DataView(b.buffer);
    for (let i = 0; i < words; i++) set[i] = dv.getUint32(i * 4, true) & (i === words - 1 && nfds % 32 !== 0 ? (1 << nfds % 32) - 1 : 0xffffffff);
    sets.push(set);
  }
  const wants: Want[] = [];
  for (let fd = 0; fd < nfds; fd++) {
    let ev = 0;
    const bit = 1 << (fd & 31);
    if (((sets[0]?.[fd >> 5] ?? 0) & bit) !== 0) ev |= POLLIN;
    if (((sets[1]?.[fd >> 5] ?? 0) & bit) !== 0) ev |= POLLOUT;
    if (((sets[2]?.[fd >> 5] ?? 0) & bit) !== 0) ev |= POLLPRI;
    if (ev === 0) continue;
    if (t.proc.fs.fileOf(fd) === null) return -EBADF;
    wants.push({ fd, events: ev, revents: 0 });
  }
  const tvAddr = a[4]! >>> 0;
  let timeout = -1;
  let mask: Uint32Array | null = null;
  if (tvAddr !== 0) {
    if (pselect) {
      timeout = readTimespec(sys, space, tvAddr, wide);
      if (timeout < 0) return timeout;
    } else {
      const b = new Uint8Array(8);
      if (sys.vm.readUser(space, tvAddr, b) < 0) return -EFAULT;
      const dv = new DataView(b.buffer);
      const sec = dv.getInt32(0, true);
      const usec = dv.getInt32(4, true);
      if (sec < 0 || usec < 0 || usec >= 1e6) return -EINVAL;
      timeout = sec * 1e9 + usec * 1000;
    }
  }
  if (pselect && a[5] !== 0) {
    const b = new Uint8Array(8);
    if (sys.vm.readUser(space, a[5]! >>> 0, b) < 0) return -EFAULT;
    const dv = new DataView(b.buffer);
    const m = readMask(sys, space, dv.getUint32(0, true), dv.getUint32(4, true));
    if (typeof m === 'number') return m;
    mask = m;
  }
  const writeLeft = (deadline: number, now: number): number => {
    if (tvAddr === 0 || timeout === 0) return 0;
    const left = Math.max(0, deadline - now);
    if (pselect) return writeTimespec(sys, space, tvAddr, left, wide);
    const us = Math.floor(left / 1000);
    const b = new Uint8Array(8);
    const dv = new DataView(b.buffer);
    dv.setUint32(0, Math.floor(us / 1e6), true);
    dv.setUint32(4, us % 1e6, true);
    return sys.vm.writeUser(space, tvAddr, b) < 0 ? -EFAULT : 0;
  };
  return yield* readinessWait(sys, t, a, wants, { timeout, mask, select: true }, (_count, deadline, now) => {
    const out = [new Uint32Array(words), new Uint32Array(words), new Uint32Array(words)];
    let n = 0;
    for (const w of wants) {
      const r = w.revents;
      if (!selectReady(w)) continue;
      const bit = 1 << (w.fd & 31);
      const i = w.fd >> 5;
      if ((w.events & POLLIN) !== 0 && (r & (POLLIN | POLLHUP | POLLERR)) !== 0) {
        out[0]![i]! |= bit;
        n++;
      }
      if ((w.events & POLLOUT) !== 0 && (r & (POLLOUT | POLLERR)) !== 0) {
        out[1]![i]! |= bit;
        n++;
      }
    }
    for (let k = 0; k < 3; k++) {
      if (sets[k] === null) continue;
      const b = new Uint8Array(words * 4);
      const dv = new DataView(b.buffer);
      for (let i = 0; i < words; i++) dv.setUint32(i * 4, out[k]![i]!, true);
      if (sys.vm.writeUser(space, a[1 + k]! >>> 0, b) < 0) return -EFAULT;
    }
    if (writeLeft(deadline, now) < 0) return -EFAULT;
    return n;
  });
}
