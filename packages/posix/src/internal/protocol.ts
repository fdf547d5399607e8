import { IPC_EXTENDED_MAX, getMr, send, setMr } from '@codezero-ts/kernel';
import { checkIntegrity } from '@codezero-ts/vm-objects';
import { LinuxNr } from './linux-numbers.js';
import { linuxSyscall } from './linux-syscalls.js';
import type { Mm0, Step } from './mm0.js';
import { NO_REPLY } from './mm0.js';
import type { LThread } from './process.js';

/**
 * The request tags of Codezero's POSIX IPC protocol (spec §2.1) that L4-native clients send
 * the pager: MR0 = tag, MR1 = sender, MR2.. = arguments; the reply's MR0 is the result.
 */
export const PosixTag = {
  SyncExtended: 3,
  ShmGet: 6,
  ShmAt: 7,
  ShmDt: 8,
  Mmap: 9,
  Munmap: 10,
  Msync: 11,
  Open: 12,
  Read: 13,
  Write: 14,
  Lseek: 15,
  Close: 16,
  Brk: 17,
  Readdir: 18,
  Mkdir: 19,
  Execve: 20,
  Chdir: 21,
  Fork: 22,
  Stat: 23,
  Fstat: 24,
  Fsync: 25,
  Clone: 26,
  Exit: 27,
  Wait: 28,
} as const;

/**
 * How one tag maps onto the Linux personality: the Linux call that implements it, how many
 * argument words it takes (from MR2 on; MR6 and MR7 live in the UTCB, so a tag with more
 * than four arguments must be sent as a full IPC), and its name for traces.
 */
interface TagSpec {
  readonly name: string;
  readonly nr: number;
  readonly args: number;
}

const SPECS: readonly (TagSpec | undefined)[] = (() => {
  const s: (TagSpec | undefined)[] = [];
  const def = (tag: number, name: string, nr: number, args: number): void => {
    s[tag] = { name, nr, args };
  };
  def(PosixTag.ShmGet, 'SHMGET', LinuxNr.shmget, 3);
  def(PosixTag.ShmAt, 'SHMAT', LinuxNr.shmat, 3);
  def(PosixTag.ShmDt, 'SHMDT', LinuxNr.shmdt, 1);
  def(PosixTag.Mmap, 'MMAP', LinuxNr.mmap2, 6);
  def(PosixTag.Munmap, 'MUNMAP', LinuxNr.munmap, 2);
  def(PosixTag.Msync, 'MSYNC', LinuxNr.msync, 3);
  def(PosixTag.Open, 'OPEN', LinuxNr.open, 3);
  def(PosixTag.Read, 'READ', LinuxNr.read, 3);
  def(PosixTag.Write, 'WRITE', LinuxNr.write, 3);
  def(PosixTag.Lseek, 'LSEEK', LinuxNr.lseek, 3);
  def(PosixTag.Close, 'CLOSE', LinuxNr.close, 1);
  def(PosixTag.Brk, 'BRK', LinuxNr.brk, 1);
  def(PosixTag.Readdir, 'READDIR', LinuxNr.getdents64, 3);
  def(PosixTag.Mkdir, 'MKDIR', LinuxNr.mkdir, 2);
  def(PosixTag.Execve, 'EXECVE', LinuxNr.execve, 3);
  def(PosixTag.Chdir, 'CHDIR', LinuxNr.chdir, 1);
  def(PosixTag.Fork, 'FORK', LinuxNr.fork, 0);
  def(PosixTag.Stat, 'STAT', LinuxNr.stat64, 2);
  def(PosixTag.Fstat, 'FSTAT', LinuxNr.fstat64, 2);
  def(PosixTag.Fsync, 'FSYNC', LinuxNr.fsync, 1);
  def(PosixTag.Clone, 'CLONE', LinuxNr.clone, 4);
  def(PosixTag.Exit, 'EXIT', LinuxNr.exit, 1);
  def(PosixTag.Wait, 'WAIT', LinuxNr.wait4, 3);
  return s;
})();

const EINVAL = 22;
const ENOSYS = 38;

/** Threads whose call in progress came over the protocol: their reply is an IPC, not r0. */
const pending = new WeakSet<LThread>();

/** The protocol name of `tag` (SYNC, OPEN…), or undefined for a tag it does not define. */
export function protocolTagName(tag: number): string | undefined {
  if (tag === 4) return 'SYNC_FULL';
  if (tag === 5) return 'SYNC';
  if (tag === PosixTag.SyncExtended) return 'SYNC_EXTENDED';
  return SPECS[tag]?.name;
}

/** Whether `tag` is a request {@link serveProtocol} answers (SYNC_EXTENDED and SHMGET..WAIT). */
export function isProtocolTag(tag: number): boolean {
  return tag === PosixTag.SyncExtended || SPECS[tag] !== undefined;
}

