/**
 * Public interfaces and types of @codezero-ts/vfs.
 * @packageDocumentation
 */

/**
 * A character device driver, reached through a device node (`S_IFCHR`) whose `rdev`
 * matches the major/minor numbers it was registered under with `Vfs.registerCharDevice`.
 * All methods return a byte count (>= 0), a negative errno, or `WOULD_BLOCK`.
 */
export interface CharDevice {
  /**
   * Reads into `buf[offset .. offset+length)`. When nothing is available return
   * `WOULD_BLOCK` if `nonblock` is false, `-EAGAIN` when it is true.
   */
  read(buf: Uint8Array, offset: number, length: number, nonblock: boolean): number;
  /** Writes `buf[offset .. offset+length)`; returns bytes accepted. */
  write(buf: Uint8Array, offset: number, length: number, nonblock: boolean): number;
  /** Current readiness as a mask of POLLIN / POLLOUT / POLLHUP / POLLERR. */
  poll(): number;
  /**
   * False for stream devices such as terminals, where lseek, pread and pwrite fail with
   * ESPIPE as on Linux; true (lseek returns 0) for devices like `/dev/null`. Default true.
   */
  readonly seekable?: boolean;
  /**
   * Parks `wake` until readiness may have changed; returns a function that cancels it.
   * Devices that are always ready may call `wake` at once.
   */
  wait(wake: () => void): () => void;
  /**
   * Device control (ioctl). `arg` is the guest buffer the request reads or fills, or null.
   * Return 0 (or a request-specific value) or a negative errno; leave it out for devices
   * without controls, which answer -ENOTTY.
   */
  ioctl?(request: number, arg: Uint8Array | null): number;
}

/** Process credentials and defaults for `Vfs.createProcess`. */
export interface ProcessOptions {
  /** Real and effective user id. Default 0 (root). */
  readonly uid?: number;
  /** Real and effective group id. Default 0. */
  readonly gid?: number;
  /** Supplementary groups. Default none. */
  readonly groups?: readonly number[];
  /** File mode creation mask. Default 0o022. */
  readonly umask?: number;
  /** Highest descriptor + 1 (RLIMIT_NOFILE). Default 1024. */
  readonly maxFds?: number;
  /** Initial working directory (absolute path). Default "/". */
  readonly cwd?: string;
}

/** Options of `Vfs` construction. */
export interface VfsOptions {
  /**
   * Clock giving the current time in milliseconds since the epoch, used for timestamps.
   * Default `() => 0`, so a VFS is deterministic unless a clock is injected.
   */
  readonly clock?: () => number;
  /** Byte quota of the root memfs (data pages counted in 4 KiB units). Default unlimited. */
  readonly quotaBytes?: number;
}

/** Options of a memfs superblock. */
export interface MemfsOptions {
  /** Byte quota (data pages counted in 4 KiB units); writes past it fail with ENOSPC. */
  readonly quotaBytes?: number;
}

/**
 * Bytes of a known length that are loaded only when first needed ({@link FileData.adopt}):
 * a file of an initramfs read from its host file at the file's first use.
 */
export interface DeferredBytes {
  /** How many bytes {@link DeferredBytes.load} gives. */
  readonly length: number;
  /** Loads the bytes (called at most once per file); the caller never writes them. */
  load(): Uint8Array;
}

/**
 * A cpio archive read piece by piece, for example from a host file, so that
 * {@link unpackCpio} reads only the headers at once and each file's bytes at the file's
 * first use.
 */
export interface CpioSource {
  /** Length of the archive in bytes. */
  readonly size: number;
  /** `length` bytes of the archive from byte `offset` (inside `size`). */
  read(offset: number, length: number): Uint8Array;
}

/** One entry of a packed or unpacked cpio newc archive, as reported by `listCpio`. */
export interface CpioEntry {
  /** Path inside the archive, without a leading "./" or "/". */
  readonly name: string;
  /** Full mode (type and permission bits). */
  readonly mode: number;
  /** Owner. */
  readonly uid: number;
  /** Group. */
  readonly gid: number;
  /** Link count recorded in the archive. */
  readonly nlink: number;
  /** Modification time, seconds. */
  readonly mtime: number;
  /** Inode number recorded in the archive. */
  readonly ino: number;
  /** Major number of the device the file lived on (hard links share ino and device). */
  readonly devMajor: number;
  /** Minor number of that device. */
  readonly devMinor: number;
  /** Device major/minor of a device node. */
  readonly rdevMajor: number;
  /** Device minor. */
  readonly rdevMinor: number;
  /** Contents of a regular file, or the target bytes of a symbolic link. */
  readonly data: Uint8Array;
}

/** Who is asking: the ids that permission checks use (a `VfsProcess` is one). */
export interface Credentials {
  /** Real user id. */
  uid: number;
  /** Real group id. */
  gid: number;
  /** Effective user id (used for permission checks). */
  euid: number;
  /** Effective group id. */
  egid: number;
  /** Supplementary group ids. */
  groups: readonly number[];
}

/**
 * Terminal attributes, the fields of the kernel's `struct termios` (ARM Linux: four 32-bit
 * flag words, `c_line`, 19 control characters; 36 bytes).
 */
export interface Termios {
  /** Input modes (`ICRNL`, `INLCR`, `IGNCR`, `IXON`, `ISTRIP`…). */
  iflag: number;
  /** Output modes (`OPOST`, `ONLCR`, `OCRNL`, `ONOCR`, `ONLRET`). */
  oflag: number;
  /** Control modes (recorded and reported; baud and parity mean nothing here). */
  cflag: number;
  /** Local modes (`ISIG`, `ICANON`, `ECHO`, `ECHOE`, `ECHOK`, `ECHONL`, `NOFLSH`, `ECHOCTL`, `ECHOKE`, `IEXTEN`). */
  lflag: number;
  /** Line discipline number (0, N_TTY). */
  line: number;
  /** Control characters indexed by `VINTR`, `VQUIT`, `VERASE`… (19 bytes; 0 disables one). */
  cc: Uint8Array;
}

/** Options of a {@link Tty}. */
export interface TtyOptions {
  /**
   * Receives every chunk the terminal sends to the screen (program output after output
   * processing, and echoes), e.g. a UART model or the host's stdout. The array is the
   * TTY's own copy; the sink may keep it. Default: discard.
   */
  readonly sink?: (bytes: Uint8Array) => void;
  /**
   * Called when an input character generates a signal (`ISIG`: INTR → 2 SIGINT, QUIT → 3
   * SIGQUIT, SUSP → 20 SIGTSTP) or the window size changes (28 SIGWINCH), with the
   * foreground process group (0 when none was set). Delivering it is the caller's job.
   */
  readonly onSignal?: (signal: number, pgrp: number) => void;
  /** Window rows reported by TIOCGWINSZ. Default 24. */
  readonly rows?: number;
  /** Window columns reported by TIOCGWINSZ. Default 80. */
  readonly columns?: number;
  /**
   * When true (the default), ^H (BS, 8) erases a character in canonical mode like VERASE
   * does, as most users expect from a console whatever their terminal sends. Linux's n_tty
   * honours only VERASE; set false for exactly that behaviour.
   */
  readonly backspaceErases?: boolean;
}
