import type { VfsProcess } from '@codezero-ts/vfs';

/** A pending wait4 of a parent. */
export interface Waiter {
  /** The waiting thread. */
  readonly tid: number;
  /** pid argument of wait4 (-1 any, > 0 that child). */
  readonly pid: number;
  /** Where the status goes (0: nowhere). */
  readonly statusPtr: number;
}

/** A Linux process of the container. */
export interface Proc {
  /** Linux process id (its own namespace, see pids.ts; not a kernel thread id). */
  readonly pid: number;
  /** Parent pid (0 for init). */
  ppid: number;
  /** Process group id. */
  pgid: number;
  /** Session id. */
  sid: number;
  /**
   * The kernel space id, also the vm-objects space id. Several processes share one after
   * vfork or clone(CLONE_VM) without CLONE_THREAD, until they execve or exit; execve moves
   * the process to a fresh space.
   */
  space: number;
  /** Kernel thread-group id given to the kernel for its threads (a kernel tid). */
  ktgid: number;
  /** The program's name (last path component of the executable). */
  name: string;
  /** Descriptors, cwd, credentials. */
  fs: VfsProcess;
  /** Thread ids of its live threads. */
  readonly threads: Set<number>;
  /** Children by pid (live and zombie). */
  readonly children: Set<number>;
  /** True once every thread has exited (a zombie until reaped). */
  zombie: boolean;
  /** Linux wait status once a zombie. */
  status: number;
  /** A thread blocked in wait4, if any. */
  waiter: Waiter | null;
  /** vm file ids of files it mapped (executables, mmap): they stay readable while it lives. */
  readonly mappedFiles: Set<number>;
  /** UTCB slots in use in its space (the same set for every process sharing the space). */
  utcbSlots: Set<number>;
  /** rt_sigaction handlers. */
  readonly sigactions: Map<number, Uint8Array>;
  /** The parent thread suspended in vfork until this child execs or exits (null: none). */
  vforkParent: LThread | null;
}

/** A thread of a Linux process. */
export interface LThread {
  /** Kernel thread id (changes when a process that shared its space execs in a new one). */
  tid: number;
  /** Linux thread id (gettid); the main thread's is the pid. */
  readonly ltid: number;
  proc: Proc;
  /** The TLS pointer (set_tls). */
  tls: number;
  /** set_tid_address / CLONE_CHILD_CLEARTID address. */
  clearTid: number;
  /** Address of its UTCB page (see LinuxLayout.UtcbBase). */
  utcb: number;
  /** Blocked signal mask (two words). */
  readonly sigmask: Uint32Array;
}

/** Linux wait status of a normal exit. */
export function exitedStatus(code: number): number {
  return (code & 0xff) << 8;
}

/** Linux wait status of a death by signal. */
export function signaledStatus(signal: number): number {
  return signal & 0x7f;
}

/**
 * The process record of a fork-like child of `parent` (fork, vfork, clone without
 * CLONE_THREAD): the parent's groups, name and signal actions, a forked descriptor table,
 * one thread `tid` in `space`, owned (as its parent) by `ownerPid`.
 */
export function childProcess(parent: Proc, ownerPid: number, pid: number, tid: number, space: number, utcbSlots: Set<number>): Proc {
  return {
    pid,
    ppid: ownerPid,
    pgid: parent.pgid,
    sid: parent.sid,
    space,
    ktgid: tid,
    name: parent.name,
    fs: parent.fs.fork(),
    threads: new Set([tid]),
    children: new Set(),
    zombie: false,
    status: 0,
    waiter: null,
    mappedFiles: new Set(),
    utcbSlots,
    sigactions: new Map(parent.sigactions),
    vforkParent: null,
  };
}

/** CLONE_SETTLS and CLONE_CHILD_CLEARTID, as {@link childThread} reads them. */
const CLONE_SETTLS = 0x00080000;
const CLONE_CHILD_CLEARTID = 0x00200000;

/**
 * The thread record of a child of thread `t` created by fork or clone: kernel thread `tid`,
 * Linux tid `ltid` in `proc`, the caller's signal mask, and its TLS unless CLONE_SETTLS
 * gives `tls`; the tid word `ctidPtr` is cleared at exit with CLONE_CHILD_CLEARTID.
 */
export function childThread(t: LThread, tid: number, ltid: number, proc: Proc, flags: number, ctidPtr: number, tls: number): LThread {
  return {
    tid,
    ltid,
    proc,
    tls: (flags & CLONE_SETTLS) !== 0 ? tls : t.tls,
    clearTid: (flags & CLONE_CHILD_CLEARTID) !== 0 ? ctidPtr : 0,
    utcb: 0,
    sigmask: t.sigmask.slice(),
  };
}
