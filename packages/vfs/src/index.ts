/**
 * A POSIX file system layer: vnodes, fd tables, memfs, devfs, initramfs and pipes.
 * @packageDocumentation
 */
export type { CharDevice, CpioEntry, CpioSource, Credentials, DeferredBytes, MemfsOptions, ProcessOptions, Termios, TtyOptions, VfsOptions } from './api.js';
export {
  O_RDONLY, O_WRONLY, O_RDWR, O_ACCMODE, O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC, O_APPEND, O_NONBLOCK,
  O_DSYNC, O_DIRECTORY, O_NOFOLLOW, O_DIRECT, O_LARGEFILE, O_NOATIME, O_CLOEXEC, AT_FDCWD,
  AT_SYMLINK_NOFOLLOW, AT_REMOVEDIR, AT_EACCESS, AT_SYMLINK_FOLLOW, AT_EMPTY_PATH, SEEK_SET,
  SEEK_CUR, SEEK_END, F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_DUPFD_CLOEXEC, FD_CLOEXEC,
  S_IFMT, S_IFSOCK, S_IFLNK, S_IFREG, S_IFBLK, S_IFDIR, S_IFCHR, S_IFIFO, S_ISUID, S_ISGID,
  S_ISVTX, F_OK, X_OK, W_OK, R_OK, UTIME_NOW, UTIME_OMIT, DT_UNKNOWN, DT_FIFO, DT_CHR, DT_DIR,
  DT_BLK, DT_REG, DT_LNK, DT_SOCK, POLLIN, POLLOUT, POLLERR, POLLHUP, PAGE_SIZE, PATH_MAX,
  NAME_MAX, MAXSYMLINKS, PIPE_BUF, TCGETS, TCSETS, TCSETSW, TCSETSF, TIOCGWINSZ, TIOCSWINSZ,
  TCFLSH, TCSBRK, TIOCSCTTY, TIOCGPGRP, TIOCSPGRP, TIOCOUTQ, FIONREAD, TIOCNOTTY, TIOCGSID,
} from './constants.js';
export { Errno, WOULD_BLOCK, errnoName, type ErrnoName } from './errno.js';
export { FileData } from './file-data.js';
export { Vnode, type DirEntry } from './vnode.js';
export { Superblock, createMemfs } from './superblock.js';
export { OpenFile } from './open-file.js';
export { Pipe, PIPE_CAPACITY } from './pipe.js';
export { WaitQueue } from './wait-queue.js';
export { ConsoleDevice, NullDevice, ZeroDevice, makeDev, devMajor, devMinor } from './devices.js';
export { Stat, STAT64_SIZE, encodeStat64, fillStat } from './stat.js';
export { VfsProcess } from './process.js';
export { Vfs, VfsError } from './vfs.js';
export { decodeDirents, direntType } from './dirent64.js';
export { CpioError, listCpio, packCpio, unpackCpio, type UnpackOptions } from './cpio.js';
export { Tty, TTY_INPUT_CAPACITY, ttyIoctlArg, ttyIoctlChanges, type TtyAccess, type TtyIoctlArg } from './tty.js';
export {
  TERMIOS_SIZE, NCCS, TERMIOS_CC_OFFSET, WINSIZE_SIZE, VINTR, VQUIT, VERASE, VKILL, VEOF, VTIME, VMIN, VSTART,
  VSTOP, VSUSP, VEOL, VREPRINT, VWERASE, VLNEXT, VEOL2, ISTRIP, INLCR, IGNCR, ICRNL, IXON, IMAXBEL, IUTF8, OPOST,
  ONLCR, OCRNL, ONOCR, ONLRET, B38400, CS8, CREAD, HUPCL, ISIG, ICANON, ECHO, ECHOE, ECHOK, ECHONL, NOFLSH, TOSTOP,
  ECHOCTL, ECHOKE, IEXTEN, SIGINT, SIGQUIT, SIGTSTP, SIGWINCH, defaultTermios, encodeTermios, decodeTermios,
} from './termios.js';