/** Whether `t`'s call in progress came over the protocol (then {@link protocolReply} answers it). */
export function isProtocolCall(t: LThread): boolean {
  return pending.has(t);
}

/**
 * Serves protocol request `tag` from thread `from` (its message is in mm0's message
 * registers). The Linux personality does the work, so both front ends share one
 * implementation: the arguments become a Linux call's argument block, the result goes back
 * in MR0. A client that is not waiting for the reply (it only sent) is served only for EXIT;
 * anything else is dropped, so that no client can make mm0 block on a reply.
 */
export function* serveProtocol(sys: Mm0, tag: number, from: number): Step<void> {
  const self = sys.self;
  const t = sys.threads.get(from);
  const name = protocolTagName(tag) ?? `tag ${tag}`;
  const waiting = sys.cfg.kernel.awaitsMessageFrom(from, self.tid);
  if (t === undefined || (!waiting && tag !== PosixTag.Exit)) {
    sys.trace(`[tid ${from}] ipc ${name} to mm0 dropped (${t === undefined ? 'not a POSIX thread' : 'the sender does not wait for a reply'})`);
    if (t === undefined && waiting) yield* sendResult(sys, from, -ENOSYS);
    return;
  }
  if (tag === PosixTag.SyncExtended) {
    yield* sendResult(sys, from, syncExtended(sys, t));
    return;
  }
  const spec = SPECS[tag]!;
  const a = new Int32Array(8);
  for (let i = 0; i < spec.args; i++) a[i] = getMr(self, 2 + i) | 0;
  a[7] = spec.nr;
  if (tag === PosixTag.Clone && (a[0]! & 0x100) === 0) {
    // A protocol clone makes threads; processes come from FORK.
    yield* sendResult(sys, from, -EINVAL);
    return;
  }
  if (tag === PosixTag.Fork || tag === PosixTag.Clone) {
    // The child resumes from a copy of the caller's context as if its call had returned:
    // r0 (the IPC result) is set to 0 by fork/clone, r3 (MR0, the call's result) here.
    yield* sys.readRegs(from);
    sys.regs[3] = 0;
  }
  sys.thumbCall = false;
  sys.trace(`[${t.proc.pid}] ipc ${name} to mm0`);
  pending.add(t);
  sys.syscalls++;
  let r = linuxSyscall(sys, t, a);
  if (typeof r !== 'number') r = yield* r;
  if (r === NO_REPLY) {
    // It blocked (its reply comes through mm0's reply, which asks isProtocolCall) or is gone.
    if (!sys.parked.has(from)) pending.delete(t);
    return;
  }
  yield* protocolReply(sys, t, r);
}

/**
 * Replies to `t`'s protocol call with MR0 = `value` (MR1 = mm0), if it still waits for
 * it. Signals pending for `t` are not delivered here: they wait for its next Linux call or fault.
 */
export function* protocolReply(sys: Mm0, t: LThread, value: number): Step<void> {
  pending.delete(t);
  if (sys.mapper.pending) yield* sys.flush();
  yield* sendResult(sys, t.tid, value);
}

/** Sends MR0 = `value` to `tid` when it waits for mm0 (a reply nobody waits for is dropped). */
function* sendResult(sys: Mm0, tid: number, value: number): Step<void> {
  const self = sys.self;
  if (!sys.cfg.kernel.awaitsMessageFrom(tid, self.tid)) return;
  setMr(self, 0, value);
  setMr(self, 1, self.tid);
  for (let i = 2; i < 6; i++) setMr(self, i, 0);
  yield send(tid);
}

/**
 * SYNC_EXTENDED: MR2 = buffer address, MR3 = length (at most 2048, the extended IPC
 * limit). mm0 reads the buffer from the client's memory (what an extended transfer would
 * have copied), runs its integrity check like SYNC, and answers the byte count, −EINVAL for
 * a bad length, −EFAULT for an unreadable buffer or −EIO when an invariant is broken.
 */
function syncExtended(sys: Mm0, t: LThread): number {
  const addr = getMr(sys.self, 2);
  const len = getMr(sys.self, 3);
  sys.trace(`[${t.proc.pid}] ipc SYNC_EXTENDED to mm0 (0x${addr.toString(16)}, ${len})`);
  if (len > IPC_EXTENDED_MAX) return -EINVAL;
  if (len > 0 && sys.vm.readUser(t.proc.space, addr, new Uint8Array(len)) < 0) return -14;
  const rep = checkIntegrity(sys.vm);
  if (!rep.ok) {
    sys.cfg.log(`mm0: integrity check failed: ${rep.problems.join('; ')}`);
    return -5;
  }
  return len;
}
