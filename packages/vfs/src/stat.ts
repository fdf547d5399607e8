import type { Vnode } from './vnode.js';

/**
 * The fields of a Linux `struct stat`, filled by the stat family of calls. Reuse one
 * instance across calls to avoid allocation.
 */
export class Stat {
  /** Device of the file system. */
  dev = 0;
  /** Inode number. */
  ino = 0;
  /** Type and permission bits. */
  mode = 0;
  /** Hard links. */
  nlink = 0;
  /** Owner. */
  uid = 0;
  /** Group. */
  gid = 0;
  /** Device number of a device node. */
  rdev = 0;
  /** Size in bytes. */
  size = 0;
  /** Preferred I/O size. */
  blksize = 4096;
  /** 512-byte blocks allocated. */
  blocks = 0;
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
}

/** Fills `out` from `node`. */
export function fillStat(node: Vnode, out: Stat): void {
  out.dev = node.sb.dev;
  out.ino = node.ino;
  out.mode = node.mode;
  out.nlink = node.nlink;
  out.uid = node.uid;
  out.gid = node.gid;
  out.rdev = node.rdev;
  out.size = node.size;
  out.blksize = 4096;
  out.blocks = node.data !== null ? node.data.allocatedPages * 8 : node.isDir ? 8 : 0;
  out.atimeSec = node.atimeSec;
  out.atimeNsec = node.atimeNsec;
  out.mtimeSec = node.mtimeSec;
  out.mtimeNsec = node.mtimeNsec;
  out.ctimeSec = node.ctimeSec;
  out.ctimeNsec = node.ctimeNsec;
}

/** Size in bytes of the Linux ARM EABI `struct stat64`. */
export const STAT64_SIZE = 104;

function putU64(view: DataView, at: number, value: number): void {
  view.setUint32(at, value >>> 0, true);
  view.setUint32(at + 4, Math.floor(value / 4294967296) >>> 0, true);
}

/**
 * Writes `st` as the Linux ARM EABI `struct stat64` (104 bytes, little-endian) at `offset`
 * of `view`: st_dev u64 @0, __st_ino u32 @12, st_mode @16, st_nlink @20, st_uid @24,
 * st_gid @28, st_rdev u64 @32, st_size s64 @48, st_blksize @56, st_blocks u64 @64,
 * atime/nsec @72/76, mtime/nsec @80/84, ctime/nsec @88/92, st_ino u64 @96.
 */
export function encodeStat64(st: Stat, view: DataView, offset = 0): void {
  for (let i = 0; i < STAT64_SIZE; i += 4) view.setUint32(offset + i, 0, true);
  putU64(view, offset, st.dev);
  view.setUint32(offset + 12, st.ino >>> 0, true);
  view.setUint32(offset + 16, st.mode >>> 0, true);
  view.setUint32(offset + 20, st.nlink >>> 0, true);
  view.setUint32(offset + 24, st.uid >>> 0, true);
  view.setUint32(offset + 28, st.gid >>> 0, true);
  putU64(view, offset + 32, st.rdev);
  putU64(view, offset + 48, st.size);
  view.setUint32(offset + 56, st.blksize >>> 0, true);
  putU64(view, offset + 64, st.blocks);
  view.setUint32(offset + 72, st.atimeSec >>> 0, true);
  view.setUint32(offset + 76, st.atimeNsec >>> 0, true);
  view.setUint32(offset + 80, st.mtimeSec >>> 0, true);
  view.setUint32(offset + 84, st.mtimeNsec >>> 0, true);
  view.setUint32(offset + 88, st.ctimeSec >>> 0, true);
  view.setUint32(offset + 92, st.ctimeNsec >>> 0, true);
  putU64(view, offset + 96, st.ino);
}
