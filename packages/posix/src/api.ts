/**
 * Public interfaces and types of @codezero-ts/posix.
 * @packageDocumentation
 */

import type { CharDevice, CpioSource } from '@codezero-ts/vfs';

/**
 * Options of {@link PosixSystem} and {@link bootPosix}.
 *
 * The root file system is a memfs, filled from `initramfs` (a cpio "newc" archive) and then
 * from `files`; `/dev` holds the console, null and zero devices.
 */
export interface PosixOptions {
  /**
   * A cpio newc archive unpacked into `/` at boot: its bytes, or a source read piece by
   * piece (a host file: the headers at boot, each file's bytes at the file's first use).
   */
  readonly initramfs?: Uint8Array | CpioSource;
  /** Extra files written into the root file system at boot (path → contents, mode 0755). */
  readonly files?: Readonly<Record<string, Uint8Array>>;
  /** Path of the first program (default `/bin/init`). */
  readonly init?: string;
  /** Its argument vector (default `[init]`). */
  readonly argv?: readonly string[];
  /** Its environment (default `['PATH=/bin', 'HOME=/']`). */
  readonly envp?: readonly string[];
  /**
   * Where guest console output and the servers' boot lines go (default: the kernel
   * platform's console port, byte by byte).
   */
  readonly console?: (bytes: Uint8Array) => void;
  /**
   * The device behind `/dev/console` (for example a vfs `Tty` with a line discipline).
   * Default: a vfs `ConsoleDevice` writing to {@link PosixOptions.console}. The servers'
   * boot lines still go to `console`.
   */
  readonly consoleDevice?: CharDevice;
  /**
   * Reports one line per Linux system call and fault (strace-like), and every unknown
   * system call. `true` writes the lines to the console; a function receives them.
   */
  readonly trace?: boolean | ((line: string) => void);
  /** Maximum number of processes alive at once (fork beyond it gives −EAGAIN). Default 64. */
  readonly maxProcesses?: number;
  /**
   * Source of `/proc/vmstat`'s `ipc_calls` (for example a platform's count of IPC calls
   * made by ARM threads). Default: the messages mm0 served (page faults + system calls).
   */
  readonly ipcCalls?: () => number;
  /**
   * Print the original's boot lines (`mm0: Started with thread id 1` …). Default true.
   */
  readonly bootLines?: boolean;
}

/** How a run of the POSIX system ended. */
export interface PosixExit {
  /**
   * `exited`: init called exit/exit_group; `killed`: init was killed (an unresolvable fault);
   * `idle`: nothing can run any more but init has not exited (it waits for input, or a
   * deadlock); `budget`: the instruction budget ran out; `panic`: the kernel panicked.
   */
  readonly reason: 'exited' | 'killed' | 'idle' | 'budget' | 'panic';
  /** init's exit status (0..255), or 128 + signal when killed; -1 when init did not end. */
  readonly status: number;
  /** Guest instructions executed by the kernel since it was created. */
  readonly instructions: number;
}

/** Counters for leak checks and statistics. */
export interface PosixStats {
  /** Live processes (zombies not yet reaped included). */
  readonly processes: number;
  /** Free frames of the pager's pool. */
  readonly freeFrames: number;
  /** Frames the pager manages. */
  readonly totalFrames: number;
  /** Live vm objects. */
  readonly vmObjects: number;
  /**
   * Free frames at boot: once the pager had set up memory (the root file system and
   * `/dev/zero` included), before it started init. Once every process has exited,
   * {@link PosixStats.freeFrames} is back to this count unless frames leaked. 0 before
   * the system started.
   */
  readonly bootFreeFrames: number;
  /** Live vm objects at boot, taken with {@link PosixStats.bootFreeFrames}. 0 before the system started. */
  readonly bootVmObjects: number;
  /** Page faults served. */
  readonly faults: number;
  /** Linux system calls served. */
  readonly syscalls: number;
}

/** Fixed addresses of a Linux process on this system (ARCHITECTURE.md §5). */
export const LinuxLayout = {
  /** First address above the initial stack. */
  StackTop: 0xbef00000,
  /** Bytes reserved for the stack below {@link LinuxLayout.StackTop} (demand-paged). */
  StackSize: 8 * 1024 * 1024,
  /**
   * First UTCB page: thread `i` of a process (in creation order, slots reused) has its L4
   * UTCB in the page at `UtcbBase + i × 4096`, so Linux threads can also use L4 IPC.
   */
  UtcbBase: 0xbef00000,
  /** UTCB slots per process (the pages between the stack top and the trampoline). */
  UtcbSlots: 255,
  /**
   * One read/execute page of helper code (the tail of the emulated kuser helpers), present
   * in every process.
   */
  Trampoline: 0xbefff000,
  /** The kuser helpers page of ARM Linux. */
  KuserPage: 0xffff0000,
  /** `__kuser_memory_barrier`. */
  KuserBarrier: 0xffff0fa0,
  /** `__kuser_cmpxchg`. */
  KuserCmpxchg: 0xffff0fc0,
  /** `__kuser_get_tls`. */
  KuserGetTls: 0xffff0fe0,
  /** `__kuser_helper_version` (a word). */
  KuserVersion: 0xffff0ffc,
} as const;

/** Error codes of {@link PosixError} (host-side misuse, never guest behaviour). */
export type PosixErrorCode = 'bad-option' | 'no-init' | 'bad-elf' | 'no-memory' | 'bad-state';
