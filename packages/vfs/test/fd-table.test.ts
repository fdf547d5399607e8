import { describe, expect, it } from 'vitest';
import {
  Errno,
  F_DUPFD,
  F_DUPFD_CLOEXEC,
  F_GETFD,
  F_GETFL,
  F_SETFD,
  F_SETFL,
  FD_CLOEXEC,
  O_APPEND,
  O_CLOEXEC,
  O_CREAT,
  O_NONBLOCK,
  O_RDONLY,
  O_RDWR,
  O_WRONLY,
  SEEK_CUR,
  Vfs,
} from '../src/index.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('descriptor tables', () => {
  it('hands out the lowest free descriptor, starting at 0, and recycles closed ones', () => {
    const p = new Vfs().createProcess();
    expect(p.open('/a', O_CREAT | O_RDWR, 0o644)).toBe(0);
    expect(p.open('/a', O_RDONLY)).toBe(1);
    expect(p.open('/a', O_RDONLY)).toBe(2);
    expect(p.close(1)).toBe(0);
    expect(p.open('/a', O_RDONLY)).toBe(1);
    expect(p.close(1)).toBe(0);
    expect(p.close(1)).toBe(-Errno.EBADF);
    expect(p.close(-1)).toBe(-Errno.EBADF);
    expect(p.close(1.5)).toBe(-Errno.EBADF);
  });

  it('reports EMFILE at the descriptor limit and recovers after a close', () => {
    const p = new Vfs().createProcess({ maxFds: 4 });
    for (let i = 0; i < 4; i++) expect(p.open('/', O_RDONLY)).toBe(i);
    expect(p.open('/', O_RDONLY)).toBe(-Errno.EMFILE);
    expect(p.dup(0)).toBe(-Errno.EMFILE);
    p.close(2);
    expect(p.dup(0)).toBe(2);
  });

  it('shares the file offset between dup-ed descriptors and across fork', () => {
    const p = new Vfs().createProcess();
    const fd = p.open('/f', O_CREAT | O_RDWR, 0o644);
    const d = p.dup(fd);
    expect(d).toBe(1);
    expect(p.write(fd, enc('hello'))).toBe(5);
    expect(p.lseek(d, 0, SEEK_CUR)).toBe(5);
    const child = p.fork();
    expect(child.write(fd, enc('!!'))).toBe(2);
    expect(p.lseek(fd, 0, SEEK_CUR)).toBe(7);
    child.exit();
    expect(child.openCount()).toBe(0);
    expect(p.write(d, enc('?'))).toBe(1);
    expect(p.lseek(fd, 0, SEEK_CUR)).toBe(8);
  });

  it('implements dup2 and dup3 corner cases', () => {
    const p = new Vfs().createProcess({ maxFds: 16 });
    const a = p.open('/x', O_CREAT | O_WRONLY, 0o600);
    const b = p.open('/y', O_CREAT | O_WRONLY, 0o600);
    expect(p.dup2(a, a)).toBe(a);
    expect(p.dup2(9, 3)).toBe(-Errno.EBADF);
    expect(p.dup2(a, 16)).toBe(-Errno.EBADF);
    expect(p.dup2(a, b)).toBe(b);
    expect(p.write(b, enc('to x'))).toBe(4);
    expect(p.dup3(a, a, 0)).toBe(-Errno.EINVAL);
    expect(p.dup3(a, 7, O_APPEND)).toBe(-Errno.EINVAL);
    expect(p.dup3(a, 7, O_CLOEXEC)).toBe(7);
    expect(p.fcntl(7, F_GETFD)).toBe(FD_CLOEXEC);
    expect(p.fcntl(b, F_GETFD)).toBe(0);
  });

  it('closes only close-on-exec descriptors on exec', () => {
    const p = new Vfs().createProcess();
    const a = p.open('/', O_RDONLY | O_CLOEXEC);
    const b = p.open('/', O_RDONLY);
    const c = p.fcntl(b, F_DUPFD_CLOEXEC, 10);
    expect(c).toBe(10);
    expect(p.fcntl(b, F_SETFD, FD_CLOEXEC)).toBe(0);
    expect(p.fcntl(b, F_SETFD, 0)).toBe(0);
    p.exec();
    expect(p.fileOf(a)).toBeNull();
    expect(p.fileOf(b)).not.toBeNull();
    expect(p.fileOf(c)).toBeNull();
  });

  it('duplicates at or above a minimum with F_DUPFD and edits status flags with F_SETFL', () => {
    const p = new Vfs().createProcess();
    const fd = p.open('/f', O_CREAT | O_WRONLY, 0o600);
    expect(p.fcntl(fd, F_DUPFD, 5)).toBe(5);
    expect(p.fcntl(fd, F_DUPFD, 5)).toBe(6);
    expect(p.fcntl(fd, F_DUPFD, -1)).toBe(-Errno.EINVAL);
    expect(p.fcntl(fd, F_GETFL)).toBe(O_WRONLY);
    expect(p.fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK | O_RDWR)).toBe(0);
    expect(p.fcntl(fd, F_GETFL)).toBe(O_WRONLY | O_APPEND | O_NONBLOCK);
    expect(p.fcntl(fd, 999)).toBe(-Errno.EINVAL);
    expect(p.fcntl(42, F_GETFL)).toBe(-Errno.EBADF);
  });

  it('keeps an unlinked file readable through open descriptors and frees it on the last close', () => {
    const vfs = new Vfs();
    const p = vfs.createProcess();
    const fd = p.open('/gone', O_CREAT | O_RDWR, 0o600);
    p.write(fd, new Uint8Array(10000).fill(7));
    expect(p.unlink('/gone')).toBe(0);
    const child = p.fork();
    expect(p.close(fd)).toBe(0);
    const back = new Uint8Array(10000);
    expect(child.pread(fd, back, 0, back.length, 0)).toBe(10000);
    expect(back.every((b) => b === 7)).toBe(true);
    expect(vfs.rootFs.usedPages).toBe(3);
    child.close(fd);
    expect(vfs.rootFs.usedPages).toBe(0);
  });
});
