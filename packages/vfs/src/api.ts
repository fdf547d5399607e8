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
