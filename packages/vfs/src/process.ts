import type { ProcessOptions } from './api.js';
import {
  AT_EMPTY_PATH,
  AT_FDCWD,
  AT_REMOVEDIR,
  AT_SYMLINK_NOFOLLOW,
  F_DUPFD,
  F_DUPFD_CLOEXEC,
  F_GETFD,
  F_GETFL,
  F_SETFD,
  F_SETFL,
  FD_CLOEXEC,
  O_APPEND,
  O_CLOEXEC,
  O_CREAT,
  O_DIRECT,
  O_NOATIME,
  O_NONBLOCK,
  O_TRUNC,
  O_WRONLY,
  POLLERR,
  POLLHUP,
  POLLIN,
  POLLOUT,
  S_IFDIR,
  S_IFIFO,
  S_IFMT,
  S_ISGID,
  S_ISUID,
  SEEK_CUR,
  SEEK_END,
  SEEK_SET,
} from './constants.js';
import { Errno } from './errno.js';
import type { Credentials } from './api.js';
import { permission } from './internal/credentials.js';
import { encodeDirents } from './dirent64.js';
import { setMode, setOwner, sysFaccessat, sysUtimensat } from './internal/attributes.js';
import { sysOpenat, sysPipe2 } from './internal/open.js';
import { sysLinkat, sysMkdirat, sysMknodat, sysReadlinkat, sysRenameat2, sysSymlinkat, sysUnlinkat } from './internal/namespace.js';
import { Follow, Lookup, dotdot, walk } from './internal/resolve.js';
import type { OpenFile } from './open-file.js';
import { fillStat, type Stat } from './stat.js';
import type { Vfs } from './vfs.js';
import type { Vnode } from './vnode.js';

/** Largest file size accepted (the largest integer a double holds exactly). */
const MAX_FILE_SIZE = Number.MAX_SAFE_INTEGER;
/** Status flags F_SETFL may change. */
const SETFL_MASK = O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME;
const utf8 = new TextEncoder();

/**
 * One process's view of a {@link Vfs}: descriptor table, working directory, umask and
 * credentials, with the file system calls in Linux shape. Every call returns a number:
 * >= 0 on success (a descriptor, a byte count, a position, or 0) or a negative errno of
 * {@link Errno}; reads and writes that would wait return `WOULD_BLOCK` instead.
 */
export class VfsProcess implements Credentials {
  /** Real user id. */
  uid: number;
  /** Real group id. */
  gid: number;
  /** Effective user id (used for permission checks). */
  euid: number;
  /** Effective group id. */
  egid: number;
  /** Supplementary groups. */
  groups: readonly number[];
  /** Descriptor limit (RLIMIT_NOFILE). */
  readonly maxFds: number;
  /** The file system this process works in. */
  readonly vfs: Vfs;
  private cwdNode: Vnode;
  /** @internal The umask. */
  mask: number;
  private files: (OpenFile | null)[] = [];
  private cloexec: boolean[] = [];
  /** @internal Scratch lookup results (no allocation per call). */
  readonly lk = new Lookup();
  /** @internal A second scratch lookup for two-path calls (rename, link). */
  readonly lk2 = new Lookup();

