import { MAXSYMLINKS, NAME_MAX, PATH_MAX } from '../constants.js';
import { Errno } from '../errno.js';
import type { Vnode } from '../vnode.js';
import type { Credentials } from '../api.js';
import { permission } from './credentials.js';

/** How the last component is treated. */
export enum Follow {
  /** Do not follow a symbolic link in the last component (a trailing slash still does). */
  No = 0,
  /** Follow a symbolic link in the last component. */
  Yes = 1,
  /** Only find the parent: the last component is looked up but never followed. */
  Parent = 2,
}

/** Kind of the last component. */
export enum Last {
  Normal = 0,
  Dot = 1,
  DotDot = 2,
  Root = 3,
}

/** Result of a path walk. */
export class Lookup {
  /** 0 or a negative errno. */
  err = 0;
  /** The vnode named, or null when only the parent exists. */
  node: Vnode | null = null;
  /** Directory holding the last component. */
  parent: Vnode | null = null;
  /** Last component. */
  name = '';
  /** The path ended in one or more slashes. */
  slash = false;
  /** Kind of the last component. */
  last: Last = Last.Normal;

  reset(): this {
    this.err = 0;
    this.node = null;
    this.parent = null;
    this.name = '';
    this.slash = false;
    this.last = Last.Normal;
    return this;
  }
}

/** The step ".." from `dir`, crossing mount points upward and stopping at `root`. */
export function dotdot(dir: Vnode, root: Vnode): Vnode {
  let d = dir;
  for (;;) {
    if (d === root) return d;
    if (d.coveredDir !== null && d.sb.root === d) {
      d = d.coveredDir;
      continue;
    }
    return d.parent ?? d;
  }
}

/** Follows mounts stacked on `node`. */
export function crossMounts(node: Vnode): Vnode {
  let n = node;
  while (n.mounted !== null) n = n.mounted;
  return n;
}

interface WalkState {
  links: number;
}

/**
 * Walks `path` from `start` (or `root` for an absolute path) and fills `out`. Each
 * directory passed through needs search permission; symbolic links are followed up to
 * MAXSYMLINKS times in all.
 */
export function walk(cred: Credentials, root: Vnode, start: Vnode, path: string, follow: Follow, out: Lookup): Lookup {
  out.reset();
  if (path.length === 0) {
    out.err = -Errno.ENOENT;
    return out;
  }
  if (path.length >= PATH_MAX) {
    out.err = -Errno.ENAMETOOLONG;
    return out;
  }
  walkInner(cred, root, start, path, follow, out, { links: 0 });
  if (out.err === 0 && out.slash && out.node !== null && !out.node.isDir && follow !== Follow.Parent) out.err = -Errno.ENOTDIR;
  return out;
}

function walkInner(cred: Credentials, root: Vnode, start: Vnode, path: string, follow: Follow, out: Lookup, st: WalkState): void {
  let cur = path.charCodeAt(0) === 47 ? root : start;
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  const slash = end < path.length;
  out.slash = slash;
  if (end === 0) {
    out.node = cur;
    out.parent = cur;
    out.name = '/';
    out.last = Last.Root;
    return;
  }
  let i = 0;
  for (;;) {
    while (i < end && path.charCodeAt(i) === 47) i++;
    let j = path.indexOf('/', i);
    if (j < 0 || j > end) j = end;
    const isLast = j >= end;
    if (!cur.isDir) {
      out.err = -Errno.ENOTDIR;
      return;
    }
    const perm = permission(cred, cur, 1);
    if (perm !== 0) {
      out.err = perm;
      return;
    }
    const comp = path.slice(i, j);
    i = j;
    if (comp === '.' || comp === '..') {
      if (comp === '..') cur = dotdot(cur, root);
      if (isLast) {
        out.node = cur;
        out.parent = cur;
        out.name = comp;
        out.last = comp === '.' ? Last.Dot : Last.DotDot;
        return;
      }
      continue;
    }
    if (comp.length > NAME_MAX) {
      out.err = -Errno.ENAMETOOLONG;
      return;
    }
    const entry = cur.entries!.get(comp);
    if (entry === undefined) {
      if (isLast) {
        out.parent = cur;
        out.name = comp;
        out.last = Last.Normal;
        return;
      }
      out.err = -Errno.ENOENT;
      return;
    }
    const node = crossMounts(entry.node);
    if (node.isLink && (!isLast || (follow !== Follow.Parent && (follow === Follow.Yes || slash)))) {
      if (++st.links > MAXSYMLINKS) {
        out.err = -Errno.ELOOP;
        return;
      }
      if (node.target.length === 0) {
        out.err = -Errno.ENOENT;
        return;
      }
      if (isLast) {
        walkInner(cred, root, cur, node.target, Follow.Yes, out, st);
        out.slash = out.slash || slash;
        return;
      }
      const sub = new Lookup();
      walkInner(cred, root, cur, node.target, Follow.Yes, sub, st);
      if (sub.err !== 0) {
        out.err = sub.err;
        return;
      }
      if (sub.node === null) {
        out.err = -Errno.ENOENT;
        return;
      }
      cur = sub.node;
      continue;
    }
    if (isLast) {
      out.node = node;
      out.parent = cur;
      out.name = comp;
      out.last = Last.Normal;
      return;
    }
    cur = node;
  }
}
