import { AT_EMPTY_PATH, POLLIN, POLLOUT, STAT64_SIZE, Stat, WOULD_BLOCK, devMajor, devMinor, encodeStat64, ttyIoctlArg } from '@codezero-ts/vfs';
import { Ipc, MapFlags, SHM_IDS } from '@codezero-ts/vm-objects';
import { LinuxLayout } from '../api.js';
import { TRAMPOLINE_YIELD, checkExecutable } from './elf-loader.js';
import type { Mm0, Step, SysResult } from './mm0.js';
import { NO_REPLY } from './mm0.js';
import type { LThread } from './process.js';
import { exitedStatus } from './process.js';
import { LinuxNr, linuxSyscallName } from './linux-numbers.js';
import * as signals from './signals.js';
import { itimer } from './itimer.js';
import { mremap } from './mremap.js';
import { poll, select } from './poll.js';
import { sleep } from './sleep.js';
import { CloneFlag, cloneSharedVm } from './vfork.js';
import { jobControl, jobControlIoctl } from './job-control.js';

const ENOENT = 2;
const EFAULT = 14;
const EINVAL = 22;
const ENOSYS = 38;
const ERANGE = 34;
const E2BIG = 7;
const ENOEXEC = 8;
const EAGAIN = 11;
const ECHILD = 10;
const ESRCH = 3;
const ENAMETOOLONG = 36;
const ENOTTY = 25;
const EPERM = 1;
const EBADF = 9;
const EPIPE = 32;
const SIGPIPE = 13;

/** A fixed epoch (2026-01-01T00:00:00Z) added to guest time for CLOCK_REALTIME. */
const EPOCH = 1_767_225_600;

const utf8 = new TextDecoder();
const stat = new Stat();
const scratch = new Uint8Array(8);
const scratchView = new DataView(scratch.buffer);

/** Reads a NUL-terminated string of user memory (at most 4096 bytes); a negative errno on failure. */
export function readString(sys: Mm0, space: number, addr: number, max = 4096): string | number {
  if (addr === 0) return -EFAULT;
  const out: number[] = [];
  let a = addr >>> 0;
  const chunk = new Uint8Array(256);
  while (out.length < max) {
    const n = Math.min(256, 4096 - (a % 4096));
    const view = chunk.subarray(0, n);
    const r = sys.vm.readUser(space, a, view);
    if (r < 0) return r;
    for (let i = 0; i < n; i++) {
      if (view[i] === 0) return utf8.decode(new Uint8Array(out));
      out.push(view[i]!);
    }
    a += n;
  }
  return -ENAMETOOLONG;
}

/** Reads a NULL-terminated vector of string pointers. */
function readStringVector(sys: Mm0, space: number, addr: number): string[] | number {
  const out: string[] = [];
  if (addr === 0) return out;
  for (let i = 0; i < 1024; i++) {
    const r = sys.vm.readUser(space, (addr + i * 4) >>> 0, scratch.subarray(0, 4));
    if (r < 0) return r;
    const p = scratchView.getUint32(0, true);
    if (p === 0) return out;
    const s = readString(sys, space, p);
    if (typeof s === 'number') return s;
    out.push(s);
  }
  return -E2BIG;
}

function readBytes(sys: Mm0, space: number, addr: number, len: number): Uint8Array | number {
  const b = new Uint8Array(len);
  if (len === 0) return b;
  const r = sys.vm.readUser(space, addr >>> 0, b);
  return r < 0 ? r : b;
}

function writeBytes(sys: Mm0, space: number, addr: number, b: Uint8Array): number {
  if (b.length === 0) return 0;
  return sys.vm.writeUser(space, addr >>> 0, b);
}

function writeWords(sys: Mm0, space: number, addr: number, words: readonly number[]): number {
  const b = new Uint8Array(words.length * 4);
  const dv = new DataView(b.buffer);
  words.forEach((w, i) => {
    dv.setUint32(i * 4, w >>> 0, true);
  });
  return writeBytes(sys, space, addr, b);
}

/** Reads an iovec array: [base, len] pairs. */
function readIov(sys: Mm0, space: number, addr: number, count: number): [number, number][] | number {
  if (count < 0 || count > 1024) return -EINVAL;
  const b = readBytes(sys, space, addr, count * 8);
  if (typeof b === 'number') return b;
  const dv = new DataView(b.buffer);
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) out.push([dv.getUint32(i * 8, true), dv.getUint32(i * 8 + 4, true)]);
  return out;
}

function path(sys: Mm0, t: LThread, addr: number): string | number {
  const s = readString(sys, t.proc.space, addr);
  if (typeof s === 'string' && s.startsWith('/proc')) sys.cfg.onProcPath?.();
  return s;
}

function statOut(sys: Mm0, t: LThread, r: number, addr: number): number {
  if (r < 0) return r;
  const b = new Uint8Array(STAT64_SIZE);
  encodeStat64(stat, new DataView(b.buffer), 0);
  return writeBytes(sys, t.proc.space, addr, b) < 0 ? -EFAULT : 0;
}

