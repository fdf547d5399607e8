import type { MemfsOptions } from './api.js';
import { PAGE_SIZE, S_IFDIR } from './constants.js';
import { Vnode } from './vnode.js';

let nextDev = 1;

/**
 * One mounted-able file system instance (memfs): its device number, inode numbering, root
 * directory and optional byte quota. devfs and initramfs are memfs instances too; devices
 * are device nodes whose drivers the `Vfs` looks up by number.
 */
export class Superblock {
  /** Device number reported as st_dev. */
  readonly dev: number;
  /** Root directory. */
  readonly root: Vnode;
  /** Quota in pages, or Infinity. */
  readonly quotaPages: number;
  /** Data pages in use. */
  usedPages = 0;
  private nextIno = 1;

  constructor(options: MemfsOptions = {}) {
    this.dev = nextDev++;
    this.quotaPages = options.quotaBytes === undefined ? Infinity : Math.floor(options.quotaBytes / PAGE_SIZE);
    this.root = this.newVnode(S_IFDIR | 0o755, 0, 0);
    this.root.parent = this.root;
    this.root.nlink = 2;
  }

  /** Creates an unlinked vnode with the next inode number. */
  newVnode(mode: number, uid: number, gid: number): Vnode {
    return new Vnode(this, this.nextIno++, mode, uid, gid);
  }
}

/** Creates an empty memfs file system. */
export function createMemfs(options: MemfsOptions = {}): Superblock {
  return new Superblock(options);
}
