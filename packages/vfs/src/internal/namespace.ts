/**
 * The namespace calls of a process (mkdir, mknod, unlink/rmdir, rename, link, symlink,
 * readlink) and the checks they share: filename_create-like creation checks and
 * may_delete-like removal checks, in the order Linux makes them.
 */
import { AT_REMOVEDIR, AT_SYMLINK_FOLLOW, AT_EMPTY_PATH, AT_SYMLINK_NOFOLLOW, S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK } from '../constants.js';
import { Errno } from '../errno.js';
import type { VfsProcess } from '../process.js';
import type { Vnode } from '../vnode.js';
import { permission, stickyAllows } from './credentials.js';
import { Follow, Last, type Lookup } from './resolve.js';

const utf8 = new TextEncoder();

/** Implementation of `VfsProcess.mkdirat`. */
export function sysMkdirat(p: VfsProcess, dirfd: number, path: string, mode: number): number {
  const l = p.lookup(dirfd, path, Follow.Parent, p.lk);
  if (l.err !== 0) return l.err;
  if (l.last !== Last.Normal || l.node !== null) return -Errno.EEXIST;
  const parent = l.parent!;
  if (parent.nlink === 0) return -Errno.ENOENT;
  const perm = permission(p, parent, 3);
  if (perm !== 0) return perm;
  p.newNode(parent, l.name, S_IFDIR | (mode & 0o1777 & ~p.mask));
  return 0;
}

/** Implementation of `VfsProcess.mknodat`. */
export function sysMknodat(p: VfsProcess, dirfd: number, path: string, mode: number, dev: number): number {
  let type = mode & S_IFMT;
  if (type === 0) type = S_IFREG;
  if (type === S_IFDIR) return -Errno.EPERM;
  if (type !== S_IFREG && type !== S_IFCHR && type !== S_IFBLK && type !== S_IFIFO && type !== S_IFSOCK) return -Errno.EINVAL;
  const l = p.lookup(dirfd, path, Follow.Parent, p.lk);
  const err = mayCreate(p, l);
  if (err !== 0) return err;
  if ((type === S_IFCHR || type === S_IFBLK) && p.euid !== 0) return -Errno.EPERM;
  const node = p.newNode(l.parent!, l.name, type | (mode & 0o7777 & ~p.mask));
  if (type === S_IFCHR || type === S_IFBLK) node.rdev = dev >>> 0;
  return 0;
}

/** Implementation of `VfsProcess.unlinkat`. */
export function sysUnlinkat(p: VfsProcess, dirfd: number, path: string, flags: number): number {
  if ((flags & ~AT_REMOVEDIR) !== 0) return -Errno.EINVAL;
  const isDir = (flags & AT_REMOVEDIR) !== 0;
  const l = p.lookup(dirfd, path, Follow.Parent, p.lk);
  if (l.err !== 0) return l.err;
  if (isDir) {
    if (l.last === Last.Dot) return -Errno.EINVAL;
    if (l.last === Last.DotDot) return -Errno.ENOTEMPTY;
    if (l.last === Last.Root) return -Errno.EBUSY;
  } else if (l.last !== Last.Normal) return -Errno.EISDIR;
  const node = l.node;
  if (node === null) return -Errno.ENOENT;
  if (!isDir && l.slash) return node.isDir ? -Errno.EISDIR : -Errno.ENOTDIR;
  const parent = l.parent!;
  const err = mayDelete(p, parent, node, isDir);
  if (err !== 0) return err;
  if (isDir && node.entries!.size > 0) return -Errno.ENOTEMPTY;
  unlinkEntry(p, parent, l.name, node);
  return 0;
}

/** Implementation of `VfsProcess.renameat2`. */
export function sysRenameat2(p: VfsProcess, olddirfd: number, oldPath: string, newdirfd: number, newPath: string, flags: number): number {
  if ((flags & ~1) !== 0) return -Errno.EINVAL;
  const noReplace = flags === 1;
  const lo = p.lookup(olddirfd, oldPath, Follow.Parent, p.lk);
  if (lo.err !== 0) return lo.err;
  const ln = p.lookup(newdirfd, newPath, Follow.Parent, p.lk2);
  if (ln.err !== 0) return ln.err;
  const oldDir = lo.parent!;
  const newDir = ln.parent!;
  if (oldDir.sb !== newDir.sb) return -Errno.EXDEV;
  if (lo.last !== Last.Normal) return -Errno.EBUSY;
  if (ln.last !== Last.Normal) return noReplace ? -Errno.EEXIST : -Errno.EBUSY;
  const node = lo.node;
  if (node === null) return -Errno.ENOENT;
  const target = ln.node;
  if (noReplace && target !== null) return -Errno.EEXIST;
  const isDir = node.isDir;
  if (!isDir && (lo.slash || ln.slash)) return -Errno.ENOTDIR;
  if (isDir && isAncestorOrSelf(node, newDir)) return -Errno.EINVAL;
  if (target !== null && target.isDir && isAncestorOrSelf(target, oldDir)) return -Errno.ENOTEMPTY;
  if (node === target) return 0;
  let err = mayDelete(p, oldDir, node, isDir);
  if (err !== 0) return err;
  if (target === null) {
    if (newDir.nlink === 0) return -Errno.ENOENT;
    err = permission(p, newDir, 3);
  } else err = mayDelete(p, newDir, target, isDir);
  if (err !== 0) return err;
  if (isDir && newDir !== oldDir) {
    err = permission(p, node, 2);
    if (err !== 0) return err;
  }
  if (target !== null && target.isDir && target.entries!.size > 0) return -Errno.ENOTEMPTY;
  if (target !== null) unlinkEntry(p, newDir, ln.name, target);
  oldDir.entries!.delete(lo.name);
  newDir.link(ln.name, node);
  if (isDir) {
    node.name = ln.name;
    if (newDir !== oldDir) {
      oldDir.nlink--;
      newDir.nlink++;
      node.parent = newDir;
    }
  }
  p.vfs.touchChange(node);
  p.vfs.touchModify(oldDir);
  if (newDir !== oldDir) p.vfs.touchModify(newDir);
  return 0;
}