  constructor(vfs: Vfs, options: ProcessOptions = {}) {
    this.vfs = vfs;
    this.uid = this.euid = options.uid ?? 0;
    this.gid = this.egid = options.gid ?? 0;
    this.groups = options.groups ?? [];
    this.mask = (options.umask ?? 0o022) & 0o777;
    this.maxFds = options.maxFds ?? 1024;
    this.cwdNode = vfs.root;
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * A child process: same credentials, cwd and umask, and a copy of the descriptor table
   * whose entries share the open file descriptions (and so their offsets) with the parent.
   */
  fork(): VfsProcess {
    const c = new VfsProcess(this.vfs, { uid: this.uid, gid: this.gid, groups: this.groups, umask: this.mask, maxFds: this.maxFds });
    c.euid = this.euid;
    c.egid = this.egid;
    c.cwdNode = this.cwdNode;
    for (let fd = 0; fd < this.files.length; fd++) {
      const f = this.files[fd] ?? null;
      c.files[fd] = f;
      c.cloexec[fd] = this.cloexec[fd] ?? false;
      if (f !== null) f.refs++;
    }
    return c;
  }

  /** Closes every descriptor marked close-on-exec (what execve does to the table). */
  exec(): void {
    for (let fd = 0; fd < this.files.length; fd++) if (this.files[fd] && this.cloexec[fd] === true) this.close(fd);
  }

  /** Closes every descriptor (what exit does). */
  exit(): void {
    for (let fd = 0; fd < this.files.length; fd++) if (this.files[fd]) this.close(fd);
  }

  /** Sets the real and effective ids (a host-side helper for setuid-like calls). */
  setCredentials(uid: number, gid: number, groups: readonly number[] = this.groups): void {
    this.uid = this.euid = uid;
    this.gid = this.egid = gid;
    this.groups = groups;
  }

  /** Sets the umask; returns the previous one. */
  umask(mask: number): number {
    const old = this.mask;
    this.mask = mask & 0o777;
    return old;
  }

  /** Number of open descriptors. */
  openCount(): number {
    let n = 0;
    for (const f of this.files) if (f) n++;
    return n;
  }

  /** The open file description behind `fd`, or null. */
  fileOf(fd: number): OpenFile | null {
    return (fd | 0) === fd && fd >= 0 ? (this.files[fd] ?? null) : null;
  }

  // ---------------------------------------------------------------- helpers

  /** @internal The lowest free descriptor at or above `min`, or -EMFILE. */
  allocFd(min: number): number {
    for (let fd = min; fd < this.maxFds; fd++) if (!this.files[fd]) return fd;
    return -Errno.EMFILE;
  }

  /** @internal Puts `file` in slot `fd` with its close-on-exec flag. */
  install(fd: number, file: OpenFile, cloexec: boolean): void {
    while (this.files.length < fd) {
      this.files.push(null);
      this.cloexec.push(false);
    }
    this.files[fd] = file;
    this.cloexec[fd] = cloexec;
  }

  /** @internal Start directory for `path` under `dirfd` (cwd for AT_FDCWD), or a negative errno. */
  startOf(dirfd: number, path: string): Vnode | number {
    if (path.charCodeAt(0) === 47 || dirfd === AT_FDCWD) return this.cwdNode;
    const f = this.fileOf(dirfd);
    if (f === null) return -Errno.EBADF;
    if (!f.node.isDir) return -Errno.ENOTDIR;
    return f.node;
  }

  /** @internal Resolves `path` relative to `dirfd` into `out`. */
  lookup(dirfd: number, path: string, follow: Follow, out: Lookup): Lookup {
    const start = this.startOf(dirfd, path);
    if (typeof start === 'number') {
      out.reset().err = start;
      return out;
    }
    return walk(this, this.vfs.root, start, path, follow, out);
  }

  /** @internal Drops one reference to an open file description; the last one closes it. */
  release(file: OpenFile): void {
    if (--file.refs > 0) return;
    const node = file.node;
    node.opens--;
    const pipe = file.pipe;
    if (pipe !== null) {
      if (file.readable) {
        pipe.readers--;
        if (pipe.readers === 0) pipe.writeWait.wakeAll();
      }
      if (file.writable) {
        pipe.writers--;
        if (pipe.writers === 0) pipe.readWait.wakeAll();
      }
      if (pipe.readers === 0 && pipe.writers === 0 && (node.mode & S_IFMT) === S_IFIFO) node.pipe = null;
    }
    this.maybeFree(node);
  }

  /** @internal Frees the pages of a file that has neither names nor openers left. */
  maybeFree(node: Vnode): void {
    if (node.nlink === 0 && node.opens === 0 && node.data !== null) {
      node.sb.usedPages -= node.data.allocatedPages;
      node.data.truncate(0);
    }
  }

  /** @internal Truncates or extends a regular file (truncate, ftruncate, O_TRUNC). */
  setSize(node: Vnode, size: number): number {
    const data = node.data!;
    if (size > MAX_FILE_SIZE) return -Errno.EFBIG;
    const before = data.allocatedPages;
    data.truncate(size);
    node.sb.usedPages -= before - data.allocatedPages;
    this.dropPrivileges(node);
    this.vfs.touchModify(node);
    return 0;
  }

  /**
   * @internal A write or truncate by an unprivileged caller clears set-user-id, and
   * set-group-id when the group may execute (Linux's file_remove_privs).
   */
  dropPrivileges(node: Vnode): void {
    if (this.euid === 0 || (node.mode & (S_ISUID | S_ISGID)) === 0) return;
    node.mode &= ~S_ISUID;
    if ((node.mode & 0o010) !== 0) node.mode &= ~S_ISGID;
  }

  /** @internal Creates and links a new vnode owned by the caller (set-group-id directories pass on their group). */
  newNode(parent: Vnode, name: string, mode: number): Vnode {
    let gid = this.egid;
    let m = mode;
    if ((parent.mode & S_ISGID) !== 0) {
      gid = parent.gid;
      if ((mode & S_IFMT) === S_IFDIR) m |= S_ISGID;
    }
    const node = parent.sb.newVnode(m, this.euid, gid);
    this.vfs.touchNew(node);
    node.nlink = 1;
    if (node.isDir) {
      node.nlink = 2;
      node.parent = parent;
      node.name = name;
      parent.nlink++;
    }
    parent.link(name, node);
    this.vfs.touchModify(parent);
    return node;
  }

  // ---------------------------------------------------------------- open / close

  /** open(2): see {@link openat}. */
  open(path: string, flags: number, mode = 0): number {
    return this.openat(AT_FDCWD, path, flags, mode);
  }

  /** creat(2): open with O_CREAT | O_WRONLY | O_TRUNC. */
  creat(path: string, mode: number): number {
    return this.openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
  }

  /**
   * openat(2): opens (and with O_CREAT creates) a file; returns the lowest free descriptor.
   * Honours O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC,
   * O_NONBLOCK; a trailing slash with O_CREAT gives EISDIR; O_CREAT|O_DIRECTORY gives EINVAL
   * as on Linux 6.4 and later.
   */
  openat(dirfd: number, path: string, flags: number, mode = 0): number {
    return sysOpenat(this, dirfd, path, flags, mode);
  }

  /** close(2). */
  close(fd: number): number {
    const f = this.fileOf(fd);
    if (f === null) return -Errno.EBADF;
    this.files[fd] = null;
    this.cloexec[fd] = false;
    this.release(f);
    return 0;
  }

  /** pipe2(2): stores the read end in `out[0]` and the write end in `out[1]`. */
  pipe2(out: Int32Array | number[], flags = 0): number {
    return sysPipe2(this, out, flags);
  }

  // ---------------------------------------------------------------- data

  /** read(2) into `buf[offset .. offset+length)`. */
  read(fd: number, buf: Uint8Array, offset = 0, length = buf.length - offset): number {
    if (badRange(buf, offset, length)) return -Errno.EFAULT;
    const f = this.fileOf(fd);
    if (f === null || !f.readable) return -Errno.EBADF;
    const node = f.node;
    if (node.data !== null) {
      const n = node.data.read(f.pos, buf, offset, length);
      f.pos += n;
      return n;
    }
    if (f.pipe !== null) return f.pipe.read(buf, offset, length, (f.flags & O_NONBLOCK) !== 0);
    if (f.device !== null) return f.device.read(buf, offset, length, (f.flags & O_NONBLOCK) !== 0);
    if (node.isDir) return -Errno.EISDIR;
    return -Errno.EINVAL;
  }

  /** write(2) from `buf[offset .. offset+length)`. */
  write(fd: number, buf: Uint8Array, offset = 0, length = buf.length - offset): number {
    if (badRange(buf, offset, length)) return -Errno.EFAULT;
    const f = this.fileOf(fd);
    if (f === null || !f.writable) return -Errno.EBADF;
    const node = f.node;
    if (node.data !== null) {
      const pos = (f.flags & O_APPEND) !== 0 ? node.data.size : f.pos;
      const n = this.writeData(node, pos, buf, offset, length);
      if (n > 0) f.pos = pos + n;
      return n;
    }
    if (f.pipe !== null) return f.pipe.write(buf, offset, length, (f.flags & O_NONBLOCK) !== 0);
    if (f.device !== null) return f.device.write(buf, offset, length, (f.flags & O_NONBLOCK) !== 0);
    return -Errno.EINVAL;
  }

  private writeData(node: Vnode, pos: number, buf: Uint8Array, offset: number, length: number): number {
    if (length === 0) return 0;
    if (pos + length > MAX_FILE_SIZE) return -Errno.EFBIG;
    const data = node.data!;
    const sb = node.sb;
    if (sb.quotaPages !== Infinity) {
      const need = data.pagesNeeded(pos, length);
      if (sb.usedPages + need > sb.quotaPages) return -Errno.ENOSPC;
    }
    const before = data.allocatedPages;
    data.write(pos, buf, offset, length);
    sb.usedPages += data.allocatedPages - before;
    this.dropPrivileges(node);
    this.vfs.touchModify(node);
    return length;
  }

  /** pread64(2): read at `position` without moving the file offset. */
  pread(fd: number, buf: Uint8Array, offset: number, length: number, position: number): number {
    if (badRange(buf, offset, length)) return -Errno.EFAULT;
    if (!Number.isSafeInteger(position) || position < 0) return -Errno.EINVAL;
    const f = this.fileOf(fd);
    if (f === null) return -Errno.EBADF;
    if (f.pipe !== null || f.device?.seekable === false) return -Errno.ESPIPE;
    if (!f.readable) return -Errno.EBADF;
    const node = f.node;
    if (node.data !== null) return node.data.read(position, buf, offset, length);
    if (f.device !== null) return f.device.read(buf, offset, length, (f.flags & O_NONBLOCK) !== 0);
    if (node.isDir) return -Errno.EISDIR;
    return -Errno.EINVAL;
  }

  /**
   * pwrite64(2): write at `position` without moving the file offset (with O_APPEND the data
   * goes to the end of the file, as Linux does).
   */
  pwrite(fd: number, buf: Uint8Array, offset: number, length: number, position: number): number {
    if (badRange(buf, offset, length)) return -Errno.EFAULT;
    if (!Number.isSafeInteger(position) || position < 0) return -Errno.EINVAL;
    const f = this.fileOf(fd);
    if (f === null) return -Errno.EBADF;
    if (f.pipe !== null || f.device?.seekable === false) return -Errno.ESPIPE;
    if (!f.writable) return -Errno.EBADF;
    const node = f.node;
    if (node.data !== null) {
      const pos = (f.flags & O_APPEND) !== 0 ? node.data.size : position;
      return this.writeData(node, pos, buf, offset, length);
    }
    if (f.device !== null) return f.device.write(buf, offset, length, (f.flags & O_NONBLOCK) !== 0);
    return -Errno.EINVAL;
  }

  /** readv(2): fills the buffers in order; stops at a short read. */
  readv(fd: number, iov: readonly Uint8Array[]): number {
    if (iov.length > 1024) return -Errno.EINVAL;
    let total = 0;
    for (const b of iov) {
      const n = this.read(fd, b, 0, b.length);
      if (n < 0) return total > 0 ? total : n;
      total += n;
      if (n < b.length) break;
    }
    if (iov.length === 0 && this.fileOf(fd) === null) return -Errno.EBADF;
    return total;
  }

  /** writev(2): writes the buffers in order; stops at a short write. */
  writev(fd: number, iov: readonly Uint8Array[]): number {
    if (iov.length > 1024) return -Errno.EINVAL;
    let total = 0;
    for (const b of iov) {
      const n = this.write(fd, b, 0, b.length);
      if (n < 0) return total > 0 ? total : n;
      total += n;
      if (n < b.length) break;
    }
    if (iov.length === 0 && this.fileOf(fd) === null) return -Errno.EBADF;
    return total;
  }

  /** lseek(2) / _llseek(2): returns the new offset. */
  lseek(fd: number, offset: number, whence: number): number {
    const f = this.fileOf(fd);
    if (f === null) return -Errno.EBADF;
    if (f.pipe !== null || f.device?.seekable === false) return -Errno.ESPIPE;
    if (f.device !== null) return 0;
    const node = f.node;
    let base: number;
    if (whence === SEEK_SET) base = 0;
    else if (whence === SEEK_CUR) base = f.pos;
    else if (whence === SEEK_END && node.data !== null) base = node.data.size;
    else return -Errno.EINVAL;
    const pos = base + offset;
    if (pos < 0 || !Number.isSafeInteger(pos)) return -Errno.EINVAL;
    f.pos = pos;
    return pos;
  }

  /** truncate(2). */
  truncate(path: string, length: number): number {
    if (!Number.isSafeInteger(length) || length < 0) return -Errno.EINVAL;
    const l = this.lookup(AT_FDCWD, path, Follow.Yes, this.lk);
    if (l.err !== 0) return l.err;
    const node = l.node;
    if (node === null) return -Errno.ENOENT;
    if (node.isDir) return -Errno.EISDIR;
    if (!node.isReg) return -Errno.EINVAL;
    const perm = permission(this, node, 2);
    if (perm !== 0) return perm;
    return this.setSize(node, length);
  }

  /** ftruncate(2): the descriptor must be open for writing on a regular file. */
  ftruncate(fd: number, length: number): number {
    if (!Number.isSafeInteger(length) || length < 0) return -Errno.EINVAL;
    const f = this.fileOf(fd);
    if (f === null) return -Errno.EBADF;
    if (!f.node.isReg || !f.writable) return -Errno.EINVAL;
    return this.setSize(f.node, length);
  }

  // ---------------------------------------------------------------- attributes

  /** stat(2). */
  stat(path: string, out: Stat): number {
    return this.fstatat(AT_FDCWD, path, out, 0);
  }

  /** lstat(2): does not follow a symbolic link in the last component. */
  lstat(path: string, out: Stat): number {
    return this.fstatat(AT_FDCWD, path, out, AT_SYMLINK_NOFOLLOW);
  }

  /** fstat(2). */
  fstat(fd: number, out: Stat): number {
    const f = this.fileOf(fd);
    if (f === null) return -Errno.EBADF;
    fillStat(f.node, out);
    return 0;
  }

  /** fstatat64(2) / newfstatat: flags AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH. */
  fstatat(dirfd: number, path: string, out: Stat, flags: number): number {
    if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x800)) !== 0) return -Errno.EINVAL;
    const node = this.nodeAt(dirfd, path, flags);
    if (typeof node === 'number') return node;
    fillStat(node, out);
    return 0;
  }

  /** @internal The vnode `path` names under the *at flags, or a negative errno. */
  nodeAt(dirfd: number, path: string, flags: number): Vnode | number {
    if (path.length === 0 && (flags & AT_EMPTY_PATH) !== 0) {
      if (dirfd === AT_FDCWD) return this.cwdNode;
      const f = this.fileOf(dirfd);
      return f === null ? -Errno.EBADF : f.node;
    }
    const l = this.lookup(dirfd, path, (flags & AT_SYMLINK_NOFOLLOW) !== 0 ? Follow.No : Follow.Yes, this.lk);
    if (l.err !== 0) return l.err;
    return l.node ?? -Errno.ENOENT;
  }

  /** access(2) with the real ids. */
  access(path: string, mode: number): number {
    return this.faccessat(AT_FDCWD, path, mode, 0);
  }

  /** faccessat(2): R_OK/W_OK/X_OK or F_OK; real ids unless AT_EACCESS. */
  faccessat(dirfd: number, path: string, mode: number, flags: number): number {
    return sysFaccessat(this, dirfd, path, mode, flags);
  }

  /** chmod(2). */
  chmod(path: string, mode: number): number {
    return this.fchmodat(AT_FDCWD, path, mode, 0);
  }

  /** fchmod(2). */
  fchmod(fd: number, mode: number): number {
    const f = this.fileOf(fd);
    if (f === null) return -Errno.EBADF;
    return setMode(this, f.node, mode);
  }

  /** fchmodat(2); AT_SYMLINK_NOFOLLOW on a symbolic link gives EOPNOTSUPP. */
  fchmodat(dirfd: number, path: string, mode: number, flags: number): number {
    if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) !== 0) return -Errno.EINVAL;
    const node = this.nodeAt(dirfd, path, flags);
    if (typeof node === 'number') return node;
    if (node.isLink) return -Errno.EOPNOTSUPP;
    return setMode(this, node, mode);
  }

  /** chown(2); -1 leaves an id unchanged. */
  chown(path: string, uid: number, gid: number): number {
    return this.fchownat(AT_FDCWD, path, uid, gid, 0);
  }

  /** lchown(2). */
  lchown(path: string, uid: number, gid: number): number {
    return this.fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
  }

  /** fchown(2). */
  fchown(fd: number, uid: number, gid: number): number {
    const f = this.fileOf(fd);
    if (f === null) return -Errno.EBADF;
    return setOwner(this, f.node, uid, gid);
  }

  /** fchownat(2). */
  fchownat(dirfd: number, path: string, uid: number, gid: number, flags: number): number {
    if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) !== 0) return -Errno.EINVAL;
    const node = this.nodeAt(dirfd, path, flags);
    if (typeof node === 'number') return node;
    return setOwner(this, node, uid, gid);
  }

  /**
   * utimensat(2): `times` is `[atimeSec, atimeNsec, mtimeSec, mtimeNsec]` (nanoseconds may be
   * UTIME_NOW or UTIME_OMIT) or null for "both now"; a null path means the file of `dirfd`.
   */
  utimensat(dirfd: number, path: string | null, times: readonly number[] | null, flags: number): number {
    return sysUtimensat(this, dirfd, path, times, flags);
  }

  // ---------------------------------------------------------------- namespace

  /** mkdir(2). */
  mkdir(path: string, mode: number): number {
    return this.mkdirat(AT_FDCWD, path, mode);
  }

  /** mkdirat(2): mode bits 0o1777 minus the umask; trailing slashes allowed. */
  mkdirat(dirfd: number, path: string, mode: number): number {
    return sysMkdirat(this, dirfd, path, mode);
  }

  /** mknod(2): regular files, FIFOs and (root only) device nodes. */
  mknod(path: string, mode: number, dev: number): number {
    return this.mknodat(AT_FDCWD, path, mode, dev);
  }

  /** mknodat(2). */
  mknodat(dirfd: number, path: string, mode: number, dev: number): number {
    return sysMknodat(this, dirfd, path, mode, dev);
  }

  /** rmdir(2). */
  rmdir(path: string): number {
    return this.unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
  }

  /** unlink(2). */
  unlink(path: string): number {
    return this.unlinkat(AT_FDCWD, path, 0);
  }

  /** unlinkat(2): with AT_REMOVEDIR it is rmdir. */
  unlinkat(dirfd: number, path: string, flags: number): number {
    return sysUnlinkat(this, dirfd, path, flags);
  }

  /** rename(2). */
  rename(oldPath: string, newPath: string): number {
    return this.renameat2(AT_FDCWD, oldPath, AT_FDCWD, newPath, 0);
  }

  /** renameat(2). */
  renameat(olddirfd: number, oldPath: string, newdirfd: number, newPath: string): number {
    return this.renameat2(olddirfd, oldPath, newdirfd, newPath, 0);
  }

  /** renameat2(2) with flags 0 or RENAME_NOREPLACE (1). */
  renameat2(olddirfd: number, oldPath: string, newdirfd: number, newPath: string, flags: number): number {
    return sysRenameat2(this, olddirfd, oldPath, newdirfd, newPath, flags);
  }

  /** link(2): does not follow a symbolic link in `oldPath`. */
  link(oldPath: string, newPath: string): number {
    return this.linkat(AT_FDCWD, oldPath, AT_FDCWD, newPath, 0);
  }

  /** linkat(2): AT_SYMLINK_FOLLOW follows a symbolic link in the old path. */
  linkat(olddirfd: number, oldPath: string, newdirfd: number, newPath: string, flags: number): number {
    return sysLinkat(this, olddirfd, oldPath, newdirfd, newPath, flags);
  }

  /** symlink(2): creates `linkPath` pointing at `target` (not checked to exist). */
  symlink(target: string, linkPath: string): number {
    return this.symlinkat(target, AT_FDCWD, linkPath);
  }

  /** symlinkat(2). */
  symlinkat(target: string, newdirfd: number, linkPath: string): number {
    return sysSymlinkat(this, target, newdirfd, linkPath);
  }

  /** readlink(2): copies the target (not NUL-terminated, truncated to `length`). */
  readlink(path: string, buf: Uint8Array, offset = 0, length = buf.length - offset): number {
    return this.readlinkat(AT_FDCWD, path, buf, offset, length);
  }

  /** readlinkat(2). */
  readlinkat(dirfd: number, path: string, buf: Uint8Array, offset = 0, length = buf.length - offset): number {
    return sysReadlinkat(this, dirfd, path, buf, offset, length);
  }

  /**
   * getdents64(2): fills `buf` with `struct linux_dirent64` records (d_ino u64, d_off s64,
   * d_reclen u16, d_type u8, NUL-terminated name, padded to 8 bytes), "." and ".." first;
   * returns the bytes written, 0 at the end.
   */
  getdents64(fd: number, buf: Uint8Array, offset = 0, length = buf.length - offset): number {
    if (badRange(buf, offset, length)) return -Errno.EFAULT;
    const f = this.fileOf(fd);
    if (f === null) return -Errno.EBADF;
    if (!f.node.isDir) return -Errno.ENOTDIR;
    if (f.node.nlink === 0) return -Errno.ENOENT;
    return encodeDirents(f, dotdot(f.node, this.vfs.root), buf, offset, length);
  }

  // ---------------------------------------------------------------- cwd

  /** chdir(2). */
  chdir(path: string): number {
    const l = this.lookup(AT_FDCWD, path, Follow.Yes, this.lk);
    if (l.err !== 0) return l.err;
    if (l.node === null) return -Errno.ENOENT;
    return this.enter(l.node);
  }

  /** fchdir(2). */
  fchdir(fd: number): number {
    const f = this.fileOf(fd);
    if (f === null) return -Errno.EBADF;
    return this.enter(f.node);
  }

  private enter(node: Vnode): number {
    if (!node.isDir) return -Errno.ENOTDIR;
    const perm = permission(this, node, 1);
    if (perm !== 0) return perm;
    this.cwdNode = node;
    return 0;
  }

  /** The working directory as a string, or a negative errno when it was removed. */
  getcwdString(): string | number {
    let n = this.cwdNode;
    if (n.nlink === 0) return -Errno.ENOENT;
    const root = this.vfs.root;
    const parts: string[] = [];
    while (n !== root) {
      if (n.sb.root === n && n.coveredDir !== null) {
        n = n.coveredDir;
        continue;
      }
      parts.push(n.name);
      n = n.parent ?? root;
    }
    return '/' + parts.reverse().join('/');
  }

  /** getcwd(2): writes the NUL-terminated path; returns its length including the NUL. */
  getcwd(buf: Uint8Array, offset = 0, length = buf.length - offset): number {
    const s = this.getcwdString();
    if (typeof s === 'number') return s;
    const bytes = utf8.encode(s);
    if (bytes.length + 1 > length) return -Errno.ERANGE;
    if (badRange(buf, offset, length)) return -Errno.EFAULT;
    buf.set(bytes, offset);
    buf[offset + bytes.length] = 0;
    return bytes.length + 1;
  }

  // ---------------------------------------------------------------- descriptors

  /** dup(2): the lowest free descriptor, sharing the open file description. */
  dup(fd: number): number {
    const f = this.fileOf(fd);
    if (f === null) return -Errno.EBADF;
    const nfd = this.allocFd(0);
    if (nfd < 0) return nfd;
    f.refs++;
    this.install(nfd, f, false);
    return nfd;
  }

  /** dup2(2). */
  dup2(oldfd: number, newfd: number): number {
    const f = this.fileOf(oldfd);
    if (f === null) return -Errno.EBADF;
    if ((newfd | 0) !== newfd || newfd < 0 || newfd >= this.maxFds) return -Errno.EBADF;
    if (oldfd === newfd) return newfd;
    return this.replace(f, newfd, false);
  }

  /** dup3(2): like dup2 but `oldfd === newfd` is EINVAL and O_CLOEXEC may be given. */
  dup3(oldfd: number, newfd: number, flags: number): number {
    if ((flags & ~O_CLOEXEC) !== 0) return -Errno.EINVAL;
    if (oldfd === newfd) return -Errno.EINVAL;
    const f = this.fileOf(oldfd);
    if (f === null) return -Errno.EBADF;
    if ((newfd | 0) !== newfd || newfd < 0 || newfd >= this.maxFds) return -Errno.EBADF;
    return this.replace(f, newfd, (flags & O_CLOEXEC) !== 0);
  }

  private replace(f: OpenFile, newfd: number, cloexec: boolean): number {
    f.refs++;
    const old = this.fileOf(newfd);
    this.install(newfd, f, cloexec);
    if (old !== null) this.release(old);
    return newfd;
  }

  /** fcntl(2): F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD, F_GETFL, F_SETFL. */
  fcntl(fd: number, cmd: number, arg = 0): number {
    const f = this.fileOf(fd);
    if (f === null) return -Errno.EBADF;
    switch (cmd) {
      case F_DUPFD:
      case F_DUPFD_CLOEXEC: {
        if ((arg | 0) !== arg || arg < 0 || arg >= this.maxFds) return -Errno.EINVAL;
        const nfd = this.allocFd(arg);
        if (nfd < 0) return nfd;
        f.refs++;
        this.install(nfd, f, cmd === F_DUPFD_CLOEXEC);
        return nfd;
      }
      case F_GETFD:
        return this.cloexec[fd] === true ? FD_CLOEXEC : 0;
      case F_SETFD:
        this.cloexec[fd] = (arg & FD_CLOEXEC) !== 0;
        return 0;
      case F_GETFL:
        return f.flags;
      case F_SETFL:
        f.flags = (f.flags & ~SETFL_MASK) | (arg & SETFL_MASK);
        return 0;
      default:
        return -Errno.EINVAL;
    }
  }

  /**
   * ioctl(2): forwarded to the character device behind `fd`; -ENOTTY for files, pipes and
   * devices without controls.
   */
  ioctl(fd: number, request: number, arg: Uint8Array | null = null): number {
    const f = this.fileOf(fd);
    if (f === null) return -Errno.EBADF;
    const dev = f.device;
    if (dev?.ioctl === undefined) return -Errno.ENOTTY;
    return dev.ioctl(request, arg);
  }

  /** fsync(2) / fdatasync(2): data is always in memory, so 0; -EINVAL for pipes. */
  fsync(fd: number): number {
    const f = this.fileOf(fd);
    if (f === null) return -Errno.EBADF;
    return f.pipe !== null ? -Errno.EINVAL : 0;
  }

  // ---------------------------------------------------------------- readiness

  /** Readiness of `fd` as POLLIN | POLLOUT | POLLHUP | POLLERR bits (files are always ready). */
  poll(fd: number): number {
    const f = this.fileOf(fd);
    if (f === null) return POLLERR;
    if (f.pipe !== null) return (f.readable ? f.pipe.pollRead() : 0) | (f.writable ? f.pipe.pollWrite() : 0);
    if (f.device !== null) return f.device.poll();
    return (f.readable ? POLLIN : 0) | (f.writable ? POLLOUT : 0);
  }

  /**
   * Parks `wake` until `fd` may have become ready for `events` (POLLIN and/or POLLOUT).
   * `wake` runs once, synchronously inside the call that changed the state (a write to the
   * pipe, `ConsoleDevice.push`, a close of the other end); when `fd` is ready already it
   * runs before this returns. Returns a function that cancels the wait.
   */
  waitReady(fd: number, events: number, wake: () => void): () => void {
    const f = this.fileOf(fd);
    if (f === null || (this.poll(fd) & (events | POLLHUP | POLLERR)) !== 0) {
      wake();
      return () => undefined;
    }
    if (f.pipe !== null) {
      const cancels: (() => void)[] = [];
      let done = false;
      const once = (): void => {
        if (done) return;
        done = true;
        for (const c of cancels) c();
        wake();
      };
      if ((events & POLLIN) !== 0 && f.readable) cancels.push(f.pipe.readWait.add(once));
      if ((events & POLLOUT) !== 0 && f.writable) cancels.push(f.pipe.writeWait.add(once));
      return () => {
        done = true;
        for (const c of cancels) c();
      };
    }
    if (f.device !== null) return f.device.wait(wake);
    wake();
    return () => undefined;
  }
}

/** True unless `[offset, offset + length)` is a valid integer range of `buf`. */
function badRange(buf: Uint8Array, offset: number, length: number): boolean {
  return !((offset | 0) === offset && (length | 0) === length && offset >= 0 && length >= 0 && offset + length <= buf.length);
}
