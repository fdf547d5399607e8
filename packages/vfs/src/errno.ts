/**
 * Linux errno numbers as the ARM (EABI) kernel reports them. Every VFS call returns one of
 * these negated (for example `-Errno.ENOENT`, which is -2) when it fails.
 */
export const Errno = {
  EPERM: 1,
  ENOENT: 2,
  ESRCH: 3,
  EINTR: 4,
  EIO: 5,
  ENXIO: 6,
  E2BIG: 7,
  ENOEXEC: 8,
  EBADF: 9,
  ECHILD: 10,
  EAGAIN: 11,
  ENOMEM: 12,
  EACCES: 13,
  EFAULT: 14,
  ENOTBLK: 15,
  EBUSY: 16,
  EEXIST: 17,
  EXDEV: 18,
  ENODEV: 19,
  ENOTDIR: 20,
  EISDIR: 21,
  EINVAL: 22,
  ENFILE: 23,
  EMFILE: 24,
  ENOTTY: 25,
  ETXTBSY: 26,
  EFBIG: 27,
  ENOSPC: 28,
  ESPIPE: 29,
  EROFS: 30,
  EMLINK: 31,
  EPIPE: 32,
  EDOM: 33,
  ERANGE: 34,
  EDEADLK: 35,
  ENAMETOOLONG: 36,
  ENOLCK: 37,
  ENOSYS: 38,
  ENOTEMPTY: 39,
  ELOOP: 40,
  EOVERFLOW: 75,
  EOPNOTSUPP: 95,
} as const;

/** The name of one errno constant, such as `'ENOENT'`. */
export type ErrnoName = keyof typeof Errno;

const names = new Map<number, ErrnoName>();
for (const [k, v] of Object.entries(Errno)) names.set(v, k as ErrnoName);

/**
 * The symbolic name of an errno number (positive or negated), or `undefined` when the
 * number is not one of {@link Errno}.
 */
export function errnoName(errno: number): ErrnoName | undefined {
  return names.get(Math.abs(errno));
}

/**
 * Returned by calls that would have to wait (a read from an empty pipe or console, a write
 * to a full pipe) on a descriptor without `O_NONBLOCK`. It lies outside the errno range
 * (-4095..-1), so it can never be mistaken for an error a guest may see: a server parks the
 * caller, waits with {@link VfsProcess.waitReady}, and repeats the call.
 */
export const WOULD_BLOCK = -0x10000;
