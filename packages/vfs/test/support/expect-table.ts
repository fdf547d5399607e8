/**
 * Runner of expectation tables in the style of pjdfstest. One line per step:
 *
 *   expect <result> [-u <uid>] [-g <gid>] [-U <umask>] <call> <args…>
 *
 * <result> is `0`, an errno name (`ENOENT`), or for the query calls `stat`/`lstat` the value
 * of the requested field (`regular`, `0644`, `2`…). Flags are `|`-joined names
 * (`O_CREAT|O_WRONLY`); modes are octal. Blank lines and `#` comments are ignored. A
 * successful `open` closes its descriptor again. Every table starts from an empty VFS.
 */
import * as C from '../../src/index.js';
import { Stat, Vfs, errnoName, type VfsProcess } from '../../src/index.js';

const FLAG_NAMES: Record<string, number> = {
  O_RDONLY: C.O_RDONLY,
  O_WRONLY: C.O_WRONLY,
  O_RDWR: C.O_RDWR,
  O_CREAT: C.O_CREAT,
  O_EXCL: C.O_EXCL,
  O_TRUNC: C.O_TRUNC,
  O_APPEND: C.O_APPEND,
  O_DIRECTORY: C.O_DIRECTORY,
  O_NOFOLLOW: C.O_NOFOLLOW,
  O_CLOEXEC: C.O_CLOEXEC,
  O_NONBLOCK: C.O_NONBLOCK,
  R_OK: C.R_OK,
  W_OK: C.W_OK,
  X_OK: C.X_OK,
  F_OK: C.F_OK,
  S_IFIFO: C.S_IFIFO,
  S_IFREG: C.S_IFREG,
  S_IFCHR: C.S_IFCHR,
  S_IFDIR: C.S_IFDIR,
};

/** Parses `|`-joined flag names. */
export function flags(s: string): number {
  let v = 0;
  for (const part of s.split('|')) {
    const f = FLAG_NAMES[part];
    if (f === undefined) throw new Error(`unknown flag ${part}`);
    v |= f;
  }
  return v;
}

/** Parses an octal mode. */
export const oct = (s: string): number => parseInt(s, 8);

/** The table name of a file type. */
export function typeName(mode: number): string {
  switch (mode & C.S_IFMT) {
    case C.S_IFREG:
      return 'regular';
    case C.S_IFDIR:
      return 'dir';
    case C.S_IFLNK:
      return 'symlink';
    case C.S_IFIFO:
      return 'fifo';
    case C.S_IFCHR:
      return 'char';
    default:
      return 'other';
  }
}

/** The stat fields an expectation line can name, from our `Stat` or node's `fs.Stats`. */
export interface StatFields {
  readonly mode: number;
  readonly nlink: number;
  readonly size: number;
  readonly uid: number;
  readonly gid: number;
}

/** Formats one stat field the way expectation tables write it. */
export function field(st: StatFields, name: string): string {
  switch (name) {
    case 'type':
      return typeName(st.mode);
    case 'mode':
      return '0' + (st.mode & 0o7777).toString(8);
    case 'nlink':
      return String(st.nlink);
    case 'size':
      return String(st.size);
    case 'uid':
      return String(st.uid);
    case 'gid':
      return String(st.gid);
    default:
      throw new Error(`unknown stat field ${name}`);
  }
}