/** Encodes `stat` as a 256-byte `struct statx`. */
function statxBytes(): Uint8Array {
  const b = new Uint8Array(256);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, 0x7ff, true);
  dv.setUint32(4, stat.blksize, true);
  dv.setUint32(16, stat.nlink, true);
  dv.setUint32(20, stat.uid, true);
  dv.setUint32(24, stat.gid, true);
  dv.setUint16(28, stat.mode, true);
  dv.setUint32(32, stat.ino, true);
  dv.setUint32(40, stat.size % 0x100000000, true);
  dv.setUint32(44, Math.floor(stat.size / 0x100000000), true);
  dv.setUint32(48, stat.blocks, true);
  const ts = (off: number, sec: number, nsec: number): void => {
    dv.setUint32(off, sec >>> 0, true);
    dv.setInt32(off + 4, sec < 0 ? -1 : 0, true);
    dv.setUint32(off + 8, nsec, true);
  };
  ts(64, stat.atimeSec, stat.atimeNsec);
  ts(80, stat.ctimeSec, stat.ctimeNsec);
  ts(96, stat.ctimeSec, stat.ctimeNsec);
  ts(112, stat.mtimeSec, stat.mtimeNsec);
  dv.setUint32(128, devMajor(stat.rdev), true);
  dv.setUint32(132, devMinor(stat.rdev), true);
  dv.setUint32(136, devMajor(stat.dev), true);
  dv.setUint32(140, devMinor(stat.dev), true);
  return b;
}

/** A blocking read/write: park on WOULD_BLOCK until the descriptor is ready. */
function blocking(sys: Mm0, t: LThread, a: Int32Array, fd: number, events: number, r: number): number {
  if (r !== WOULD_BLOCK) return r;
  const tid = t.tid;
  t.proc.fs.waitReady(fd, events, () => {
    sys.wake(tid);
  });
  return sys.park(t, a);
}

function* clockGettime(sys: Mm0, t: LThread, clk: number, addr: number, wide: boolean): Step<number> {
  if (clk < 0 || clk > 11) return -EINVAL;
  const ns = yield* sys.now();
  let sec = Math.floor(ns / 1e9);
  const nsec = ns - sec * 1e9;
  if (clk === 0 || clk === 5 || clk === 8 || clk === 11) sec += EPOCH;
  if (addr === 0) return -EFAULT;
  const words = wide ? [sec >>> 0, 0, nsec, 0] : [sec, nsec];
  return writeWords(sys, t.proc.space, addr, words) < 0 ? -EFAULT : 0;
}

function wait4(sys: Mm0, t: LThread, a: Int32Array): number {
  const p = t.proc;
  const pid = a[0]!;
  const statusPtr = a[1]! >>> 0;
  const options = a[2]!;
  if ((options & ~(1 | 2 | 8 | 0x40000000 | 0x80000000)) !== 0) return -EINVAL;
  const rusage = a[3]! >>> 0;
  // No resource accounting: a requested rusage reads as all zeros.
  if (rusage !== 0 && writeBytes(sys, p.space, rusage, new Uint8Array(72)) < 0) return -EFAULT;
  const z = sys.findZombie(p, pid);
  if (z !== undefined) return sys.reap(p, z, statusPtr);
  if (!sys.hasChild(p, pid)) return -ECHILD;
  const reported = (options & 10) !== 0 ? signals.waitReport(sys, p, pid, options, statusPtr) : 0;
  if (reported !== 0) return reported;
  if ((options & 1) !== 0) return 0;
  p.waiter = { tid: t.tid, pid, statusPtr };
  sys.parked.set(t.tid, a);
  return NO_REPLY;
}

function* execve(sys: Mm0, t: LThread, a: Int32Array): Step<number> {
  const space = t.proc.space;
  const file = readString(sys, space, a[0]! >>> 0);
  if (typeof file === 'number') return file;
  const argv = readStringVector(sys, space, a[1]! >>> 0);
  if (typeof argv === 'number') return argv;
  const envp = readStringVector(sys, space, a[2]! >>> 0);
  if (typeof envp === 'number') return envp;
  const image = sys.readExecutable(t.proc.fs, file);
  if (typeof image === 'number') return image;
  if (checkExecutable(image.bytes) !== null) return -ENOEXEC;
  return yield* sys.execve(t, image, file, argv, envp);
}

function* exitGroup(sys: Mm0, t: LThread, code: number): Step<number> {
  yield* sys.exitProcess(t.proc, exitedStatus(code));
  return NO_REPLY;
}

function* exitThread(sys: Mm0, t: LThread, code: number): Step<number> {
  const p = t.proc;
  if (p.threads.size <= 1) return yield* exitGroup(sys, t, code);
  p.threads.delete(t.tid);
  sys.threads.delete(t.tid);
  sys.dropUtcb(t);
  if (sys.spaceTid.get(p.space) === t.tid) sys.spaceTid.set(p.space, [...p.threads][0]!);
  if (t.clearTid !== 0) {
    writeWords(sys, p.space, t.clearTid, [0]);
    futexWake(sys, p.space, t.clearTid, 1);
  }
  yield* sys.flush();
  yield* sys.destroyThread(t.tid);
  return NO_REPLY;
}

