import type { CpioEntry, CpioSource, DeferredBytes } from './api.js';
import {
  AT_FDCWD,
  AT_SYMLINK_NOFOLLOW,
  O_CREAT,
  O_DIRECTORY,
  O_RDONLY,
  O_TRUNC,
  O_WRONLY,
  PAGE_SIZE,
  S_IFBLK,
  S_IFCHR,
  S_IFDIR,
  S_IFIFO,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
  S_IFSOCK,
} from './constants.js';
import { decodeDirents } from './dirent64.js';
import { devMajor, devMinor, makeDev } from './devices.js';
import { Errno, errnoName } from './errno.js';
import { Stat } from './stat.js';
import type { Vfs } from './vfs.js';
import type { VfsProcess } from './process.js';

/** Thrown for malformed archives and for archive entries that cannot be created. */
export class CpioError extends Error {
  /** `'BAD_MAGIC'`, `'TRUNCATED'`, `'BAD_HEADER'`, `'BAD_CHECKSUM'` or an errno name. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'CpioError';
    this.code = code;
  }
}

const HEADER = 110;
/** Bytes read after a header in the same read from a source: names of up to this length come with it. */
const NAME_AHEAD = 256;
const TRAILER = 'TRAILER!!!';
const utf8 = new TextEncoder();
const text = new TextDecoder();

const align4 = (n: number): number => (n + 3) & ~3;

/** The 8-digit hexadecimal field at `at` of `bytes` (a header that starts at archive byte `base`). */
function hexField(bytes: Uint8Array, at: number, base: number): number {
  let v = 0;
  for (let i = 0; i < 8; i++) {
    const c = bytes[at + i]!;
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 65 && c <= 70) d = c - 55;
    else if (c >= 97 && c <= 102) d = c - 87;
    else throw new CpioError('BAD_HEADER', `cpio: header field at byte ${base + at} is not hexadecimal`);
    v = v * 16 + d;
  }
  return v;
}

/**
 * Parses a cpio "newc" archive (magic 070701, or 070702 with checksums) as written by
 * `find . | cpio -o -H newc`; concatenated archives are read one after another. Entry data
 * are copies (read from a {@link CpioSource} at once).
 */
export function listCpio(archive: Uint8Array | CpioSource): CpioEntry[] {
  return parseCpio(archive, 'copy') as CpioEntry[];
}

/** An entry as parsed: its data may be deferred (read from the source at first use). */
type ParsedEntry = Omit<CpioEntry, 'data'> & { readonly data: Uint8Array | DeferredBytes };

/** The bytes of `data`, loading deferred ones. */
function bytesOf(data: Uint8Array | DeferredBytes): Uint8Array {
  return data instanceof Uint8Array ? data : data.load();
}

/**
 * Parses the archive. Entry data are copies (`copy`), or else views of an in-memory
 * archive and deferred reads of a source (`defer`).
 */
function parseCpio(archive: Uint8Array | CpioSource, data: 'copy' | 'defer'): ParsedEntry[] {
  const inMemory = archive instanceof Uint8Array;
  const size = inMemory ? archive.length : archive.size;
  const read = (offset: number, length: number): Uint8Array => {
    if (inMemory) return archive.subarray(offset, offset + length);
    const b = archive.read(offset, length);
    if (b.length !== length) throw new CpioError('TRUNCATED', `cpio: reading ${length} bytes at byte ${offset} gave ${b.length}`);
    return b;
  };
  const out: ParsedEntry[] = [];
  let at = 0;
  while (at < size) {
    // zero padding between concatenated archives, read in pieces from a source; the header
    // with the bytes after it, so that from a source a short name comes in the same read
    const head = read(at, Math.min(HEADER + NAME_AHEAD, size - at));
    const pad = head.findIndex((b) => b !== 0);
    if (pad !== 0) {
      at += pad < 0 ? head.length : pad;
      continue;
    }
    if (at + HEADER > size) throw new CpioError('TRUNCATED', `cpio: header at byte ${at} is cut short`);
    const magic = text.decode(head.subarray(0, 6));
    if (magic !== '070701' && magic !== '070702') throw new CpioError('BAD_MAGIC', `cpio: bad magic "${magic}" at byte ${at} (only newc is supported)`);
    const f = (i: number): number => hexField(head, 6 + i * 8, at);
    const namesize = f(11);
    const filesize = f(6);
    if (namesize === 0) throw new CpioError('BAD_HEADER', `cpio: empty name at byte ${at}`);
    const nameAt = at + HEADER;
    const dataAt = align4(nameAt + namesize);
    if (dataAt + filesize > size) throw new CpioError('TRUNCATED', `cpio: entry at byte ${at} runs past the end`);
    const name = text.decode(HEADER + namesize - 1 <= head.length ? head.subarray(HEADER, HEADER + namesize - 1) : read(nameAt, namesize - 1));
    at = align4(dataAt + filesize);
    if (name === TRAILER) continue;
    const checksummed = magic === '070702';
    let bytes: Uint8Array | DeferredBytes;
    if (filesize === 0) {
      // no read at all (from a source, even an empty one costs a visit to the file)
      bytes = new Uint8Array(0);
    } else if (data === 'defer' && !inMemory && !checksummed) {
      bytes = { length: filesize, load: () => read(dataAt, filesize) };
    } else {
      const b = read(dataAt, filesize);
      bytes = data === 'copy' && inMemory ? b.slice() : b;
    }
    if (checksummed) {
      let sum = 0;
      for (const b of bytes as Uint8Array) sum = (sum + b) >>> 0;
      if (sum !== f(12)) throw new CpioError('BAD_CHECKSUM', `cpio: checksum mismatch for ${name}`);
    }
    out.push({
      name: name.replace(/^(\.\/|\/)+/, ''),
      ino: f(0),
      mode: f(1),
      uid: f(2),
      gid: f(3),
      nlink: f(4),
      mtime: f(5),
      devMajor: f(7),
      devMinor: f(8),
      rdevMajor: f(9),
      rdevMinor: f(10),
      data: bytes,
    });
  }
  return out;
}