/** Implementation of `VfsProcess.linkat`. */
export function sysLinkat(p: VfsProcess, olddirfd: number, oldPath: string, newdirfd: number, newPath: string, flags: number): number {
  if ((flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) !== 0) return -Errno.EINVAL;
  const node = p.nodeAt(olddirfd, oldPath, (flags & AT_SYMLINK_FOLLOW) !== 0 ? flags & AT_EMPTY_PATH : AT_SYMLINK_NOFOLLOW | (flags & AT_EMPTY_PATH));
  if (typeof node === 'number') return node;
  const ln = p.lookup(newdirfd, newPath, Follow.Parent, p.lk2);
  const err = mayCreate(p, ln);
  if (err !== 0) return err;
  const dir = ln.parent!;
  if (dir.sb !== node.sb) return -Errno.EXDEV;
  if (node.isDir) return -Errno.EPERM;
  if (node.nlink === 0) return -Errno.ENOENT;
  dir.link(ln.name, node);
  node.nlink++;
  p.vfs.touchChange(node);
  p.vfs.touchModify(dir);
  return 0;
}

/** Implementation of `VfsProcess.symlinkat`. */
export function sysSymlinkat(p: VfsProcess, target: string, newdirfd: number, linkPath: string): number {
  if (target.length === 0) return -Errno.ENOENT;
  const l = p.lookup(newdirfd, linkPath, Follow.Parent, p.lk);
  const err = mayCreate(p, l);
  if (err !== 0) return err;
  const node = p.newNode(l.parent!, l.name, S_IFLNK | 0o777);
  node.target = target;
  return 0;
}

/** Implementation of `VfsProcess.readlinkat`. */
export function sysReadlinkat(p: VfsProcess, dirfd: number, path: string, buf: Uint8Array, offset = 0, length = buf.length - offset): number {
  if (!(length > 0)) return -Errno.EINVAL;
  if (!((offset | 0) === offset && (length | 0) === length && offset >= 0 && offset + length <= buf.length)) return -Errno.EFAULT;
  const node = p.nodeAt(dirfd, path, AT_SYMLINK_NOFOLLOW);
  if (typeof node === 'number') return node;
  if (!node.isLink) return -Errno.EINVAL;
  const bytes = utf8.encode(node.target);
  const n = Math.min(bytes.length, length);
  buf.set(bytes.subarray(0, n), offset);
  return n;
}

/** Checks made before creating `l.name` in `l.parent` (Linux's filename_create and may_create). */
export function mayCreate(p: VfsProcess, l: Lookup): number {
  if (l.err !== 0) return l.err;
  if (l.last !== Last.Normal || l.node !== null) return -Errno.EEXIST;
  if (l.slash) return -Errno.ENOENT;
  const parent = l.parent!;
  if (parent.nlink === 0) return -Errno.ENOENT;
  return permission(p, parent, 3);
}

/** Checks made before removing `victim` from `dir` (Linux's may_delete), in Linux's order. */
export function mayDelete(p: VfsProcess, dir: Vnode, victim: Vnode, isDir: boolean): number {
  const perm = permission(p, dir, 3);
  if (perm !== 0) return perm;
  if (!stickyAllows(p, dir, victim)) return -Errno.EPERM;
  if (isDir) {
    if (!victim.isDir) return -Errno.ENOTDIR;
    if (victim === p.vfs.root || victim.sb.root === victim) return -Errno.EBUSY;
  } else if (victim.isDir) return -Errno.EISDIR;
  if (victim.mounted !== null) return -Errno.EBUSY;
  return 0;
}

/** Removes the name `name` of `node` from `dir`, updating link counts and times. */
export function unlinkEntry(p: VfsProcess, dir: Vnode, name: string, node: Vnode): void {
  dir.entries!.delete(name);
  if (node.isDir) {
    node.nlink = 0;
    dir.nlink--;
  } else node.nlink--;
  p.vfs.touchChange(node);
  p.vfs.touchModify(dir);
  p.maybeFree(node);
}

function isAncestorOrSelf(a: Vnode, b: Vnode): boolean {
  let n = b;
  for (;;) {
    if (n === a) return true;
    const parent = n.parent;
    if (parent === null || parent === n) return false;
    n = parent;
  }
}