function futexWake(sys: Mm0, space: number, addr: number, n: number): number {
  const key = `${space}:${addr >>> 0}`;
  const q = sys.futexes.get(key);
  if (q === undefined) return 0;
  let woken = 0;
  while (woken < n && q.length > 0) {
    const tid = q.shift()!;
    if (!sys.parked.has(tid)) continue;
    const saved = sys.parked.get(tid)!;
    saved[7] = -1; // marks a woken futex wait: the retry returns 0
    sys.wake(tid);
    woken++;
  }
  if (q.length === 0) sys.futexes.delete(key);
  return woken;
}

function futex(sys: Mm0, t: LThread, a: Int32Array): number {
  const addr = a[0]! >>> 0;
  const op = a[1]! & 0x7f;
  const space = t.proc.space;
  if (op === 0 || op === 9) {
    const b = readBytes(sys, space, addr, 4);
    if (typeof b === 'number') return b;
    if (new DataView(b.buffer).getInt32(0, true) !== a[2]) return -EAGAIN;
    const key = `${space}:${addr}`;
    const q = sys.futexes.get(key) ?? [];
    q.push(t.tid);
    sys.futexes.set(key, q);
    const saved = a.slice();
    return sys.park(t, saved);
  }
  if (op === 1 || op === 10) return futexWake(sys, space, addr, a[2]! >>> 0);
  return -ENOSYS;
}

function* clone(sys: Mm0, t: LThread, a: Int32Array): Step<number> {
  const flags = a[0]! >>> 0;
  const regs = sys.regs.slice();
  if (a[1] !== 0) regs[13] = a[1]!;
  // Linux's checks: CLONE_SIGHAND needs CLONE_VM, CLONE_THREAD needs CLONE_SIGHAND, and
  // init has no parent to share (CLONE_PARENT).
  if ((flags & 0x800) !== 0 && (flags & CloneFlag.Vm) === 0) return -EINVAL;
  if ((flags & CloneFlag.Thread) !== 0 && (flags & 0x800) === 0) return -EINVAL;
  if ((flags & CloneFlag.Parent) !== 0 && t.proc.pid === sys.initPid) return -EINVAL;
  if ((flags & CloneFlag.Vm) !== 0 && (flags & CloneFlag.Thread) === 0) {
    // A process sharing the caller's memory (vfork's way, or posix_spawn's).
    return yield* cloneSharedVm(sys, t, regs, flags, a[2]! >>> 0, a[4]! >>> 0, a[3]! >>> 0);
  }
  if ((flags & CloneFlag.Vm) !== 0) {
    if (a[1] === 0) return -EINVAL;
    const tid = yield* sys.cloneThread(t, regs, flags, a[4]! >>> 0, a[3]! >>> 0);
    if (tid > 0 && (flags & 0x00100000) !== 0 && a[2] !== 0) writeWords(sys, t.proc.space, a[2]! >>> 0, [tid]);
    return tid;
  }
  const pid = yield* sys.fork(t, regs, flags, a[4]! >>> 0, a[3]! >>> 0);
  if (pid > 0 && (flags & 0x00100000) !== 0 && a[2] !== 0) writeWords(sys, t.proc.space, a[2]! >>> 0, [pid]);
  return pid;
}

function* fork(sys: Mm0, t: LThread): Step<number> {
  return yield* sys.fork(t, sys.regs.slice(), 0, 0, 0);
}

/** vfork: the child runs in the caller's memory; the caller waits until it execs or exits. */
function* vfork(sys: Mm0, t: LThread): Step<number> {
  return yield* cloneSharedVm(sys, t, sys.regs.slice(), CloneFlag.Vm | CloneFlag.Vfork, 0, 0, 0);
}

function mmap2(sys: Mm0, t: LThread, a: Int32Array): number {
  const addr = a[0]! >>> 0;
  const len = a[1]! >>> 0;
  const prot = a[2]! & 7;
  const flags = a[3]!;
  const fd = a[4]!;
  const pgoff = a[5]! >>> 0;
  const vflags = flags & (MapFlags.SHARED | MapFlags.PRIVATE | MapFlags.FIXED | MapFlags.ANONYMOUS | MapFlags.GROWSDOWN);
  if (len === 0) return -EINVAL;
  if ((flags & MapFlags.ANONYMOUS) !== 0) {
    return sys.vm.mmap(t.proc.space, { addr, length: len, prot, flags: vflags });
  }
  const of = t.proc.fs.fileOf(fd);
  if (of === null) return -9;
  const id = sys.fileIdOf(of.node);
  sys.pin(t.proc, id);
  sys.vm.openFile(id);
  const r = sys.vm.mmap(t.proc.space, { addr, length: len, prot, flags: vflags, file: id, offset: pgoff * 4096 });
  sys.vm.closeFile(id);
  return r;
}

/** uname: sysname, nodename, release, version, machine, domainname (65 bytes each). */
function uname(sys: Mm0, t: LThread, addr: number): number {
  const b = new Uint8Array(65 * 6);
  const fields = ['Linux', 'codezero', '6.1.0-codezero', '#1 codezero-ts', 'armv5tejl', '(none)'];
  const enc = new TextEncoder();
  fields.forEach((f, i) => {
    b.set(enc.encode(f), i * 65);
  });
  return writeBytes(sys, t.proc.space, addr, b) < 0 ? -EFAULT : 0;
}

