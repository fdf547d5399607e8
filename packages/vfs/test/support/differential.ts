/**
 * fsx-style differential runner: the same seeded random operations on our VFS and on the
 * host kernel through node:fs (in a fresh temporary directory), comparing results, errno
 * values, stat fields, directory listings and file contents after every step.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  Errno,
  O_APPEND,
  O_CREAT,
  O_DIRECTORY,
  O_EXCL,
  O_NOFOLLOW,
  O_RDONLY,
  O_RDWR,
  O_TRUNC,
  O_WRONLY,
  S_IFDIR,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
  SEEK_CUR,
  SEEK_END,
  SEEK_SET,
  Stat,
  Vfs,
  decodeDirents,
  type VfsProcess,
} from '../../src/index.js';
import { checkInvariants } from './invariants.js';

/** A small deterministic PRNG (xorshift32). */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.s = x;
    return x;
  }
  int(n: number): number {
    return this.next() % n;
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)]!;
  }
  chance(p: number): boolean {
    return this.next() / 4294967296 < p;
  }
}

function nodeErrno(e: unknown): number {
  const code = (e as { code?: string }).code;
  if (code !== undefined && code in Errno) return -Errno[code as keyof typeof Errno];
  throw e instanceof Error ? e : new Error(String(e));
}

function host<T>(f: () => T): T | number {
  try {
    return f();
  } catch (e) {
    return nodeErrno(e);
  }
}

const NODE_FLAGS: readonly (readonly [number, number])[] = [
  [O_CREAT, fs.constants.O_CREAT],
  [O_EXCL, fs.constants.O_EXCL],
  [O_TRUNC, fs.constants.O_TRUNC],
  [O_APPEND, fs.constants.O_APPEND],
  [O_DIRECTORY, fs.constants.O_DIRECTORY],
  [O_NOFOLLOW, fs.constants.O_NOFOLLOW],
];

function toNodeFlags(flags: number): number {
  let n = flags & 3;
  for (const [ours, theirs] of NODE_FLAGS) if ((flags & ours) !== 0) n |= theirs;
  return n;
}

interface Handle {
  ours: number;
  host: number;
  flags: number;
  pos: number;
  path: string;
}

/** Outcome of one run. */
export interface DiffResult {
  readonly ops: number;
  readonly divergences: string[];
  readonly counts: Record<string, number>;
}

const NAMES = ['a', 'b', 'c', 'd', 'e'];
const MODES = [0o644, 0o600, 0o755, 0o777, 0o000, 0o444, 0o1777, 0o2755, 0o4755, 0o700];
/** Depth of the working directory under the temporary directory, so "../" in link targets stays inside. */
const NEST = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'];