function must(r: number, what: string): number {
  if (r < 0) throw new CpioError(errnoName(r) ?? 'EIO', `cpio: ${what} failed with ${errnoName(r) ?? r}`);
  return r;
}

/** Options of {@link unpackCpio}. */
export interface UnpackOptions {
  /** Directory to unpack into (created when missing). Default "/". */
  readonly dest?: string;
  /**
   * Copy file contents out of the archive at once (true), or let the unpacked files read
   * them from `archive` until their first change (false, the default: no copying at boot;
   * from a {@link CpioSource}, each file's bytes are read at the file's first use).
   * Writes never go to `archive` either way; with false the caller must not change it.
   */
  readonly copy?: boolean;
}

/**
 * Unpacks a newc archive into `vfs` as root, the way the Linux kernel unpacks an
 * initramfs: directories, regular files (hard links kept), symbolic links, device nodes
 * and FIFOs, with owners, modes and modification times. Missing parent directories are
 * created (mode 0755). Returns the number of entries unpacked. Unless `options.copy` is
 * set, regular files borrow their bytes from `archive` (copied on first write or truncate);
 * from a {@link CpioSource} only the headers are read here, and each file's bytes at its
 * first read (a file emptied or removed before that is never read).
 */
export function unpackCpio(vfs: Vfs, archive: Uint8Array | CpioSource, options: UnpackOptions = {}): number {
  const p = vfs.createProcess({ umask: 0 });
  const dest = (options.dest ?? '/').replace(/\/+$/, '');
  if (dest !== '') mkdirs(p, dest);
  const links = new Map<string, string>();
  const dirTimes: [string, number][] = [];
  let count = 0;
  const copy = options.copy === true;
  for (const e of parseCpio(archive, copy ? 'copy' : 'defer')) {
    if (e.name === '' || e.name === '.') continue;
    const path = `${dest}/${e.name}`;
    const slash = path.lastIndexOf('/');
    if (slash > 0) mkdirs(p, path.slice(0, slash));
    const type = e.mode & S_IFMT;
    const perm = e.mode & 0o7777;
    if (type === S_IFDIR) {
      const r = p.mkdir(path, perm);
      if (r !== -Errno.EEXIST) must(r, `mkdir ${path}`);
      dirTimes.push([path, e.mtime]);
    } else {
      const old = p.unlink(path);
      if (old === -Errno.EISDIR) must(p.rmdir(path), `replace ${path}`);
      if (type === S_IFREG) {
        const key = `${e.devMajor}:${e.devMinor}:${e.ino}`;
        const first = e.nlink > 1 ? links.get(key) : undefined;
        let fd: number;
        if (first !== undefined) {
          must(p.link(first, path), `link ${path}`);
          fd = must(p.open(path, O_WRONLY), `open ${path}`);
        } else {
          if (e.nlink > 1) links.set(key, path);
          fd = must(p.open(path, O_CREAT | O_WRONLY | O_TRUNC, perm), `create ${path}`);
        }
        if (e.data.length > 0 && !(!copy && borrow(vfs, p, fd, e.data))) must(p.write(fd, bytesOf(e.data)), `write ${path}`);
        p.close(fd);
      } else if (type === S_IFLNK) {
        must(p.symlink(text.decode(bytesOf(e.data)), path), `symlink ${path}`);
      } else if (type === S_IFCHR || type === S_IFBLK || type === S_IFIFO || type === S_IFSOCK) {
        must(p.mknod(path, type | perm, makeDev(e.rdevMajor, e.rdevMinor)), `mknod ${path}`);
      } else throw new CpioError('BAD_HEADER', `cpio: ${e.name} has unknown file type ${(type >>> 12).toString(8)}`);
    }
    must(p.lchown(path, e.uid, e.gid), `chown ${path}`);
    if (type !== S_IFLNK) must(p.chmod(path, perm), `chmod ${path}`);
    if (type !== S_IFDIR) p.utimensat(AT_FDCWD, path, [e.mtime, 0, e.mtime, 0], AT_SYMLINK_NOFOLLOW);
    count++;
  }
  for (const [path, mtime] of dirTimes) p.utimensat(AT_FDCWD, path, [mtime, 0, mtime, 0], 0);
  p.exit();
  return count;
}