function getrandom(sys: Mm0, t: LThread, addr: number, len: number): number {
  const n = Math.min(len, 1 << 16);
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i += 4) {
    const w = sys.randomWord();
    for (let k = 0; k < 4 && i + k < n; k++) b[i + k] = (w >>> (8 * k)) & 0xff;
  }
  return writeBytes(sys, t.proc.space, addr, b) < 0 ? -EFAULT : n;
}

function rw(sys: Mm0, t: LThread, a: Int32Array, write: boolean): number {
  const fd = a[0]!;
  const addr = a[1]! >>> 0;
  const len = Math.min(a[2]! >>> 0, 1 << 20);
  const fs = t.proc.fs;
  if (write) {
    const b = readBytes(sys, t.proc.space, addr, len);
    if (typeof b === 'number') return b;
    return blocking(sys, t, a, fd, POLLOUT, fs.write(fd, b));
  }
  const b = new Uint8Array(len);
  const n = blocking(sys, t, a, fd, POLLIN, fs.read(fd, b));
  if (n <= 0 || n === NO_REPLY) return n;
  return writeBytes(sys, t.proc.space, addr, b.subarray(0, n)) < 0 ? -EFAULT : n;
}

function rwv(sys: Mm0, t: LThread, a: Int32Array, write: boolean): number {
  const iov = readIov(sys, t.proc.space, a[1]! >>> 0, a[2]!);
  if (typeof iov === 'number') return iov;
  const fs = t.proc.fs;
  const fd = a[0]!;
  if (write) {
    const bufs: Uint8Array[] = [];
    for (const [base, len] of iov) {
      const b = readBytes(sys, t.proc.space, base, Math.min(len, 1 << 20));
      if (typeof b === 'number') return b;
      bufs.push(b);
    }
    return blocking(sys, t, a, fd, POLLOUT, fs.writev(fd, bufs));
  }
  const bufs = iov.map(([, len]) => new Uint8Array(Math.min(len, 1 << 20)));
  const n = blocking(sys, t, a, fd, POLLIN, fs.readv(fd, bufs));
  if (n <= 0 || n === NO_REPLY) return n;
  let left = n;
  for (let i = 0; i < iov.length && left > 0; i++) {
    const k = Math.min(left, bufs[i]!.length);
    if (writeBytes(sys, t.proc.space, iov[i]![0], bufs[i]!.subarray(0, k)) < 0) return -EFAULT;
    left -= k;
  }
  return n;
}

function rlimit(sys: Mm0, t: LThread, res: number, addr: number, wide: boolean): number {
  if (res < 0 || res > 15) return -EINVAL;
  if (addr === 0) return 0;
  const inf = 0xffffffff;
  const cur = res === 3 ? 8 * 1024 * 1024 : res === 7 ? 1024 : inf;
  const max = res === 7 ? 4096 : inf;
  const words = wide ? [cur, cur === inf ? inf : 0, max, max === inf ? inf : 0] : [cur, max];
  return writeWords(sys, t.proc.space, addr, words) < 0 ? -EFAULT : 0;
}

/** Runs Linux EABI system call `a[7]` for thread `t`: a result for r0, {@link NO_REPLY}, or a generator. */
export function linuxSyscall(sys: Mm0, t: LThread, a: Int32Array): SysResult {
  const nr = a[7]! >>> 0;
  const r = run(sys, t, a, nr);
  if (sys.cfg.trace !== null) {
    if (typeof r === 'number') traceLine(sys, t, a, nr, r);
    else return tracedGen(sys, t, a, nr, r);
  }
  return r;
}

function* tracedGen(sys: Mm0, t: LThread, a: Int32Array, nr: number, g: Step<number>): Step<number> {
  const r = yield* g;
  traceLine(sys, t, a, nr, r);
  return r;
}

function traceLine(sys: Mm0, t: LThread, a: Int32Array, nr: number, r: number): void {
  const name = linuxSyscallName(nr);
  const args = [0, 1, 2, 3].map((i) => `0x${(a[i]! >>> 0).toString(16)}`).join(', ');
  const res = r === NO_REPLY ? '?' : String(r);
  sys.trace(`[${t.proc.pid}] ${name ?? `syscall_${nr}`}(${args}) = ${res}${name === undefined ? ' (unknown)' : ''}`);
}