/** Runs `ops` random operations with `seed`; stops at the first divergence. */
export function runDifferential(seed: number, ops: number): DiffResult {
  const rng = new Rng(seed);
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'vfs-diff-'));
  const base = path.join(top, ...NEST);
  fs.mkdirSync(base, { recursive: true, mode: 0o755 });
  // Learn the host umask without the deprecated process.umask() getter.
  const probe = path.join(top, 'umask-probe');
  fs.writeFileSync(probe, '', { mode: 0o777 });
  const umask = ~fs.statSync(probe).mode & 0o777;
  fs.unlinkSync(probe);
  fs.chmodSync(base, 0o755);

  const vfs = new Vfs();
  // The same credentials on both sides: root here and in CI, but a non-root run works too.
  const uid = process.geteuid?.() ?? 0;
  const gid = process.getegid?.() ?? 0;
  const groups = process.getgroups?.() ?? [];
  const setup = vfs.createProcess({ umask });
  const p: VfsProcess = vfs.createProcess({ umask, uid, gid, groups });
  // access(2) checks with the real ids, which may differ from the effective ones.
  p.uid = process.getuid?.() ?? uid;
  p.gid = process.getgid?.() ?? gid;
  let cwd = '';
  for (const n of NEST) {
    cwd += '/' + n;
    setup.mkdir(cwd, 0o755);
    setup.chmod(cwd, 0o755);
    setup.chown(cwd, uid, gid);
  }
  p.chdir(cwd);

  const handles: Handle[] = [];
  const divergences: string[] = [];
  const counts: Record<string, number> = {};
  const st = new Stat();
  const buf = new Uint8Array(1 << 17);
  const hbuf = Buffer.alloc(1 << 17);
  const hp = (rel: string): string => base + '/' + rel;

  const fail = (step: number, what: string): void => {
    divergences.push(`seed ${seed} step ${step}: ${what}`);
  };

  const randPath = (): string => {
    const depth = 1 + (rng.chance(0.5) ? 0 : rng.chance(0.6) ? 1 : 2);
    const parts: string[] = [];
    for (let i = 0; i < depth; i++) {
      parts.push(rng.pick(NAMES));
      if (rng.chance(0.04)) parts.push('.');
      if (rng.chance(0.03) && i < depth - 1) parts.push('..', rng.pick(NAMES));
    }
    let s = parts.join(rng.chance(0.05) ? '//' : '/');
    if (rng.chance(0.06)) s += '/';
    if (rng.chance(0.02)) s = './' + s;
    return s;
  };
  const randTarget = (): string => {
    const r = rng.int(10);
    if (r === 0) return '../' + rng.pick(NAMES);
    if (r === 1) return rng.pick(NAMES) + '/' + rng.pick(NAMES);
    if (r === 2) return '.';
    return rng.pick(NAMES);
  };

  const cmpNum = (step: number, op: string, ours: number, theirs: number): boolean => {
    if (ours !== theirs) {
      fail(step, `${op}: ours ${ours} host ${theirs}`);
      return false;
    }
    return true;
  };

  const statHost = (p2: string, follow: boolean): fs.Stats | number => host(() => (follow ? fs.statSync(p2) : fs.lstatSync(p2)));

  const cmpStat = (step: number, op: string, r: number, s: fs.Stats | number): void => {
    if (typeof s === 'number') {
      cmpNum(step, op, r, s);
      return;
    }
    if (!cmpNum(step, op, r, 0)) return;
    if (st.mode !== s.mode) fail(step, `${op}: mode ours ${st.mode.toString(8)} host ${s.mode.toString(8)}`);
    if (st.nlink !== s.nlink) fail(step, `${op}: nlink ours ${st.nlink} host ${s.nlink}`);
    if (st.uid !== s.uid || st.gid !== s.gid) fail(step, `${op}: owner ours ${st.uid}:${st.gid} host ${s.uid}:${s.gid}`);
    if ((st.mode & S_IFMT) !== S_IFDIR && st.size !== s.size) fail(step, `${op}: size ours ${st.size} host ${s.size}`);
  };

  const listOurs = (dirPath: string): string[] | number => {
    const fd = p.open(dirPath, O_RDONLY | O_DIRECTORY, 0);
    if (fd < 0) return fd;
    const names: string[] = [];
    const small = new Uint8Array(96);
    for (;;) {
      const n = p.getdents64(fd, small);
      if (n < 0) {
        p.close(fd);
        return n;
      }
      if (n === 0) break;
      for (const e of decodeDirents(small, n)) if (e.name !== '.' && e.name !== '..') names.push(e.name);
    }
    p.close(fd);
    return names.sort();
  };

  const fileContent = (h: Handle): [Uint8Array, Buffer] | null => {
    const size = p.fstat(h.ours, st) === 0 && (st.mode & S_IFMT) === S_IFREG ? st.size : -1;
    if (size < 0 || size > buf.length) return null;
    const a = new Uint8Array(size);
    // Read the vnode directly and the host file through /proc: the handle may be write-only.
    const f = p.fileOf(h.ours);
    f?.node.data?.read(0, a, 0, size);
    const hs = fs.fstatSync(h.host).size;
    const b = Buffer.alloc(hs);
    // A non-root run may not reopen a file whose mode forbids reading: skip those.
    const rfd = host(() => fs.openSync(`/proc/self/fd/${h.host}`, 'r'));
    if (rfd < 0) return null;
    try {
      fs.readSync(rfd, b, 0, hs, 0);
    } finally {
      fs.closeSync(rfd);
    }
    return [a, b];
  };

  const cmpContent = (step: number, h: Handle, op: string): void => {
    const c = fileContent(h);
    if (c === null) return;
    const [a, b] = c;
    if (a.length !== b.length) {
      fail(step, `${op}: size ours ${a.length} host ${b.length} (${h.path})`);
      return;
    }
    if (Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), b) !== 0) fail(step, `${op}: contents differ (${h.path})`);
  };

  const compareTree = (step: number, rel: string, depth: number): void => {
    const ours = listOurs(rel === '' ? '.' : rel);
    const theirs = host(() => fs.readdirSync(hp(rel === '' ? '.' : rel)).sort());
    if (typeof ours === 'number' || typeof theirs === 'number') {
      if (ours !== theirs) fail(step, `tree ${rel}: ours ${String(ours)} host ${String(theirs)}`);
      return;
    }
    if (ours.join('|') !== theirs.join('|')) {
      fail(step, `tree ${rel}: ours [${ours.join(',')}] host [${theirs.join(',')}]`);
      return;
    }
    for (const name of ours) {
      const child = rel === '' ? name : rel + '/' + name;
      const r = p.lstat(child, st);
      const s = statHost(hp(child), false);
      cmpStat(step, `tree lstat ${child}`, r, s);
      if (typeof s === 'number') continue;
      if ((st.mode & S_IFMT) === S_IFLNK) {
        const n = p.readlink(child, buf);
        const t = fs.readlinkSync(hp(child));
        if (new TextDecoder().decode(buf.subarray(0, Math.max(n, 0))) !== t) fail(step, `tree readlink ${child}`);
      } else if ((st.mode & S_IFMT) === S_IFREG) {
        const size = st.size;
        const fd = p.open(child, O_RDONLY, 0);
        const b = host(() => fs.readFileSync(hp(child)));
        if (fd < 0 || typeof b === 'number') cmpNum(step, `tree open ${child}`, Math.min(fd, 0), typeof b === 'number' ? b : 0);
        else {
          const a = new Uint8Array(size);
          p.read(fd, a);
          if (Buffer.compare(Buffer.from(a), b) !== 0) fail(step, `tree contents ${child}`);
        }
        if (fd >= 0) p.close(fd);
      } else if ((st.mode & S_IFMT) === S_IFDIR && depth < 6) compareTree(step, child, depth + 1);
    }
  };

  const pattern = (len: number, step: number): void => {
    let x = (step * 2654435761) >>> 0;
    for (let i = 0; i < len; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      buf[i] = x >>> 24;
    }
    hbuf.set(buf.subarray(0, len), 0);
  };

  const randLen = (): number => (rng.chance(0.7) ? rng.int(300) : rng.chance(0.8) ? rng.int(9000) : rng.int(70000));
  const randOff = (): number => (rng.chance(0.6) ? rng.int(5000) : rng.chance(0.9) ? rng.int(70000) : rng.int(400000));

  try {
    for (let step = 0; step < ops && divergences.length === 0; step++) {
      const roll = rng.int(100);
      let op: string;
      if (roll < 14) op = 'open';
      else if (roll < 20) op = 'close';
      else if (roll < 30) op = 'write';
      else if (roll < 36) op = 'read';
      else if (roll < 40) op = 'pwrite';
      else if (roll < 43) op = 'pread';
      else if (roll < 47) op = 'lseek';
      else if (roll < 50) op = 'ftruncate';
      else if (roll < 53) op = 'truncate';
      else if (roll < 59) op = 'mkdir';
      else if (roll < 62) op = 'rmdir';
      else if (roll < 66) op = 'unlink';
      else if (roll < 72) op = 'rename';
      else if (roll < 75) op = 'link';
      else if (roll < 79) op = 'symlink';
      else if (roll < 81) op = 'readlink';
      else if (roll < 86) op = 'stat';
      else if (roll < 89) op = 'lstat';
      else if (roll < 92) op = 'readdir';
      else if (roll < 94) op = 'chmod';
      else if (roll < 95) op = rng.chance(0.5) ? 'chown' : 'lchown';
      else if (roll < 97) op = 'fstat';
      else op = 'access';
      counts[op] = (counts[op] ?? 0) + 1;
      const h = handles.length > 0 ? rng.pick(handles) : undefined;
      switch (op) {
        case 'open': {
          if (handles.length >= 12) {
            counts[op] = (counts[op] ?? 1) - 1;
            break;
          }
          let flags = rng.pick([O_RDONLY, O_WRONLY, O_RDWR]);
          for (const f of [O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY, O_NOFOLLOW]) if (rng.chance(f === O_CREAT ? 0.6 : 0.15)) flags |= f;
          if ((flags & O_CREAT) !== 0 && (flags & O_DIRECTORY) !== 0) flags &= ~O_DIRECTORY;
          const rel = randPath();
          const mode = rng.pick(MODES);
          const ours = p.open(rel, flags, mode);
          const theirs = host(() => fs.openSync(hp(rel), toNodeFlags(flags), mode));
          if (ours >= 0 && theirs >= 0) handles.push({ ours, host: theirs, flags, pos: 0, path: rel });
          else if (ours >= 0) p.close(ours);
          else if (theirs >= 0) fs.closeSync(theirs);
          if (cmpNum(step, `open ${rel} ${flags.toString(8)}`, ours < 0 ? ours : 0, theirs < 0 ? theirs : 0) && ours >= 0) {
            cmpContent(step, handles[handles.length - 1]!, 'open');
          }
          break;
        }
        case 'close': {
          if (!h) break;
          handles.splice(handles.indexOf(h), 1);
          cmpNum(step, 'close', p.close(h.ours), host(() => {
            fs.closeSync(h.host);
            return 0;
          }));
          break;
        }
        case 'write':
        case 'pwrite': {
          if (!h) break;
          const len = randLen();
          pattern(len, step);
          const at = op === 'pwrite' ? randOff() : h.pos;
          const append = (h.flags & O_APPEND) !== 0;
          const ours = op === 'pwrite' ? p.pwrite(h.ours, buf, 0, len, at) : p.write(h.ours, buf, 0, len);
          const theirs = host(() => fs.writeSync(h.host, hbuf, 0, len, op === 'write' && append ? null : at));
          if (cmpNum(step, `${op} ${h.path} len ${len} at ${at}`, ours, theirs) && ours > 0 && op === 'write') {
            h.pos = append ? fs.fstatSync(h.host).size : h.pos + ours;
          }
          cmpContent(step, h, op);
          break;
        }
        case 'read':
        case 'pread': {
          if (!h) break;
          // node:fs answers a zero-length read itself without asking the kernel.
          const len = 1 + randLen();
          const at = op === 'pread' ? randOff() : h.pos;
          buf.fill(0xee, 0, len);
          hbuf.fill(0xee, 0, len);
          const ours = op === 'pread' ? p.pread(h.ours, buf, 0, len, at) : p.read(h.ours, buf, 0, len);
          const theirs = host(() => fs.readSync(h.host, hbuf, 0, len, at));
          if (cmpNum(step, `${op} ${h.path} len ${len} at ${at}`, ours, theirs) && ours > 0) {
            if (Buffer.compare(Buffer.from(buf.buffer, 0, ours), hbuf.subarray(0, ours)) !== 0) fail(step, `${op}: data differs`);
            if (op === 'read') h.pos += ours;
          }
          break;
        }
        case 'lseek': {
          if (!h) break;
          const whence = rng.pick([SEEK_SET, SEEK_CUR, SEEK_END]);
          const off = rng.int(20000) - (whence === SEEK_SET ? 100 : 10000);
          const ours = p.lseek(h.ours, off, whence);
          const hs = fs.fstatSync(h.host);
          if (hs.isDirectory()) break;
          const target = (whence === SEEK_SET ? 0 : whence === SEEK_CUR ? h.pos : hs.size) + off;
          const theirs = target < 0 ? -Errno.EINVAL : target;
          if (cmpNum(step, `lseek ${off} ${whence}`, ours, theirs) && theirs >= 0) h.pos = theirs;
          break;
        }
        case 'ftruncate': {
          if (!h) break;
          const len = randOff();
          const ours = p.ftruncate(h.ours, len);
          const theirs = host(() => {
            fs.ftruncateSync(h.host, len);
            return 0;
          });
          cmpNum(step, `ftruncate ${h.path} ${len}`, ours, theirs);
          cmpContent(step, h, op);
          break;
        }
        case 'truncate': {
          const rel = randPath();
          const len = randOff();
          cmpNum(step, `truncate ${rel} ${len}`, p.truncate(rel, len), host(() => {
            fs.truncateSync(hp(rel), len);
            return 0;
          }));
          break;
        }
        case 'mkdir': {
          const rel = randPath();
          const mode = rng.pick(MODES);
          cmpNum(step, `mkdir ${rel}`, p.mkdir(rel, mode), host(() => {
            fs.mkdirSync(hp(rel), { mode });
            return 0;
          }));
          break;
        }
        case 'rmdir':
        case 'unlink': {
          const rel = randPath();
          cmpNum(step, `${op} ${rel}`, op === 'rmdir' ? p.rmdir(rel) : p.unlink(rel), host(() => {
            if (op === 'rmdir') fs.rmdirSync(hp(rel));
            else fs.unlinkSync(hp(rel));
            return 0;
          }));
          break;
        }
        case 'rename':
        case 'link': {
          const a = randPath();
          const b = rng.chance(0.15) ? (a.split('/')[0] ?? 'a') + '/' + rng.pick(NAMES) : randPath();
          cmpNum(step, `${op} ${a} ${b}`, op === 'rename' ? p.rename(a, b) : p.link(a, b), host(() => {
            if (op === 'rename') fs.renameSync(hp(a), hp(b));
            else fs.linkSync(hp(a), hp(b));
            return 0;
          }));
          break;
        }
        case 'symlink': {
          const target = randTarget();
          const rel = randPath();
          cmpNum(step, `symlink ${target} ${rel}`, p.symlink(target, rel), host(() => {
            fs.symlinkSync(target, hp(rel));
            return 0;
          }));
          break;
        }
        case 'readlink': {
          const rel = randPath();
          const n = p.readlink(rel, buf);
          const t = host(() => fs.readlinkSync(hp(rel)));
          if (typeof t === 'number') cmpNum(step, `readlink ${rel}`, n, t);
          else if (new TextDecoder().decode(buf.subarray(0, Math.max(0, n))) !== t) fail(step, `readlink ${rel}: ours ${n}`);
          break;
        }
        case 'stat':
        case 'lstat': {
          const rel = randPath();
          cmpStat(step, `${op} ${rel}`, op === 'stat' ? p.stat(rel, st) : p.lstat(rel, st), statHost(hp(rel), op === 'stat'));
          break;
        }
        case 'fstat': {
          if (!h) break;
          cmpStat(step, `fstat ${h.path}`, p.fstat(h.ours, st), host(() => fs.fstatSync(h.host)));
          break;
        }
        case 'readdir': {
          const rel = rng.chance(0.2) ? '.' : randPath();
          const ours = listOurs(rel);
          const theirs = host(() => fs.readdirSync(hp(rel)).sort());
          if (typeof ours === 'number' || typeof theirs === 'number') cmpNum(step, `readdir ${rel}`, typeof ours === 'number' ? ours : 0, typeof theirs === 'number' ? theirs : 0);
          else if (ours.join('|') !== theirs.join('|')) fail(step, `readdir ${rel}: ours [${ours.join(',')}] host [${theirs.join(',')}]`);
          break;
        }
        case 'chmod': {
          const rel = randPath();
          const mode = rng.pick(MODES);
          cmpNum(step, `chmod ${rel}`, p.chmod(rel, mode), host(() => {
            fs.chmodSync(hp(rel), mode);
            return 0;
          }));
          break;
        }
        case 'chown':
        case 'lchown': {
          const rel = randPath();
          const ids = uid === 0 ? [-1, 0, 1, 1000, 65534] : [-1, uid];
          const newUid = rng.pick(ids);
          const newGid = rng.pick(uid === 0 ? ids : [-1, gid, ...groups]);
          cmpNum(step, `${op} ${rel} ${newUid} ${newGid}`, op === 'chown' ? p.chown(rel, newUid, newGid) : p.lchown(rel, newUid, newGid), host(() => {
            if (op === 'chown') fs.chownSync(hp(rel), newUid, newGid);
            else fs.lchownSync(hp(rel), newUid, newGid);
            return 0;
          }));
          break;
        }
        case 'access': {
          const rel = randPath();
          const mode = rng.int(8);
          cmpNum(step, `access ${rel} ${mode}`, p.access(rel, mode), host(() => {
            fs.accessSync(hp(rel), mode);
            return 0;
          }));
          break;
        }
      }
      if (step % 97 === 0 || step === ops - 1) {
        compareTree(step, '', 0);
        const open = handles.map((x) => p.fileOf(x.ours)?.node).filter((n) => n !== undefined);
        for (const problem of checkInvariants(vfs, open)) fail(step, `invariant: ${problem}`);
      }
    }
  } finally {
    for (const h of handles) fs.closeSync(h.host);
    forceRemove(top);
  }
  return { ops, divergences, counts };
}

/** Removes a tree even where a non-root run left directories without permissions. */
function forceRemove(dir: string): void {
  try {
    fs.chmodSync(dir, 0o700);
    for (const name of fs.readdirSync(dir)) {
      const child = path.join(dir, name);
      if (fs.lstatSync(child).isDirectory()) forceRemove(child);
    }
  } catch {
    // Best effort: rmSync below reports what it cannot remove.
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
