import { S_IFMT, S_IFDIR } from '../constants.js';
import { Errno } from '../errno.js';
import type { Credentials } from '../api.js';
import type { Vnode } from '../vnode.js';


/** True when `cred` belongs to group `gid` (effective or supplementary). */
export function inGroup(cred: Credentials, gid: number): boolean {
  return cred.egid === gid || cred.groups.includes(gid);
}

/**
 * Checks `mask` (a combination of 4 read, 2 write, 1 execute) against the mode of `node`
 * with the effective (or, when `real`, the real) ids; 0 or -EACCES. Root passes every
 * check except execute of a non-directory with no execute bit at all.
 */
export function permission(cred: Credentials, node: Vnode, mask: number, real = false): number {
  const uid = real ? cred.uid : cred.euid;
  const mode = node.mode;
  if (uid === 0) {
    if ((mask & 1) !== 0 && (mode & S_IFMT) !== S_IFDIR && (mode & 0o111) === 0) return -Errno.EACCES;
    return 0;
  }
  let bits: number;
  if (uid === node.uid) bits = mode >> 6;
  else if ((real ? cred.gid === node.gid : false) || inGroup(cred, node.gid)) bits = mode >> 3;
  else bits = mode;
  return (bits & mask & 7) === mask ? 0 : -Errno.EACCES;
}

/** Sticky-directory rule: may `cred` remove or rename `victim` out of `dir`? */
export function stickyAllows(cred: Credentials, dir: Vnode, victim: Vnode): boolean {
  if ((dir.mode & 0o1000) === 0 || cred.euid === 0) return true;
  return cred.euid === victim.uid || cred.euid === dir.uid;
}