function run(sys: Mm0, t: LThread, a: Int32Array, nr: number): SysResult {
  const p = t.proc;
  const fs = p.fs;
  const space = p.space;
  switch (nr) {
    case LinuxNr.exit:
      return exitThread(sys, t, a[0]!);
    case LinuxNr.exit_group:
      return exitGroup(sys, t, a[0]!);
    case LinuxNr.fork:
      return fork(sys, t);
    case LinuxNr.vfork:
      return vfork(sys, t);
    case LinuxNr.clone:
      return clone(sys, t, a);
    case LinuxNr.execve:
      return execve(sys, t, a);
    case LinuxNr.wait4:
      return wait4(sys, t, a);
    case LinuxNr.read:
      return jobControl(sys, t, a[0]!, 'read') ?? rw(sys, t, a, false);
    case LinuxNr.write:
      return jobControl(sys, t, a[0]!, 'write') ?? sigpipe(sys, t, rw(sys, t, a, true));
    case LinuxNr.readv:
      return jobControl(sys, t, a[0]!, 'read') ?? rwv(sys, t, a, false);
    case LinuxNr.writev:
      return jobControl(sys, t, a[0]!, 'write') ?? sigpipe(sys, t, rwv(sys, t, a, true));
    case LinuxNr.open:
    case LinuxNr.openat: {
      const off = nr === LinuxNr.openat ? 1 : 0;
      const s = path(sys, t, a[off]! >>> 0);
      if (typeof s === 'number') return s;
      return nr === LinuxNr.openat ? fs.openat(a[0]!, s, a[2]!, a[3]! & 0o7777) : fs.open(s, a[1]!, a[2]! & 0o7777);
    }
    case LinuxNr.close:
      return fs.close(a[0]!);
    case LinuxNr.lseek:
      return fs.lseek(a[0]!, a[1]!, a[2]!);
    case LinuxNr._llseek: {
      const off = a[1]! * 0x100000000 + (a[2]! >>> 0);
      const r = fs.lseek(a[0]!, off, a[4]!);
      if (r < 0) return r;
      return writeWords(sys, space, a[3]! >>> 0, [r % 0x100000000, Math.floor(r / 0x100000000)]) < 0 ? -EFAULT : 0;
    }
    case LinuxNr.pread64:
    case LinuxNr.pwrite64: {
      const len = Math.min(a[2]! >>> 0, 1 << 20);
      const pos = (a[4]! >>> 0) + a[5]! * 0x100000000;
      if (nr === LinuxNr.pwrite64) {
        const b = readBytes(sys, space, a[1]! >>> 0, len);
        if (typeof b === 'number') return b;
        return fs.pwrite(a[0]!, b, 0, len, pos);
      }
      const b = new Uint8Array(len);
      const n = fs.pread(a[0]!, b, 0, len, pos);
      if (n <= 0) return n;
      return writeBytes(sys, space, a[1]! >>> 0, b.subarray(0, n)) < 0 ? -EFAULT : n;
    }
    case LinuxNr.stat64:
    case LinuxNr.lstat64: {
      const s = path(sys, t, a[0]! >>> 0);
      if (typeof s === 'number') return s;
      return statOut(sys, t, nr === LinuxNr.stat64 ? fs.stat(s, stat) : fs.lstat(s, stat), a[1]! >>> 0);
    }
    case LinuxNr.fstat64:
      return statOut(sys, t, fs.fstat(a[0]!, stat), a[1]! >>> 0);
    case LinuxNr.fstatat64: {
      const s = path(sys, t, a[1]! >>> 0);
      if (typeof s === 'number') return s;
      const r = s === '' && (a[3]! & AT_EMPTY_PATH) !== 0 ? fs.fstat(a[0]!, stat) : fs.fstatat(a[0]!, s, stat, a[3]! & ~AT_EMPTY_PATH);
      return statOut(sys, t, r, a[2]! >>> 0);
    }
    case LinuxNr.statx: {
      const s = path(sys, t, a[1]! >>> 0);
      if (typeof s === 'number') return s;
      const flags = a[2]!;
      const r = s === '' && (flags & AT_EMPTY_PATH) !== 0 ? fs.fstat(a[0]!, stat) : fs.fstatat(a[0]!, s, stat, flags & 0x100);
      if (r < 0) return r;
      return writeBytes(sys, space, a[4]! >>> 0, statxBytes()) < 0 ? -EFAULT : 0;
    }
    case LinuxNr.getdents64: {
      const len = Math.min(a[2]! >>> 0, 1 << 16);
      const b = new Uint8Array(len);
      const n = fs.getdents64(a[0]!, b);
      if (n <= 0) return n;
      return writeBytes(sys, space, a[1]! >>> 0, b.subarray(0, n)) < 0 ? -EFAULT : n;
    }
    case LinuxNr.ioctl: {
      const req = a[1]! >>> 0;
      const arg = ttyIoctlArg(req);
      if (fs.fileOf(a[0]!) === null) return -EBADF;
      if (arg === undefined) return -ENOTTY;
      // Background groups meet SIGTTOU; TIOCSCTTY makes a session's controlling terminal.
      const jc = jobControlIoctl(sys, t, a[0]!, req, a[2]!);
      if (jc !== null) return jc;
      if (arg.dir === 'none') return fs.ioctl(a[0]!, req, null);
      if (arg.dir === 'value') {
        const v = new Uint8Array(4);
        new DataView(v.buffer).setInt32(0, a[2]!, true);
        return fs.ioctl(a[0]!, req, v);
      }
      const b = arg.dir === 'in' ? readBytes(sys, space, a[2]! >>> 0, arg.size) : new Uint8Array(arg.size);
      if (typeof b === 'number') return b;
      const r = fs.ioctl(a[0]!, req, b);
      if (r < 0 || arg.dir === 'in') return r;
      return writeBytes(sys, space, a[2]! >>> 0, b) < 0 ? -EFAULT : r;
    }
    case LinuxNr.fcntl:
    case LinuxNr.fcntl64:
      return fs.fcntl(a[0]!, a[1]!, a[2]);
    case LinuxNr.dup:
      return fs.dup(a[0]!);
    case LinuxNr.dup2:
      return fs.dup2(a[0]!, a[1]!);
    case LinuxNr.dup3:
      return fs.dup3(a[0]!, a[1]!, a[2]!);
    case LinuxNr.pipe:
    case LinuxNr.pipe2: {
      const fds = [0, 0];
      const r = fs.pipe2(fds, nr === LinuxNr.pipe2 ? a[1]! : 0);
      if (r < 0) return r;
      if (writeWords(sys, space, a[0]! >>> 0, fds) < 0) {
        fs.close(fds[0]!);
        fs.close(fds[1]!);
        return -EFAULT;
      }
      return 0;
    }
    case LinuxNr.mkdir:
    case LinuxNr.rmdir:
    case LinuxNr.unlink:
    case LinuxNr.chdir:
    case LinuxNr.access:
    case LinuxNr.chmod: {
      const s = path(sys, t, a[0]! >>> 0);
      if (typeof s === 'number') return s;
      if (nr === LinuxNr.mkdir) return fs.mkdir(s, a[1]! & 0o7777);
      if (nr === LinuxNr.rmdir) return fs.rmdir(s);
      if (nr === LinuxNr.unlink) return fs.unlink(s);
      if (nr === LinuxNr.chdir) return fs.chdir(s);
      if (nr === LinuxNr.chmod) return fs.chmod(s, a[1]! & 0o7777);
      return fs.access(s, a[1]!);
    }
    case LinuxNr.mkdirat:
    case LinuxNr.unlinkat:
    case LinuxNr.faccessat: {
      const s = path(sys, t, a[1]! >>> 0);
      if (typeof s === 'number') return s;
      if (nr === LinuxNr.mkdirat) return fs.mkdirat(a[0]!, s, a[2]! & 0o7777);
      if (nr === LinuxNr.unlinkat) return fs.unlinkat(a[0]!, s, a[2]!);
      return fs.faccessat(a[0]!, s, a[2]!, 0);
    }
    case LinuxNr.rename:
    case LinuxNr.link:
    case LinuxNr.symlink: {
      const s1 = path(sys, t, a[0]! >>> 0);
      if (typeof s1 === 'number') return s1;
      const s2 = path(sys, t, a[1]! >>> 0);
      if (typeof s2 === 'number') return s2;
      if (nr === LinuxNr.rename) return fs.rename(s1, s2);
      if (nr === LinuxNr.link) return fs.link(s1, s2);
      return fs.symlink(s1, s2);
    }
    case LinuxNr.readlink:
    case LinuxNr.readlinkat: {
      const off = nr === LinuxNr.readlinkat ? 1 : 0;
      const s = path(sys, t, a[off]! >>> 0);
      if (typeof s === 'number') return s;
      if (s === '/proc/self/exe') return -ENOENT;
      const len = Math.min(a[off + 2]! >>> 0, 4096);
      const b = new Uint8Array(len);
      const n = nr === LinuxNr.readlinkat ? fs.readlinkat(a[0]!, s, b) : fs.readlink(s, b);
      if (n <= 0) return n;
      return writeBytes(sys, space, a[off + 1]! >>> 0, b.subarray(0, n)) < 0 ? -EFAULT : n;
    }
    case LinuxNr.getcwd: {
      const len = Math.min(a[1]! >>> 0, 4096);
      const b = new Uint8Array(len);
      const n = fs.getcwd(b);
      if (n < 0) return n === -ERANGE ? -ERANGE : n;
      return writeBytes(sys, space, a[0]! >>> 0, b.subarray(0, n)) < 0 ? -EFAULT : n;
    }
    case LinuxNr.fchdir:
      return fs.fchdir(a[0]!);
    case LinuxNr.umask:
      return fs.umask(a[0]! & 0o777);
    case LinuxNr.ftruncate:
      return fs.ftruncate(a[0]!, a[1]! >>> 0);
    case LinuxNr.ftruncate64:
      return fs.ftruncate(a[0]!, (a[2]! >>> 0) + a[3]! * 0x100000000);
    case LinuxNr.truncate:
    case LinuxNr.truncate64: {
      const s = path(sys, t, a[0]! >>> 0);
      if (typeof s === 'number') return s;
      return fs.truncate(s, nr === LinuxNr.truncate ? a[1]! >>> 0 : (a[2]! >>> 0) + a[3]! * 0x100000000);
    }
    case LinuxNr.fsync:
    case LinuxNr.fdatasync:
      return fs.fsync(a[0]!);
    case LinuxNr.brk:
      return sys.vm.brk(space, a[0]! >>> 0);
    case LinuxNr.mmap2:
      return mmap2(sys, t, a);
    case LinuxNr.munmap:
      return sys.vm.munmap(space, a[0]! >>> 0, a[1]! >>> 0);
    case LinuxNr.mprotect:
      return sys.vm.mprotect(space, a[0]! >>> 0, a[1]! >>> 0, a[2]! & 7);
    case LinuxNr.msync:
      return sys.vm.msync(space, a[0]! >>> 0, a[1]! >>> 0, a[2]!);
    case LinuxNr.madvise:
      return 0;
    case LinuxNr.mremap:
      return mremap(sys, t, a);
    case LinuxNr.getpid:
      return p.pid;
    case LinuxNr.getppid:
      return p.ppid;
    case LinuxNr.gettid:
      return t.ltid;
    case LinuxNr.getpgrp:
      return p.pgid;
    case LinuxNr.getpgid:
    case LinuxNr.getsid: {
      const q = a[0] === 0 ? p : sys.procs.get(a[0]!);
      if (q === undefined || q.zombie) return -ESRCH;
      return nr === LinuxNr.getpgid ? q.pgid : q.sid;
    }
    case LinuxNr.setsid:
      if (p.pgid === p.pid) return -EPERM;
      p.sid = p.pid;
      p.pgid = p.pid;
      return p.sid;
    case LinuxNr.setpgid: {
      const q = a[0] === 0 ? p : sys.procs.get(a[0]!);
      if (q === undefined || q.zombie || (q !== p && q.ppid !== p.pid)) return -ESRCH;
      const pgid = a[1] === 0 ? q.pid : a[1]!;
      if (pgid < 0) return -EINVAL;
      if (q.sid !== p.sid || q.pid === q.sid) return -EPERM;
      if (pgid !== q.pid && ![...sys.procs.values()].some((x) => !x.zombie && x.pgid === pgid && x.sid === p.sid)) return -EPERM;
      q.pgid = pgid;
      return 0;
    }
    case LinuxNr.reboot:
      return reboot(sys, t, a);
    case LinuxNr.getuid:
    case LinuxNr.getgid:
    case LinuxNr.geteuid:
    case LinuxNr.getegid:
    case LinuxNr.getuid32:
    case LinuxNr.getgid32:
    case LinuxNr.geteuid32:
    case LinuxNr.getegid32:
      return 0;
    case LinuxNr.set_tid_address:
      t.clearTid = a[0]! >>> 0;
      return t.ltid;
    case LinuxNr.set_robust_list:
    case LinuxNr.rseq:
      return -ENOSYS;
    case LinuxNr.uname:
      return uname(sys, t, a[0]! >>> 0);
    case LinuxNr.ugetrlimit:
      return rlimit(sys, t, a[0]!, a[1]! >>> 0, false);
    case LinuxNr.prlimit64:
      if (a[0] !== 0 && a[0] !== p.pid) return -ESRCH;
      return rlimit(sys, t, a[1]!, a[3]! >>> 0, true);
    case LinuxNr.getrandom:
      return getrandom(sys, t, a[0]! >>> 0, a[1]! >>> 0);
    case LinuxNr.clock_gettime:
      return clockGettime(sys, t, a[0]!, a[1]! >>> 0, false);
    case LinuxNr.clock_gettime64:
      return clockGettime(sys, t, a[0]!, a[1]! >>> 0, true);
    case LinuxNr.gettimeofday:
      return gettimeofday(sys, t, a[0]! >>> 0);
    case LinuxNr.clock_getres:
    case LinuxNr.clock_getres_time64:
      if (a[1] === 0) return 0;
      return writeWords(sys, space, a[1]! >>> 0, nr === LinuxNr.clock_getres ? [0, 1] : [0, 0, 1, 0]) < 0 ? -EFAULT : 0;
    case LinuxNr.sched_yield:
      return yieldCpu(sys, t);
    case LinuxNr.nanosleep:
      return sleep(sys, t, a, 1, 0, a[0]! >>> 0, a[1]! >>> 0, false);
    case LinuxNr.clock_nanosleep:
    case LinuxNr.clock_nanosleep_time64:
      return sleep(sys, t, a, a[0]!, a[1]!, a[2]! >>> 0, a[3]! >>> 0, nr === LinuxNr.clock_nanosleep_time64);
    case LinuxNr.poll:
    case LinuxNr.ppoll:
    case LinuxNr.ppoll_time64:
      return poll(sys, t, a, nr !== LinuxNr.poll, nr === LinuxNr.ppoll_time64);
    case LinuxNr._newselect:
    case LinuxNr.pselect6:
    case LinuxNr.pselect6_time64:
      return select(sys, t, a, nr !== LinuxNr._newselect, nr === LinuxNr.pselect6_time64);
    case LinuxNr.setitimer:
    case LinuxNr.getitimer:
      return itimer(sys, t, a, nr === LinuxNr.setitimer);
    case LinuxNr.times:
      return times(sys, t, a[0]! >>> 0);
    case LinuxNr.rt_sigaction:
      return signals.sigaction(sys, t, a);
    case LinuxNr.rt_sigprocmask:
      return sigprocmask(sys, t, a);
    case LinuxNr.rt_sigpending:
      return signals.sigpending(sys, t, a);
    case LinuxNr.rt_sigsuspend:
      return signals.sigsuspend(sys, t, a);
    case LinuxNr.pause:
      return signals.pause(sys, t, a);
    case LinuxNr.sigaltstack:
      return signals.sigaltstack(sys, t, a);
    case LinuxNr.sigreturn:
    case LinuxNr.rt_sigreturn:
      return signals.sigreturn(sys, t, nr === LinuxNr.rt_sigreturn);
    case LinuxNr.kill:
      return signals.kill(sys, t, a[0]!, a[1]!, 0, false);
    case LinuxNr.tkill:
      return signals.kill(sys, t, 0, a[1]!, a[0]!, true);
    case LinuxNr.tgkill:
      return signals.kill(sys, t, a[0]!, a[2]!, a[1]!, true);
    case LinuxNr.futex:
    case LinuxNr.futex_time64:
      return futex(sys, t, a);
    case LinuxNr.shmget:
      return sys.vm.shmget(a[0]! >>> 0, a[1]! >>> 0, a[2]! & (Ipc.CREAT | Ipc.EXCL));
    case LinuxNr.shmat: {
      const r = sys.vm.shmat(space, a[0]!, a[2]! & Ipc.SHM_RDONLY);
      if (r >= 0 && a[1] !== 0 && (a[1]! >>> 0) !== r) {
        sys.vm.shmdt(space, r);
        return -EINVAL;
      }
      return r;
    }
    case LinuxNr.shmdt:
      return sys.vm.shmdt(space, a[0]! >>> 0);
    case LinuxNr.shmctl:
      // IPC_RMID: segments already go away at their last detach (the original's rule).
      if ((a[1]! & 0xff) === 0) return a[0]! >= 0 && a[0]! < SHM_IDS ? 0 : -EINVAL;
      return -EINVAL;
    case LinuxNr.ARM_set_tls:
      t.tls = a[0]! >>> 0;
      return sys.writeTls(t) < 0 ? -EFAULT : 0;
    case LinuxNr.ARM_get_tls:
      return t.tls;
    case LinuxNr.ARM_cacheflush:
      return 0;
    default:
      // A retried futex wait that was woken carries number -1.
      if (a[7] === -1) return 0;
      return -ENOSYS;
  }
}

