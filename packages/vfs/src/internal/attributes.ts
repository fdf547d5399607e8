/**
 * The attribute calls of a process that need more than a lookup: access checks with the
 * real ids, chmod and chown rules, and utimensat.
 */
import { AT_EMPTY_PATH, AT_SYMLINK_NOFOLLOW, S_IFMT, S_ISGID, S_ISUID, UTIME_NOW, UTIME_OMIT } from '../constants.js';
import { Errno } from '../errno.js';
import type { VfsProcess } from '../process.js';
import type { Vnode } from '../vnode.js';
import { inGroup, permission } from './credentials.js';

/** Implementation of `VfsProcess.faccessat`. */
export function sysFaccessat(p: VfsProcess, dirfd: number, path: string, mode: number, flags: number): number {
  if ((mode & ~7) !== 0) return -Errno.EINVAL;
  if ((flags & ~(0x200 | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) !== 0) return -Errno.EINVAL;
  const real = (flags & 0x200) === 0;
  const saved = [p.euid, p.egid] as const;
  if (real) {
    p.euid = p.uid;
    p.egid = p.gid;
  }
  try {
    const node = p.nodeAt(dirfd, path, flags);
    if (typeof node === 'number') return node;
    return mode === 0 ? 0 : permission(p, node, mode);
  } finally {
    p.euid = saved[0];
    p.egid = saved[1];
  }
}

/** chmod rules: owner or root only; non-members of the file's group lose S_ISGID. */
export function setMode(p: VfsProcess, node: Vnode, mode: number): number {
  if (p.euid !== 0 && p.euid !== node.uid) return -Errno.EPERM;
  let m = mode & 0o7777;
  if (p.euid !== 0 && !inGroup(p, node.gid)) m &= ~S_ISGID;
  node.mode = (node.mode & S_IFMT) | m;
  p.vfs.touchChange(node);
  return 0;
}

/** chown rules (-1 keeps an id); on non-directories it clears set-user-id, and set-group-id on group-executable files, even for chown(-1, -1) as Linux does. */
export function setOwner(p: VfsProcess, node: Vnode, uidArg: number, gidArg: number): number {
  const uid = uidArg === -1 || uidArg === 0xffffffff ? -1 : uidArg;
  const gid = gidArg === -1 || gidArg === 0xffffffff ? -1 : gidArg;
  if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid < -1 || gid < -1 || uid > 0xfffffffe || gid > 0xfffffffe) return -Errno.EINVAL;
  const root = p.euid === 0;
  const owner = p.euid === node.uid;
  if (uid !== -1 && !root && !(owner && uid === node.uid)) return -Errno.EPERM;
  if (gid !== -1 && !root && !(owner && (gid === node.gid || inGroup(p, gid)))) return -Errno.EPERM;
  if (uid !== -1) node.uid = uid;
  if (gid !== -1) node.gid = gid;
  if (!node.isDir) {
    node.mode &= ~S_ISUID;
    if ((node.mode & 0o010) !== 0) node.mode &= ~S_ISGID;
  }
  p.vfs.touchChange(node);
  return 0;
}

/** Implementation of `VfsProcess.utimensat`. */
export function sysUtimensat(p: VfsProcess, dirfd: number, path: string | null, times: readonly number[] | null, flags: number): number {
  if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) !== 0) return -Errno.EINVAL;
  if (times !== null) {
    for (const i of [1, 3]) {
      const ns = times[i] ?? 0;
      if (ns !== UTIME_NOW && ns !== UTIME_OMIT && !(Number.isInteger(ns) && ns >= 0 && ns <= 999999999)) return -Errno.EINVAL;
    }
  }
  let node: Vnode | number;
  if (path === null) {
    const f = p.fileOf(dirfd);
    node = f === null ? -Errno.EBADF : f.node;
  } else node = p.nodeAt(dirfd, path, flags);
  if (typeof node === 'number') return node;
  const aNs = times === null ? UTIME_NOW : (times[1] ?? 0);
  const mNs = times === null ? UTIME_NOW : (times[3] ?? 0);
  if (aNs === UTIME_OMIT && mNs === UTIME_OMIT) return 0;
  const owner = p.euid === 0 || p.euid === node.uid;
  if ((aNs === UTIME_NOW || aNs === UTIME_OMIT) && (mNs === UTIME_NOW || mNs === UTIME_OMIT)) {
    if (!owner && permission(p, node, 2) !== 0) return -Errno.EACCES;
  } else if (!owner) return -Errno.EPERM;
  const now = p.vfs.now([0, 0]);
  if (aNs !== UTIME_OMIT) {
    node.atimeSec = aNs === UTIME_NOW ? now[0] : (times![0] ?? 0);
    node.atimeNsec = aNs === UTIME_NOW ? now[1] : aNs;
  }
  if (mNs !== UTIME_OMIT) {
    node.mtimeSec = mNs === UTIME_NOW ? now[0] : (times![2] ?? 0);
    node.mtimeNsec = mNs === UTIME_NOW ? now[1] : mNs;
  }
  p.vfs.touchChange(node);
  return 0;
}