/**
 * Lets the empty regular file open as `fd` read `bytes` in place (no copy), charging its
 * pages to the file system as a write would; false when that is not possible (the file
 * already has data, or the quota would be exceeded: the caller then writes normally).
 */
function borrow(vfs: Vfs, p: VfsProcess, fd: number, bytes: Uint8Array | DeferredBytes): boolean {
  const node = p.fileOf(fd)?.node;
  const data = node?.data ?? null;
  if (node === undefined || data === null || data.size !== 0 || data.allocatedPages !== 0) return false;
  const sb = node.sb;
  if (sb.usedPages + Math.ceil(bytes.length / PAGE_SIZE) > sb.quotaPages) return false;
  data.adopt(bytes);
  sb.usedPages += data.allocatedPages;
  vfs.touchModify(node);
  return true;
}

function mkdirs(p: VfsProcess, path: string): void {
  let at = 0;
  for (;;) {
    at = path.indexOf('/', at + 1);
    const prefix = at < 0 ? path : path.slice(0, at);
    if (prefix !== '') {
      const r = p.mkdir(prefix, 0o755);
      if (r !== -Errno.EEXIST) must(r, `mkdir ${prefix}`);
    }
    if (at < 0) return;
  }
}

class Writer {
  private chunks: Uint8Array[] = [];
  private length = 0;

  add(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
    const pad = align4(this.length) - this.length;
    if (pad > 0) {
      this.chunks.push(new Uint8Array(pad));
      this.length += pad;
    }
  }

  entry(name: string, fields: readonly number[], data: Uint8Array): void {
    const nameBytes = utf8.encode(name + '\0');
    let h = '070701';
    const all = [...fields.slice(0, 11), nameBytes.length, 0];
    for (const v of all) h += (v >>> 0).toString(16).padStart(8, '0').toUpperCase();
    const head = new Uint8Array(HEADER + nameBytes.length);
    head.set(utf8.encode(h), 0);
    head.set(nameBytes, HEADER);
    this.add(head);
    if (data.length > 0) this.add(data);
  }

  finish(): Uint8Array {
    this.entry(TRAILER, [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0], new Uint8Array(0));
    const pad = (512 - (this.length % 512)) % 512;
    if (pad > 0) this.add(new Uint8Array(pad));
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/**
 * Packs the tree under `root` (default "/") of `vfs` into a newc archive with the names
 * `find . | cpio -o -H newc` would give ("." first, then paths without a leading "./"),
 * directories before their contents; for hard links the data goes with the last name, as
 * GNU cpio writes it. Mount points are descended into.
 */
export function packCpio(vfs: Vfs, root = '/'): Uint8Array {
  const p = vfs.createProcess();
  const w = new Writer();
  const st = new Stat();
  const seen = new Map<string, { left: number }>();
  const buf = new Uint8Array(8192);
  const emit = (path: string, name: string): void => {
    must(p.lstat(path, st), `lstat ${path}`);
    const type = st.mode & S_IFMT;
    let data = new Uint8Array(0);
    if (type === S_IFREG) {
      const key = `${st.dev}:${st.ino}`;
      let last = true;
      if (st.nlink > 1) {
        const s = seen.get(key) ?? { left: st.nlink };
        s.left--;
        seen.set(key, s);
        last = s.left === 0;
      }
      if (last) {
        data = new Uint8Array(st.size);
        const fd = must(p.open(path, O_RDONLY), `open ${path}`);
        must(p.read(fd, data), `read ${path}`);
        p.close(fd);
      }
    } else if (type === S_IFLNK) {
      const n = must(p.readlink(path, buf), `readlink ${path}`);
      data = buf.slice(0, n);
    }
    w.entry(
      name,
      [st.ino, st.mode, st.uid, st.gid, st.nlink, st.mtimeSec, data.length, devMajor(st.dev), devMinor(st.dev), devMajor(st.rdev), devMinor(st.rdev)],
      data,
    );
    if (type === S_IFDIR) {
      const fd = must(p.open(path, O_RDONLY | O_DIRECTORY), `opendir ${path}`);
      const names: string[] = [];
      for (;;) {
        const n = must(p.getdents64(fd, buf), `getdents64 ${path}`);
        if (n === 0) break;
        for (const e of decodeDirents(buf, n)) if (e.name !== '.' && e.name !== '..') names.push(e.name);
      }
      p.close(fd);
      for (const child of names) emit(`${path === '/' ? '' : path}/${child}`, name === '.' ? child : `${name}/${child}`);
    }
  };
  emit(root, '.');
  p.exit();
  return w.finish();
}