/**
 * sched_yield: the pager cannot make another thread give up the processor, so the caller
 * returns through the trampoline's yield stub, which calls L4 thread_switch itself (its
 * return address is pushed on its stack). Thumb callers just get 0.
 */
function* yieldCpu(sys: Mm0, t: LThread): Step<number> {
  if (sys.thumbCall) return 0;
  const sp = (sys.regs[13]! - 4) >>> 0;
  if (writeWords(sys, t.proc.space, sp, [sys.regs[15]!]) < 0) return 0;
  sys.regs[13] = sp | 0;
  sys.regs[15] = LinuxLayout.Trampoline + TRAMPOLINE_YIELD;
  yield* sys.writeRegs(t.tid, (1 << 13) | (1 << 15));
  return 0;
}

/** A write to a pipe without readers: SIGPIPE to the writer (kills by default), else EPIPE. */
function sigpipe(sys: Mm0, t: LThread, r: number): SysResult {
  if (r !== -EPIPE) return r;
  return sigpipeSignal(sys, t, r);
}

function* sigpipeSignal(sys: Mm0, t: LThread, r: number): Step<number> {
  yield* signals.postSignal(sys, t.proc, SIGPIPE, signals.makeSiginfo(SIGPIPE, signals.SiCode.User, [t.proc.pid, 0]), { thread: t });
  return t.proc.zombie ? NO_REPLY : r;
}

