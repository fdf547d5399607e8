/**
 * open(2)/openat(2) and pipe2(2): lookups with O_CREAT/O_EXCL/O_NOFOLLOW semantics, the
 * checks Linux makes in its order, and the creation of open file descriptions.
 */
import {
  O_ACCMODE,
  O_CLOEXEC,
  O_CREAT,
  O_DIRECT,
  O_DIRECTORY,
  O_EXCL,
  O_NOCTTY,
  O_NOFOLLOW,
  O_NONBLOCK,
  O_RDONLY,
  O_RDWR,
  O_TRUNC,
  O_WRONLY,
  S_IFBLK,
  S_IFCHR,
  S_IFDIR,
  S_IFIFO,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
  S_IFSOCK,
} from '../constants.js';
import { Errno } from '../errno.js';
import { OpenFile } from '../open-file.js';
import { Pipe } from '../pipe.js';
import type { VfsProcess } from '../process.js';
import type { Vnode } from '../vnode.js';
import { permission } from './credentials.js';
import { Follow, Last } from './resolve.js';

/** Implementation of `VfsProcess.openat`. */
export function sysOpenat(p: VfsProcess, dirfd: number, path: string, flags: number, mode = 0): number {
  const acc = flags & O_ACCMODE;
  if (acc === O_ACCMODE) return -Errno.EINVAL;
  const creat = (flags & O_CREAT) !== 0;
  if (creat && (flags & O_DIRECTORY) !== 0) return -Errno.EINVAL;
  const fd = p.allocFd(0);
  if (fd < 0) return fd;
  const l = p.lk;
  let node: Vnode;
  let created = false;
  if (creat) {
    const excl = (flags & O_EXCL) !== 0;
    const follow = excl || (flags & O_NOFOLLOW) !== 0 ? Follow.No : Follow.Yes;
    const slash = path.charCodeAt(path.length - 1) === 47;
    p.lookup(dirfd, path, slash || follow === Follow.No ? Follow.Parent : Follow.Yes, l);
    if (l.err !== 0) return l.err;
    if (l.last !== Last.Normal) return excl ? -Errno.EEXIST : -Errno.EISDIR;
    if (slash || l.slash) return -Errno.EISDIR;
    if (l.node === null) {
      const parent = l.parent!;
      if (parent.nlink === 0) return -Errno.ENOENT;
      const perm = permission(p, parent, 3);
      if (perm !== 0) return perm;
      node = p.newNode(parent, l.name, S_IFREG | (mode & 0o7777 & ~p.mask));
      created = true;
    } else {
      if (excl) return -Errno.EEXIST;
      node = l.node;
      if (node.isLink) return -Errno.ELOOP;
      if (node.isDir) return -Errno.EISDIR;
    }
  } else {
    p.lookup(dirfd, path, (flags & O_NOFOLLOW) !== 0 ? Follow.No : Follow.Yes, l);
    if (l.err !== 0) return l.err;
    if (l.node === null) return -Errno.ENOENT;
    node = l.node;
  }
  const type = node.mode & S_IFMT;
  if ((flags & O_DIRECTORY) !== 0 && type !== S_IFDIR) return -Errno.ENOTDIR;
  if (type === S_IFLNK) return -Errno.ELOOP;
  const trunc = (flags & O_TRUNC) !== 0;
  if (type === S_IFDIR && (acc !== O_RDONLY || trunc)) return -Errno.EISDIR;
  if (!created) {
    const want = (acc === O_RDONLY ? 4 : acc === O_WRONLY ? 2 : 6) | (trunc ? 2 : 0);
    const perm = permission(p, node, want);
    if (perm !== 0) return perm;
  }
  let device = null;
  let pipe: Pipe | null = null;
  if (type === S_IFCHR) {
    device = p.vfs.charDevice(node.rdev) ?? null;
    if (device === null) return -Errno.ENXIO;
  } else if (type === S_IFBLK || type === S_IFSOCK) return -Errno.ENXIO;
  else if (type === S_IFIFO) {
    // Linux: a non-blocking open for writing with no reader fails rather than waiting.
    if (acc === O_WRONLY && (flags & O_NONBLOCK) !== 0 && (node.pipe?.readers ?? 0) === 0) return -Errno.ENXIO;
    pipe = node.pipe ??= new Pipe();
  }
  if (trunc && type === S_IFREG && !created) p.setSize(node, 0);
  const readable = acc === O_RDONLY || acc === O_RDWR;
  const writable = acc === O_WRONLY || acc === O_RDWR;
  if (pipe !== null) {
    if (readable) pipe.readers++;
    if (writable) pipe.writers++;
  }
  const file = new OpenFile(node, flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC), readable, writable, device, pipe);
  node.opens++;
  p.install(fd, file, (flags & O_CLOEXEC) !== 0);
  return fd;
}

/** Implementation of `VfsProcess.pipe2`. */
export function sysPipe2(p: VfsProcess, out: Int32Array | number[], flags = 0): number {
  if ((flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT)) !== 0) return -Errno.EINVAL;
  const rfd = p.allocFd(0);
  if (rfd < 0) return rfd;
  const wfd = p.allocFd(rfd + 1);
  if (wfd < 0) return wfd;
  const node = p.vfs.pipeFs.newVnode(S_IFIFO | 0o600, p.euid, p.egid);
  node.nlink = 1;
  p.vfs.touchNew(node);
  const pipe = new Pipe();
  node.pipe = pipe;
  const status = flags & (O_NONBLOCK | O_DIRECT);
  const r = new OpenFile(node, O_RDONLY | status, true, false, null, pipe);
  const w = new OpenFile(node, O_WRONLY | status, false, true, null, pipe);
  pipe.readers = 1;
  pipe.writers = 1;
  node.opens = 2;
  const ce = (flags & O_CLOEXEC) !== 0;
  p.install(rfd, r, ce);
  p.install(wfd, w, ce);
  out[0] = rfd;
  out[1] = wfd;
  return 0;
}
