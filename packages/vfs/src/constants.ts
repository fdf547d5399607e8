/** Access mode and status flags of open(2), with the Linux ARM EABI values. */
export const O_RDONLY = 0;
/** Open for writing only. */
export const O_WRONLY = 1;
/** Open for reading and writing. */
export const O_RDWR = 2;
/** Mask of the access mode bits. */
export const O_ACCMODE = 3;
/** Create the file when it does not exist. */
export const O_CREAT = 0o100;
/** With O_CREAT: fail with EEXIST when the name exists. */
export const O_EXCL = 0o200;
/** Do not make a terminal the controlling terminal (accepted, no effect). */
export const O_NOCTTY = 0o400;
/** Truncate a regular file to length 0. */
export const O_TRUNC = 0o1000;
/** Every write goes to the end of the file. */
export const O_APPEND = 0o2000;
/** Calls that would wait return -EAGAIN instead. */
export const O_NONBLOCK = 0o4000;
/** Synchronous data writes (accepted, no effect in memory). */
export const O_DSYNC = 0o10000;
/** Fail with ENOTDIR unless the path names a directory (ARM value). */
export const O_DIRECTORY = 0o40000;
/** Fail with ELOOP when the last component is a symbolic link (ARM value). */
export const O_NOFOLLOW = 0o100000;
/** Direct I/O (ARM value; accepted, no effect). */
export const O_DIRECT = 0o200000;
/** Large file support (ARM value; glibc always sets it; accepted). */
export const O_LARGEFILE = 0o400000;
/** Do not update the access time (accepted). */
export const O_NOATIME = 0o1000000;
/** Set the close-on-exec flag of the new descriptor. */
export const O_CLOEXEC = 0o2000000;

/** The dirfd meaning "relative to the current working directory". */
export const AT_FDCWD = -100;
/** Do not follow a symbolic link in the last component. */
export const AT_SYMLINK_NOFOLLOW = 0x100;
/** unlinkat: remove a directory. */
export const AT_REMOVEDIR = 0x200;
/** faccessat: check with the effective ids. */
export const AT_EACCESS = 0x200;
/** linkat: follow a symbolic link in the old path. */
export const AT_SYMLINK_FOLLOW = 0x400;
/** An empty path names the dirfd itself. */
export const AT_EMPTY_PATH = 0x1000;

/** lseek from the start. */
export const SEEK_SET = 0;
/** lseek from the current position. */
export const SEEK_CUR = 1;
/** lseek from the end of the file. */
export const SEEK_END = 2;

/** fcntl: duplicate to the lowest free descriptor at or above arg. */
export const F_DUPFD = 0;
/** fcntl: read the descriptor flags (FD_CLOEXEC). */
export const F_GETFD = 1;
/** fcntl: set the descriptor flags. */
export const F_SETFD = 2;
/** fcntl: read the access mode and status flags. */
export const F_GETFL = 3;
/** fcntl: set the status flags O_APPEND, O_NONBLOCK, O_DIRECT, O_NOATIME. */
export const F_SETFL = 4;
/** fcntl: F_DUPFD with close-on-exec set. */
export const F_DUPFD_CLOEXEC = 1030;
/** The close-on-exec descriptor flag. */
export const FD_CLOEXEC = 1;

/** Mask of the file type bits of a mode. */
export const S_IFMT = 0o170000;
/** Socket. */
export const S_IFSOCK = 0o140000;
/** Symbolic link. */
export const S_IFLNK = 0o120000;
/** Regular file. */
export const S_IFREG = 0o100000;
/** Block device. */
export const S_IFBLK = 0o060000;
/** Directory. */
export const S_IFDIR = 0o040000;
/** Character device. */
export const S_IFCHR = 0o020000;
/** FIFO (pipe). */
export const S_IFIFO = 0o010000;
/** Set-user-id bit. */
export const S_ISUID = 0o4000;
/** Set-group-id bit. */
export const S_ISGID = 0o2000;
/** Sticky bit. */
export const S_ISVTX = 0o1000;

/** access(2): test for existence. */
export const F_OK = 0;
/** access(2): test for execute/search permission. */
export const X_OK = 1;
/** access(2): test for write permission. */
export const W_OK = 2;
/** access(2): test for read permission. */
export const R_OK = 4;

/** utimensat: set this time to now. */
export const UTIME_NOW = (1 << 30) - 1;
/** utimensat: leave this time unchanged. */
export const UTIME_OMIT = (1 << 30) - 2;

/** Directory entry types of `struct linux_dirent64`. */
export const DT_UNKNOWN = 0;
/** FIFO. */
export const DT_FIFO = 1;
/** Character device. */
export const DT_CHR = 2;
/** Directory. */
export const DT_DIR = 4;
/** Block device. */
export const DT_BLK = 6;
/** Regular file. */
export const DT_REG = 8;
/** Symbolic link. */
export const DT_LNK = 10;
/** Socket. */
export const DT_SOCK = 12;

/** Readiness: data can be read. */
export const POLLIN = 0x1;
/** Readiness: data can be written. */
export const POLLOUT = 0x4;
/** Readiness: error condition (pipe without readers). */
export const POLLERR = 0x8;
/** Readiness: the other end hung up. */
export const POLLHUP = 0x10;

/** Size of a page of file data (the chunk size of memfs). */
export const PAGE_SIZE = 4096;
/** Longest path accepted (including the terminating NUL in Linux terms). */
export const PATH_MAX = 4096;
/** Longest file name component. */
export const NAME_MAX = 255;
/** Symbolic links followed in one resolution before ELOOP. */
export const MAXSYMLINKS = 40;
/** Writes of at most this many bytes to a pipe are atomic. */
export const PIPE_BUF = 4096;

/** ioctl: read the terminal attributes (`struct termios`, 36 bytes on ARM). */
export const TCGETS = 0x5401;
/** ioctl: set the terminal attributes now. */
export const TCSETS = 0x5402;
/** ioctl: set the terminal attributes after output drains. */
export const TCSETSW = 0x5403;
/** ioctl: set the terminal attributes after output drains, flushing input. */
export const TCSETSF = 0x5404;
/** ioctl: read the window size (`struct winsize`, 8 bytes). */
export const TIOCGWINSZ = 0x5413;
/** ioctl: set the window size. */
export const TIOCSWINSZ = 0x5414;

/** ioctl: flush pending input and/or output (integer argument: TCIFLUSH 0, TCOFLUSH 1, TCIOFLUSH 2). */
export const TCFLSH = 0x540b;
/** ioctl: make the terminal the controlling terminal of the caller's session (integer argument). */
export const TIOCSCTTY = 0x540e;
/** ioctl: read the foreground process group (`pid_t`, 4 bytes). */
export const TIOCGPGRP = 0x540f;
/** ioctl: set the foreground process group (`pid_t`, 4 bytes). */
export const TIOCSPGRP = 0x5410;
/** ioctl: bytes of output not yet sent (`int`, 4 bytes). */
export const TIOCOUTQ = 0x5411;
/** ioctl: bytes ready to be read (`int`, 4 bytes). */
export const FIONREAD = 0x541b;
/** ioctl: give up the controlling terminal. */
export const TIOCNOTTY = 0x5422;
/** ioctl: read the session id of the terminal (`pid_t`, 4 bytes). */
export const TIOCGSID = 0x5429;
/** ioctl: send a break or, with a non-zero argument, wait until output drains (tcdrain). */
export const TCSBRK = 0x5409;
