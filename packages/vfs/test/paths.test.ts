import { describe, expect, it } from 'vitest';
import {
  AT_EMPTY_PATH,
  AT_FDCWD,
  AT_REMOVEDIR,
  AT_SYMLINK_FOLLOW,
  AT_SYMLINK_NOFOLLOW,
  Errno,
  O_CREAT,
  O_DIRECTORY,
  O_NOFOLLOW,
  O_RDONLY,
  O_RDWR,
  O_WRONLY,
  S_IFDIR,
  S_IFLNK,
  S_IFMT,
  Stat,
  Vfs,
  createMemfs,
  decodeDirents,
} from '../src/index.js';

function setup(): { vfs: Vfs; p: ReturnType<Vfs['createProcess']> } {
  const vfs = new Vfs();
  const p = vfs.createProcess();
  for (const d of ['/usr', '/etc', '/tmp', '/var', '/bin', '/boot', '/lib', '/dev', '/usr/bin', '/home/', '/home/user']) {
    expect(p.mkdir(d, 0o755)).toBe(0);
  }
  return { vfs, p };
}

function list(p: ReturnType<Vfs['createProcess']>, path: string): string[] {
  const fd = p.open(path, O_RDONLY | O_DIRECTORY);
  expect(fd).toBeGreaterThanOrEqual(0);
  const names: string[] = [];
  const buf = new Uint8Array(64);
  for (;;) {
    const n = p.getdents64(fd, buf);
    expect(n).toBeGreaterThanOrEqual(0);
    if (n === 0) break;
    for (const e of decodeDirents(buf, n)) names.push(e.name);
  }
  p.close(fd);
  return names;
}

describe('path resolution', () => {
  it('ignores "." components and repeated slashes (DIR TEST shape)', () => {
    const { p } = setup();
    p.open('/usr/bin/tool', O_CREAT | O_WRONLY, 0o755);
    expect(list(p, '/usr/./././bin//')).toEqual(['.', '..', 'tool']);
    expect(list(p, '/')).toEqual(['.', '..', 'usr', 'etc', 'tmp', 'var', 'bin', 'boot', 'lib', 'dev', 'home']);
    expect(p.chdir('/usr')).toBe(0);
    expect(list(p, '.')).toEqual(['.', '..', 'bin']);
    expect(list(p, 'bin/..')).toEqual(['.', '..', 'bin']);
    expect(p.getcwdString()).toBe('/usr');
  });

  it('gives ENOTDIR for a file with components left and ENOENT for a missing name', () => {
    const { p } = setup();
    p.open('/etc/passwd', O_CREAT | O_WRONLY, 0o644);
    const st = new Stat();
    expect(p.stat('/etc/passwd/x', st)).toBe(-Errno.ENOTDIR);
    expect(p.stat('/etc/passwd/', st)).toBe(-Errno.ENOTDIR);
    expect(p.stat('/etc/missing', st)).toBe(-Errno.ENOENT);
    expect(p.stat('/etc/missing/x', st)).toBe(-Errno.ENOENT);
    expect(p.stat('', st)).toBe(-Errno.ENOENT);
    expect(p.stat('/' + 'n'.repeat(256), st)).toBe(-Errno.ENAMETOOLONG);
    expect(p.stat('/a'.repeat(2100), st)).toBe(-Errno.ENAMETOOLONG);
  });

  it('stays at the root on ".." and follows symbolic links with a loop limit', () => {
    const { p } = setup();
    const st = new Stat();
    expect(p.stat('/../../usr', st)).toBe(0);
    expect(p.symlink('/usr/bin', '/ub')).toBe(0);
    expect(p.symlink('ub', '/ub2')).toBe(0);
    expect(p.open('/ub2/sh', O_CREAT | O_WRONLY, 0o755)).toBeGreaterThanOrEqual(0);
    expect(p.stat('/usr/bin/sh', st)).toBe(0);
    expect(p.lstat('/ub2', st)).toBe(0);
    expect(st.mode & S_IFMT).toBe(S_IFLNK);
    expect(st.size).toBe(2);
    expect(p.stat('/ub2/..', st)).toBe(0);
    expect(p.symlink('loop1', '/loop2')).toBe(0);
    expect(p.symlink('loop2', '/loop1')).toBe(0);
    expect(p.stat('/loop1', st)).toBe(-Errno.ELOOP);
    expect(p.lstat('/loop1', st)).toBe(0);
    expect(p.open('/ub', O_RDONLY | O_NOFOLLOW)).toBe(-Errno.ELOOP);
    expect(p.symlink('', '/empty')).toBe(-Errno.ENOENT);
    // A chain of 40 links resolves; 41 is too many.
    for (let i = 1; i <= 41; i++) p.symlink(i === 1 ? '/usr' : `/c${i - 1}`, `/c${i}`);
    expect(p.stat('/c40', st)).toBe(0);
    expect(p.stat('/c41', st)).toBe(-Errno.ELOOP);
  });

  it('resolves *at calls relative to a directory descriptor', () => {
    const { p } = setup();
    const dfd = p.open('/usr', O_RDONLY | O_DIRECTORY);
    const ffd = p.openat(dfd, 'bin/x', O_CREAT | O_RDWR, 0o600);
    expect(ffd).toBeGreaterThan(dfd);
    const st = new Stat();
    expect(p.fstatat(dfd, 'bin/x', st, 0)).toBe(0);
    expect(p.fstatat(ffd, 'y', st, 0)).toBe(-Errno.ENOTDIR);
    expect(p.fstatat(99, 'y', st, 0)).toBe(-Errno.EBADF);
    expect(p.fstatat(99, '/usr', st, 0)).toBe(0);
    expect(p.fstatat(ffd, '', st, AT_EMPTY_PATH)).toBe(0);
    expect(p.fstatat(dfd, 'bin', st, 0x4000)).toBe(-Errno.EINVAL);
    expect(p.mkdirat(dfd, 'lib', 0o700)).toBe(0);
    expect(p.unlinkat(dfd, 'lib', AT_REMOVEDIR)).toBe(0);
    expect(p.symlinkat('bin/x', dfd, 'lx')).toBe(0);
    expect(p.linkat(dfd, 'lx', AT_FDCWD, '/hard-to-link', 0)).toBe(0);
    expect(p.lstat('/hard-to-link', st)).toBe(0);
    expect(st.mode & S_IFMT).toBe(S_IFLNK);
    expect(p.linkat(dfd, 'lx', AT_FDCWD, '/hard-to-file', AT_SYMLINK_FOLLOW)).toBe(0);
    expect(p.stat('/usr/bin/x', st)).toBe(0);
    expect(st.nlink).toBe(2);
    expect(p.renameat(dfd, 'bin/x', AT_FDCWD, '/moved')).toBe(0);
    expect(p.fstatat(AT_FDCWD, '/usr/lx', st, AT_SYMLINK_NOFOLLOW)).toBe(0);
  });

  it('reports getcwd, fchdir and a removed working directory', () => {
    const { p } = setup();
    expect(p.chdir('/home/user')).toBe(0);
    const buf = new Uint8Array(64);
    expect(p.getcwd(buf)).toBe('/home/user'.length + 1);
    expect(buf[10]).toBe(0);
    expect(p.getcwd(buf, 0, 5)).toBe(-Errno.ERANGE);
    const fd = p.open('/usr', O_RDONLY);
    expect(p.fchdir(fd)).toBe(0);
    expect(p.getcwdString()).toBe('/usr');
    const f = p.open('/etc/file', O_CREAT | O_WRONLY, 0o600);
    expect(p.fchdir(f)).toBe(-Errno.ENOTDIR);
    expect(p.chdir('/etc/file')).toBe(-Errno.ENOTDIR);
    expect(p.chdir('/tmp')).toBe(0);
    expect(p.rmdir('/tmp')).toBe(0);
    expect(p.getcwdString()).toBe(-Errno.ENOENT);
    expect(p.open('new', O_CREAT | O_WRONLY, 0o600)).toBe(-Errno.ENOENT);
    expect(p.mkdir('sub', 0o700)).toBe(-Errno.ENOENT);
  });

  it('keeps directory link counts like Linux (2 + subdirectories)', () => {
    const { p } = setup();
    const st = new Stat();
    p.stat('/usr', st);
    expect(st.nlink).toBe(3);
    expect(st.mode & S_IFMT).toBe(S_IFDIR);
    expect(p.rename('/usr/bin', '/bin2')).toBe(0);
    p.stat('/usr', st);
    expect(st.nlink).toBe(2);
    expect(p.rename('/bin2', '/usr/bin/')).toBe(0);
    p.stat('/usr', st);
    expect(st.nlink).toBe(3);
  });
});

