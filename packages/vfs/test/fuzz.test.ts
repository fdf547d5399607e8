import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Stat, Vfs, WOULD_BLOCK, type VfsProcess } from '../src/index.js';
import { checkInvariants } from './support/invariants.js';

// Hostile callers: every call with arbitrary arguments must return an integer (>= 0, a
// negative errno, or WOULD_BLOCK) and never throw, and the tree must stay consistent.
const nasty = fc.oneof(
  fc.integer({ min: -5, max: 40 }),
  fc.constantFrom(NaN, Infinity, -Infinity, 0.5, -100, 2 ** 31, 2 ** 32 - 1, 2 ** 53, -(2 ** 53), 0o777, 0o40000, 0o100, 0x5401),
);
const paths = fc.oneof(
  fc.constantFrom('/', '', '.', '..', '/a', 'a/b', '/a/b/c', 'a/', '//a//b//', '/dev/null', '/p', 'x'.repeat(300), '/a/../b', 'l', 'l/x'),
  fc.string({ maxLength: 12 }),
);
const buffers = fc.oneof(fc.constant(new Uint8Array(0)), fc.integer({ min: 1, max: 70000 }).map((n) => new Uint8Array(n)));

type Call = (p: VfsProcess, a: readonly unknown[]) => number;
const calls: Record<string, Call> = {
  open: (p, a) => p.open(a[0] as string, a[1] as number, a[2] as number),
  close: (p, a) => p.close(a[1] as number),
  read: (p, a) => p.read(a[1] as number, a[3] as Uint8Array, a[2] as number, a[4] as number),
  write: (p, a) => p.write(a[1] as number, a[3] as Uint8Array, a[2] as number, a[4] as number),
  pread: (p, a) => p.pread(a[1] as number, a[3] as Uint8Array, 0, (a[3] as Uint8Array).length, a[2] as number),
  pwrite: (p, a) => p.pwrite(a[1] as number, a[3] as Uint8Array, a[2] as number, a[4] as number, a[2] as number),
  lseek: (p, a) => p.lseek(a[1] as number, a[2] as number, a[4] as number),
  truncate: (p, a) => p.truncate(a[0] as string, a[2] as number),
  ftruncate: (p, a) => p.ftruncate(a[1] as number, a[2] as number),
  stat: (p, a) => p.fstatat(a[1] as number, a[0] as string, new Stat(), a[2] as number),
  mkdir: (p, a) => p.mkdir(a[0] as string, a[2] as number),
  rmdir: (p, a) => p.rmdir(a[0] as string),
  unlink: (p, a) => p.unlinkat(a[1] as number, a[0] as string, a[2] as number),
  rename: (p, a) => p.renameat2(a[1] as number, a[0] as string, a[2] as number, a[5] as string, a[4] as number),
  link: (p, a) => p.linkat(a[1] as number, a[0] as string, a[2] as number, a[5] as string, a[4] as number),
  symlink: (p, a) => p.symlink(a[5] as string, a[0] as string),
  readlink: (p, a) => p.readlink(a[0] as string, a[3] as Uint8Array, a[2] as number, a[4] as number),
  getdents: (p, a) => p.getdents64(a[1] as number, a[3] as Uint8Array, a[2] as number, a[4] as number),
  chdir: (p, a) => p.chdir(a[0] as string),
  fchdir: (p, a) => p.fchdir(a[1] as number),
  getcwd: (p, a) => p.getcwd(a[3] as Uint8Array, a[2] as number, a[4] as number),
  dup: (p, a) => p.dup(a[1] as number),
  dup2: (p, a) => p.dup2(a[1] as number, a[2] as number),
  dup3: (p, a) => p.dup3(a[1] as number, a[2] as number, a[4] as number),
  fcntl: (p, a) => p.fcntl(a[1] as number, a[2] as number, a[4] as number),
  access: (p, a) => p.faccessat(a[1] as number, a[0] as string, a[2] as number, a[4] as number),
  chmod: (p, a) => p.fchmodat(a[1] as number, a[0] as string, a[2] as number, a[4] as number),
  chown: (p, a) => p.fchownat(a[1] as number, a[0] as string, a[2] as number, a[4] as number, 0),
  utimensat: (p, a) => p.utimensat(a[1] as number, a[0] as string, [a[2] as number, a[4] as number, a[2] as number, a[4] as number], 0),
  pipe2: (p, a) => p.pipe2([0, 0], a[2] as number),
  mknod: (p, a) => p.mknod(a[0] as string, a[2] as number, a[4] as number),
  ioctl: (p, a) => p.ioctl(a[1] as number, a[2] as number, a[3] as Uint8Array),
  readv: (p, a) => p.readv(a[1] as number, [a[3] as Uint8Array]),
  writev: (p, a) => p.writev(a[1] as number, [a[3] as Uint8Array, a[3] as Uint8Array]),
};

describe('hostile arguments', () => {
  it('never throw and always return an integer result', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...Object.keys(calls)), fc.tuple(paths, nasty, nasty, buffers, nasty, paths), fc.boolean()), {
          maxLength: 60,
        }),
        (steps) => {
          const vfs = new Vfs({ quotaBytes: 1 << 20 });
          vfs.mountDevfs();
          const root = vfs.createProcess();
          root.mkdir('/a', 0o777);
          root.symlink('a', '/l');
          const user = vfs.createProcess({ uid: 1000, gid: 1000 });
          for (const [name, args, asUser] of steps) {
            const r = calls[name]!(asUser ? user : root, args);
            expect(Number.isInteger(r), `${name} returned ${r}`).toBe(true);
            expect(r >= -4095 || r === WOULD_BLOCK, `${name} returned ${r}`).toBe(true);
          }
          root.exit();
          user.exit();
          expect(checkInvariants(vfs)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
