import { DT_BLK, DT_CHR, DT_DIR, DT_FIFO, DT_LNK, DT_REG, DT_SOCK, DT_UNKNOWN, S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK } from './constants.js';
import { Errno } from './errno.js';
import type { OpenFile } from './open-file.js';
import type { Vnode } from './vnode.js';

const utf8 = new TextEncoder();

/** The d_type of a mode. */
export function direntType(mode: number): number {
  switch (mode & S_IFMT) {
    case S_IFREG:
      return DT_REG;
    case S_IFDIR:
      return DT_DIR;
    case S_IFLNK:
      return DT_LNK;
    case S_IFCHR:
      return DT_CHR;
    case S_IFBLK:
      return DT_BLK;
    case S_IFIFO:
      return DT_FIFO;
    case S_IFSOCK:
      return DT_SOCK;
    default:
      return DT_UNKNOWN;
  }
}

function put(buf: Uint8Array, view: DataView, at: number, ino: number, next: number, type: number, name: Uint8Array): number {
  const reclen = (19 + name.length + 1 + 7) & ~7;
  view.setUint32(at, ino >>> 0, true);
  view.setUint32(at + 4, Math.floor(ino / 4294967296), true);
  view.setUint32(at + 8, next >>> 0, true);
  view.setUint32(at + 12, Math.floor(next / 4294967296), true);
  view.setUint16(at + 16, reclen, true);
  buf[at + 18] = type;
  buf.set(name, at + 19);
  buf.fill(0, at + 19 + name.length, at + reclen);
  return reclen;
}

const DOT = utf8.encode('.');
const DOTDOT = utf8.encode('..');

/**
 * Encodes directory entries of `file` from its position into `buf`; positions 0 and 1
 * are "." and "..", later ones are entry cookies. Returns bytes written, 0 at the end, or
 * -EINVAL when the first record does not fit.
 */
export function encodeDirents(file: OpenFile, parent: Vnode, buf: Uint8Array, offset: number, length: number): number {
  const dir = file.node;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let at = offset;
  const end = offset + length;
  const fits = (n: number): boolean => at + ((19 + n + 1 + 7) & ~7) <= end;
  if (file.pos === 0) {
    if (!fits(1)) return -Errno.EINVAL;
    at += put(buf, view, at, dir.ino, 1, DT_DIR, DOT);
    file.pos = 1;
  }
  if (file.pos === 1) {
    if (!fits(2)) return at > offset ? at - offset : -Errno.EINVAL;
    at += put(buf, view, at, parent.ino, 2, DT_DIR, DOTDOT);
    file.pos = 2;
  }
  for (const [name, e] of dir.entries!) {
    if (e.cookie < file.pos) continue;
    const bytes = utf8.encode(name);
    if (!fits(bytes.length)) return at > offset ? at - offset : -Errno.EINVAL;
    at += put(buf, view, at, e.node.ino, e.cookie + 1, direntType(e.node.mode), bytes);
    file.pos = e.cookie + 1;
  }
  return at - offset;
}

/** Decodes getdents64 records (a helper for tests and tools). */
export function decodeDirents(buf: Uint8Array, length: number): { ino: number; off: number; type: number; name: string }[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const dec = new TextDecoder();
  const out: { ino: number; off: number; type: number; name: string }[] = [];
  let at = 0;
  while (at < length) {
    const reclen = view.getUint16(at + 16, true);
    let z = at + 19;
    while (buf[z] !== 0) z++;
    out.push({
      ino: view.getUint32(at, true) + view.getUint32(at + 4, true) * 4294967296,
      off: view.getUint32(at + 8, true) + view.getUint32(at + 12, true) * 4294967296,
      type: buf[at + 18] ?? 0,
      name: dec.decode(buf.subarray(at + 19, z)),
    });
    at += reclen;
  }
  return out;
}