function* gettimeofday(sys: Mm0, t: LThread, addr: number): Step<number> {
  const ns = yield* sys.now();
  if (addr === 0) return 0;
  const us = Math.floor(ns / 1000);
  return writeWords(sys, t.proc.space, addr, [Math.floor(us / 1e6) + EPOCH, us % 1e6]) < 0 ? -EFAULT : 0;
}

function* times(sys: Mm0, t: LThread, addr: number): Step<number> {
  const ns = yield* sys.now();
  const ticks = Math.floor(ns / 1e7);
  if (addr !== 0 && writeWords(sys, t.proc.space, addr, [ticks, 0, 0, 0]) < 0) return -EFAULT;
  return ticks;
}

function sigprocmask(sys: Mm0, t: LThread, a: Int32Array): number {
  const how = a[0]!;
  const space = t.proc.space;
  if (a[3] !== 8) return -EINVAL;
  const old = [t.sigmask[0]!, t.sigmask[1]!];
  if (a[1] !== 0) {
    const b = readBytes(sys, space, a[1]! >>> 0, 8);
    if (typeof b === 'number') return b;
    const dv = new DataView(b.buffer);
    const s0 = dv.getUint32(0, true);
    const s1 = dv.getUint32(4, true);
    if (how === 0) {
      t.sigmask[0]! |= s0;
      t.sigmask[1]! |= s1;
    } else if (how === 1) {
      t.sigmask[0]! &= ~s0;
      t.sigmask[1]! &= ~s1;
    } else if (how === 2) {
      t.sigmask[0] = s0;
      t.sigmask[1] = s1;
    } else {
      return -EINVAL;
    }
    t.sigmask[0]! &= ~((1 << 8) | (1 << 18));
  }
  if (a[2] !== 0 && writeWords(sys, space, a[2]! >>> 0, old) < 0) return -EFAULT;
  return 0;
}

/** reboot(2): POWER_OFF, HALT or RESTART ends the run as if init exited with status 0. */
function reboot(sys: Mm0, t: LThread, a: Int32Array): number {
  if (a[0]! >>> 0 !== 0xfee1dead || ![672274793, 85072278, 369367448, 537993216].includes(a[1]!)) return -EINVAL;
  const cmd = a[2]! >>> 0;
  if (cmd === 0 || cmd === 0x89abcdef) return 0; // CAD off / on
  if (cmd !== 0x4321fedc && cmd !== 0xcdef0123 && cmd !== 0x01234567) return -EINVAL;
  sys.trace(`[${t.proc.pid}] reboot: power off`);
  sys.cfg.onInitExit(0, false);
  return NO_REPLY;
}
