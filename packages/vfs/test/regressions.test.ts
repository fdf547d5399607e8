import { describe, expect, it } from 'vitest';
import { Errno, O_CREAT, O_EXCL, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY, PAGE_SIZE, SEEK_END, SEEK_SET, Stat, Vfs } from '../src/index.js';

// The seed implementation's file bugs (spec §3.6), each pinned down.
describe('regressions of the original file server', () => {
  it('opens two files with the same name in different directories', () => {
    const p = new Vfs().createProcess();
    p.mkdir('/usr', 0o755);
    p.mkdir('/etc', 0o755);
    const a = p.open('/usr/name', O_CREAT | O_RDWR, 0o644);
    const b = p.open('/etc/name', O_CREAT | O_RDWR, 0o644);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThanOrEqual(0);
    p.write(a, new Uint8Array([1]));
    p.write(b, new Uint8Array([2, 2]));
    const st = new Stat();
    p.stat('/usr/name', st);
    expect(st.size).toBe(1);
    const ino = st.ino;
    p.stat('/etc/name', st);
    expect(st.size).toBe(2);
    expect(st.ino).not.toBe(ino);
  });

  it('grows files past 16 and 120 pages', () => {
    const p = new Vfs().createProcess();
    const fd = p.open('/big', O_CREAT | O_RDWR, 0o644);
    const chunk = new Uint8Array(PAGE_SIZE);
    for (let i = 0; i < 200; i++) {
      chunk.fill(i & 0xff);
      expect(p.write(fd, chunk)).toBe(PAGE_SIZE);
    }
    expect(p.lseek(fd, 0, SEEK_END)).toBe(200 * PAGE_SIZE);
    const back = new Uint8Array(PAGE_SIZE);
    expect(p.pread(fd, back, 0, PAGE_SIZE, 150 * PAGE_SIZE)).toBe(PAGE_SIZE);
    expect(back.every((b) => b === 150)).toBe(true);
  });

  it('recycles the descriptors of exited processes', () => {
    const p = new Vfs().createProcess({ maxFds: 8 });
    for (let round = 0; round < 50; round++) {
      const child = p.fork();
      for (let i = 0; i < 8; i++) expect(child.open('/', O_RDONLY)).toBe(i);
      child.exit();
      expect(child.open('/', O_RDONLY)).toBe(0);
      child.exit();
    }
    expect(p.open('/', O_RDONLY)).toBe(0);
  });

  it('O_CREAT on an existing name opens it; only O_EXCL fails with EEXIST', () => {
    const p = new Vfs().createProcess();
    expect(p.open('/f', O_CREAT | O_WRONLY, 0o644)).toBe(0);
    expect(p.open('/f', O_CREAT | O_WRONLY, 0o644)).toBe(1);
    expect(p.open('/f', O_CREAT | O_EXCL | O_WRONLY, 0o644)).toBe(-Errno.EEXIST);
  });

  it('honours O_TRUNC and SEEK_END', () => {
    const p = new Vfs().createProcess();
    const fd = p.open('/f', O_CREAT | O_RDWR, 0o644);
    p.write(fd, new Uint8Array(100));
    expect(p.lseek(fd, -10, SEEK_END)).toBe(90);
    expect(p.lseek(fd, -101, SEEK_END)).toBe(-Errno.EINVAL);
    const t = p.open('/f', O_TRUNC | O_WRONLY);
    expect(t).toBeGreaterThan(0);
    expect(p.lseek(fd, 0, SEEK_END)).toBe(0);
    expect(p.lseek(fd, 5, SEEK_SET)).toBe(5);
    expect(p.read(fd, new Uint8Array(4))).toBe(0);
  });

  it('keeps the fd of a closed file from aliasing a reopened one (MINI IO TEST shape)', () => {
    const p = new Vfs().createProcess();
    const w = p.open('/mini', O_CREAT | O_RDWR, 0o644);
    const r = p.open('/mini', O_RDONLY);
    const msgs = ['one', 'two', 'three', 'four'];
    msgs.forEach((m, i) => {
      p.lseek(w, i * PAGE_SIZE, SEEK_SET);
      p.write(w, new TextEncoder().encode(m));
    });
    p.close(w);
    const buf = new Uint8Array(8192 + 1);
    expect(p.lseek(r, 0, SEEK_SET)).toBe(0);
    expect(p.read(r, buf, 1, 8192)).toBe(8192);
    expect(new TextDecoder().decode(buf.subarray(1 + PAGE_SIZE, 1 + PAGE_SIZE + 3))).toBe('two');
  });
});
