import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from './constants.js';
import { FileData } from './file-data.js';
import type { Pipe } from './pipe.js';
import type { Superblock } from './superblock.js';

/**
 * A directory entry (the dentry of this VFS): one name in one directory pointing at a
 * vnode. `cookie` is the getdents64 position of the entry: unique and increasing within
 * its directory, so a directory stream can resume after entries were added or removed.
 */
export interface DirEntry {
  /** The vnode the name refers to. */
  readonly node: Vnode;
  /** Directory stream position of this entry (>= 3; 1 and 2 are "." and ".."). */
  readonly cookie: number;
}

/**
 * An in-memory inode: type and permission bits, owner, link count, timestamps, and the
 * type-specific payload (file pages, directory entries, link target, device number, pipe).
 */
export class Vnode {
  /** Inode number, unique within the superblock. */
  readonly ino: number;
  /** Superblock the vnode belongs to. */
  readonly sb: Superblock;
  /** Type and permission bits (`S_IF*` | 0o7777). */
  mode: number;
  /** Owner user id. */
  uid: number;
  /** Owner group id. */
  gid: number;
  /** Hard link count (directories: 2 + subdirectories; 0 once removed). */
  nlink = 0;
  /** Device number of a device node: major << 8 | minor (Linux old encoding for small numbers). */
  rdev = 0;
  /** Access time, seconds. */
  atimeSec = 0;
  /** Access time, nanoseconds. */
  atimeNsec = 0;
  /** Modification time, seconds. */
  mtimeSec = 0;
  /** Modification time, nanoseconds. */
  mtimeNsec = 0;
  /** Status change time, seconds. */
  ctimeSec = 0;
  /** Status change time, nanoseconds. */
  ctimeNsec = 0;
  /** Pages of a regular file, else null. */
  data: FileData | null = null;
  /** Entries of a directory by name, else null. */
  entries: Map<string, DirEntry> | null = null;
  /** Name of a directory in its parent (used by getcwd). */
  name = '';
  /** Parent directory of a directory (the root is its own parent). */
  parent: Vnode | null = null;
  /** Next getdents64 cookie of a directory. */
  nextCookie = 3;
  /** Target of a symbolic link. */
  target = '';
  /** Pipe of a FIFO, created on first open. */
  pipe: Pipe | null = null;
  /** Open files referring to this vnode (data is freed when this and nlink reach 0). */
  opens = 0;
  /** Root of the file system mounted on this directory, if any. */
  mounted: Vnode | null = null;
  /** For the root of a mounted file system: the directory it covers. */
  coveredDir: Vnode | null = null;

  constructor(sb: Superblock, ino: number, mode: number, uid: number, gid: number) {
    this.sb = sb;
    this.ino = ino;
    this.mode = mode;
    this.uid = uid;
    this.gid = gid;
    const type = mode & S_IFMT;
    if (type === S_IFREG) this.data = new FileData();
    else if (type === S_IFDIR) this.entries = new Map();
  }

  /** True for a directory. */
  get isDir(): boolean {
    return (this.mode & S_IFMT) === S_IFDIR;
  }

  /** True for a regular file. */
  get isReg(): boolean {
    return (this.mode & S_IFMT) === S_IFREG;
  }

  /** True for a symbolic link. */
  get isLink(): boolean {
    return (this.mode & S_IFMT) === S_IFLNK;
  }

  /** Size as stat reports it. */
  get size(): number {
    if (this.data !== null) return this.data.size;
    if (this.entries !== null) return 4096;
    if (this.isLink) return utf8Length(this.target);
    return 0;
  }

  /** Inserts `name` → `node` with a fresh directory cookie. */
  link(name: string, node: Vnode): void {
    this.entries!.set(name, { node, cookie: this.nextCookie++ });
  }
}

/** Number of bytes of the UTF-8 encoding of `s`. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
