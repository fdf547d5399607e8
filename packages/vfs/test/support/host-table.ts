/**
 * Interpreter of expectation-table calls on the host kernel through node:fs, rooted in a
 * temporary directory, so the tables themselves are checked against Linux.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { Errno } from '../../src/index.js';
import * as C from '../../src/index.js';
import { field, flags, oct } from './expect-table.js';

const NODE_OPEN: readonly (readonly [number, number])[] = [
  [C.O_CREAT, fs.constants.O_CREAT],
  [C.O_EXCL, fs.constants.O_EXCL],
  [C.O_TRUNC, fs.constants.O_TRUNC],
  [C.O_APPEND, fs.constants.O_APPEND],
  [C.O_DIRECTORY, fs.constants.O_DIRECTORY],
  [C.O_NOFOLLOW, fs.constants.O_NOFOLLOW],
  [C.O_NONBLOCK, fs.constants.O_NONBLOCK],
  [C.O_CLOEXEC, 0],
];

function nodeOpenFlags(f: number): number {
  let n = f & 3;
  for (const [a, b] of NODE_OPEN) if ((f & a) !== 0) n |= b;
  return n;
}

/** Returns a host interpreter rooted at `base` (paths in tables are absolute). */
export function hostInterpreter(base: string): (name: string, args: readonly string[], umask: number, uid: number, gid: number) => string {
  const at = (p: string): string => base + p;
  const groups = process.getgroups?.() ?? [];
  return (name, a, umask, uid, gid) => {
    const arg = (i: number): string => a[i] ?? '';
    const switched = uid !== 0 || gid !== 0;
    // access(2) checks the real ids, which only the effective ones are switched from here.
    if (switched && name === 'access') return 'skip';
    const old = process.umask(umask);
    if (switched) {
      process.setgroups!([gid]);
      process.setegid!(gid);
      process.seteuid!(uid);
    }
    try {
      switch (name) {
        case 'open':
        case 'create': {
          const f = name === 'create' ? C.O_CREAT | C.O_EXCL | C.O_WRONLY : flags(arg(1));
          const mode = name === 'create' ? oct(arg(1)) : a[2] === undefined ? 0 : oct(arg(2));
          fs.closeSync(fs.openSync(at(arg(0)), nodeOpenFlags(f), mode));
          return '0';
        }
        case 'write':
          fs.writeFileSync(at(arg(0)), arg(1), { flag: 'a' });
          return '0';
        case 'mkdir':
          fs.mkdirSync(at(arg(0)), { mode: oct(arg(1)) });
          return '0';
        case 'mkfifo':
          if (fs.existsSync(at(arg(0)))) return 'EEXIST';
          execFileSync('mkfifo', ['-m', arg(1), at(arg(0))]);
          return '0';
        case 'rmdir':
          fs.rmdirSync(at(arg(0)));
          return '0';
        case 'unlink':
          fs.unlinkSync(at(arg(0)));
          return '0';
        case 'rename':
          fs.renameSync(at(arg(0)), at(arg(1)));
          return '0';
        case 'link':
          fs.linkSync(at(arg(0)), at(arg(1)));
          return '0';
        case 'symlink':
          fs.symlinkSync(arg(0).startsWith('/') ? at(arg(0)) : arg(0), at(arg(1)));
          return '0';
        case 'chmod':
          fs.chmodSync(at(arg(0)), oct(arg(1)));
          return '0';
        case 'chown':
          fs.chownSync(at(arg(0)), Number(arg(1)), Number(arg(2)));
          return '0';
        case 'truncate':
          // node:fs clamps a negative length to 0 instead of passing it to the kernel.
          if (Number(arg(1)) < 0) return 'skip';
          fs.truncateSync(at(arg(0)), Number(arg(1)));
          return '0';
        case 'access':
          fs.accessSync(at(arg(0)), flags(arg(1)));
          return '0';
        case 'chdir': {
          const cwd = process.cwd();
          process.chdir(at(arg(0)));
          process.chdir(cwd);
          return '0';
        }
        case 'readlink': {
          const t = fs.readlinkSync(at(arg(0)));
          return t.startsWith(base) ? t.slice(base.length) : t;
        }
        case 'stat':
        case 'lstat': {
          const st = name === 'stat' ? fs.statSync(at(arg(0))) : fs.lstatSync(at(arg(0)));
          return field(st, arg(1));
        }
        default:
          throw new Error(`unknown call ${name}`);
      }
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== undefined && code in Errno) return code;
      throw e;
    } finally {
      if (switched) {
        process.seteuid!(0);
        process.setegid!(0);
        process.setgroups!(groups);
      }
      process.umask(old);
    }
  };
}