function call(p: VfsProcess, name: string, a: readonly string[]): string {
  const arg = (i: number): string => {
    const v = a[i];
    if (v === undefined) throw new Error(`${name}: missing argument ${i + 1}`);
    return v;
  };
  const res = (r: number): string => (r < 0 ? (errnoName(r) ?? String(r)) : '0');
  switch (name) {
    case 'open': {
      const fd = p.open(arg(0), flags(arg(1)), a[2] === undefined ? 0 : oct(a[2]));
      if (fd >= 0) p.close(fd);
      return res(fd);
    }
    case 'create': {
      const fd = p.open(arg(0), C.O_CREAT | C.O_EXCL | C.O_WRONLY, oct(arg(1)));
      if (fd >= 0) p.close(fd);
      return res(fd);
    }
    case 'write': {
      const fd = p.open(arg(0), C.O_WRONLY | C.O_APPEND);
      if (fd < 0) return res(fd);
      const r = p.write(fd, new TextEncoder().encode(arg(1)));
      p.close(fd);
      return res(r);
    }
    case 'mkdir':
      return res(p.mkdir(arg(0), oct(arg(1))));
    case 'mkfifo':
      return res(p.mknod(arg(0), C.S_IFIFO | oct(arg(1)), 0));
    case 'rmdir':
      return res(p.rmdir(arg(0)));
    case 'unlink':
      return res(p.unlink(arg(0)));
    case 'rename':
      return res(p.rename(arg(0), arg(1)));
    case 'link':
      return res(p.link(arg(0), arg(1)));
    case 'symlink':
      return res(p.symlink(arg(0), arg(1)));
    case 'chmod':
      return res(p.chmod(arg(0), oct(arg(1))));
    case 'chown':
      return res(p.chown(arg(0), Number(arg(1)), Number(arg(2))));
    case 'truncate':
      return res(p.truncate(arg(0), Number(arg(1))));
    case 'access':
      return res(p.access(arg(0), flags(arg(1))));
    case 'chdir':
      return res(p.chdir(arg(0)));
    case 'readlink': {
      const b = new Uint8Array(4096);
      const r = p.readlink(arg(0), b);
      return r < 0 ? res(r) : new TextDecoder().decode(b.subarray(0, r));
    }
    case 'stat':
    case 'lstat': {
      const st = new Stat();
      const r = name === 'stat' ? p.stat(arg(0), st) : p.lstat(arg(0), st);
      return r < 0 ? res(r) : field(st, arg(1));
    }
    default:
      throw new Error(`unknown call ${name}`);
  }
}

/** One failed line of a table. */
export interface TableFailure {
  readonly line: number;
  readonly text: string;
  readonly got: string;
}

/**
 * Runs a table on a fresh VFS; returns the lines whose result differed and the number of
 * lines run. With `host`, the lines are run through that interpreter instead (lines naming
 * "/" itself are skipped), to check the table against a kernel.
 */
export function runTable(
  text: string,
  host?: (name: string, args: readonly string[], umask: number, uid: number, gid: number) => string,
): { failures: TableFailure[]; steps: number } {
  const vfs = new Vfs();
  const procs = new Map<string, VfsProcess>();
  const failures: TableFailure[] = [];
  let steps = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const words = raw.split(/\s+/);
    if (words[0] !== 'expect' || words.length < 3) throw new Error(`line ${i + 1}: cannot parse "${raw}"`);
    const want = words[1]!;
    let k = 2;
    let uid = 0;
    let gid = 0;
    let umask = 0o022;
    for (;;) {
      const w = words[k];
      if (w === '-u') uid = Number(words[k + 1]);
      else if (w === '-g') gid = Number(words[k + 1]);
      else if (w === '-U') umask = oct(words[k + 1] ?? '0');
      else break;
      k += 2;
    }
    if (host !== undefined) {
      if (words.slice(k + 1).includes('/')) continue;
      steps++;
      const got = host(words[k]!, words.slice(k + 1), umask, uid, gid);
      if (got !== want) failures.push({ line: i + 1, text: raw, got });
      continue;
    }
    const key = `${uid}:${gid}:${umask}`;
    let p = procs.get(key);
    if (p === undefined) {
      p = vfs.createProcess({ uid, gid, groups: [gid], umask });
      procs.set(key, p);
    }
    const got = call(p, words[k]!, words.slice(k + 1));
    steps++;
    if (got !== want) failures.push({ line: i + 1, text: raw, got });
  }
  return { failures, steps };
}