describe('mounts', () => {
  it('crosses mount points in both directions and refuses links across them', () => {
    const vfs = new Vfs();
    const p = vfs.createProcess();
    p.mkdir('/mnt', 0o755);
    const fs = createMemfs();
    vfs.mount('/mnt', fs);
    expect(p.open('/mnt/file', O_CREAT | O_WRONLY, 0o644)).toBe(0);
    const st = new Stat();
    p.stat('/mnt/file', st);
    expect(st.dev).toBe(fs.dev);
    p.stat('/mnt/..', st);
    expect(st.ino).toBe(vfs.root.ino);
    expect(st.dev).toBe(vfs.rootFs.dev);
    expect(p.chdir('/mnt')).toBe(0);
    expect(p.getcwdString()).toBe('/mnt');
    expect(p.link('/mnt/file', '/file')).toBe(-Errno.EXDEV);
    expect(p.rename('/mnt/file', '/file')).toBe(-Errno.EXDEV);
    expect(p.rmdir('/mnt')).toBe(-Errno.EBUSY);
    expect(() => {
      vfs.mount('/mnt', fs);
    }).toThrow(/already/);
    // Mounting on a mount point stacks, as on Linux; ".." still leads back to "/".
    const top = createMemfs();
    vfs.mount('/mnt', top);
    expect(p.stat('/mnt/file', st)).toBe(-Errno.ENOENT);
    p.stat('/mnt/../mnt/..', st);
    expect(st.ino).toBe(vfs.root.ino);
    expect(() => {
      vfs.mount('/nope', createMemfs());
    }).toThrow(/does not exist/);
    expect(vfs.mountTable().map((m) => m.path)).toEqual(['/mnt', '/mnt']);
  });
});
