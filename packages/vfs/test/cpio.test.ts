import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CpioError, O_RDONLY, S_IFIFO, S_IFLNK, S_IFMT, Stat, Vfs, listCpio, packCpio, unpackCpio, makeDev, S_IFCHR } from '../src/index.js';

const fixture = new Uint8Array(readFileSync(new URL('./fixtures/initramfs.cpio', import.meta.url)));

function readAll(vfs: Vfs, path: string): string {
  const p = vfs.createProcess();
  const st = new Stat();
  expect(p.stat(path, st)).toBe(0);
  const b = new Uint8Array(st.size);
  const fd = p.open(path, O_RDONLY);
  expect(p.read(fd, b)).toBe(st.size);
  p.close(fd);
  return new TextDecoder().decode(b);
}

describe('initramfs (cpio newc)', () => {
  it('lists the archive GNU cpio wrote', () => {
    const names = listCpio(fixture).map((e) => e.name);
    expect(names).toContain('etc/big.txt');
    expect(names[0]).toBe('.');
  });

  it('unpacks files, directories, hard links, symbolic links and FIFOs with owners, modes and times', () => {
    const vfs = new Vfs();
    expect(unpackCpio(vfs, fixture)).toBe(13);
    const p = vfs.createProcess();
    const st = new Stat();
    expect(readAll(vfs, '/init')).toBe('#!/bin/sh\necho hello from init\n');
    expect(readAll(vfs, '/bin/sh')).toBe(readAll(vfs, '/init'));
    const big = readAll(vfs, '/etc/big.txt');
    expect(big.length).toBe(44000);
    expect(big.slice(-44)).toBe('line 00999 of a file spanning several pages\n');
    expect(readAll(vfs, '/etc/passwd')).toBe('root:x:0:0:root:/root:/bin/sh\n');
    p.stat('/etc/passwd', st);
    const ino = st.ino;
    expect(st.nlink).toBe(2);
    p.stat('/etc/passwd.hard', st);
    expect(st.ino).toBe(ino);
    p.lstat('/bin/sh', st);
    expect(st.mode & S_IFMT).toBe(S_IFLNK);
    p.stat('/dev/initctl', st);
    expect(st.mode).toBe(S_IFIFO | 0o600);
    p.stat('/home/user', st);
    expect([st.mode & 0o7777, st.uid, st.gid]).toEqual([0o700, 1000, 1000]);
    expect(st.mtimeSec).toBe(Date.UTC(2024, 0, 2, 3, 4, 5) / 1000);
    p.stat('/etc', st);
    expect(st.mtimeSec).toBe(Date.UTC(2024, 0, 2, 3, 4, 5) / 1000);
    p.stat('/etc/empty', st);
    expect(st.size).toBe(0);
  });

  it('round-trips a tree through packCpio and unpackCpio, also under a destination directory', () => {
    const a = new Vfs();
    unpackCpio(a, fixture);
    const p = a.createProcess();
    p.mknod('/dev/console', S_IFCHR | 0o600, makeDev(5, 1));
    const packed = packCpio(a);
    expect(packed.length % 512).toBe(0);
    const b = new Vfs();
    unpackCpio(b, packed, { dest: '/mnt/root' });
    expect(readAll(b, '/mnt/root/etc/big.txt')).toBe(readAll(a, '/etc/big.txt'));
    const st = new Stat();
    const q = b.createProcess();
    q.stat('/mnt/root/dev/console', st);
    expect(st.rdev).toBe(makeDev(5, 1));
    q.stat('/mnt/root/etc/passwd.hard', st);
    expect(st.nlink).toBe(2);
    expect(listCpio(packCpio(b, '/mnt/root')).map((e) => e.name)).toEqual(listCpio(packed).map((e) => e.name));
  });

  it('rejects malformed archives with typed errors', () => {
    expect(() => listCpio(new TextEncoder().encode('070707' + '0'.repeat(200)))).toThrow(CpioError);
    expect(() => listCpio(fixture.subarray(0, 50))).toThrow(/cut short/);
    expect(() => listCpio(fixture.subarray(0, 1000))).toThrow(/past the end/);
    const bad = fixture.slice();
    bad[10] = 0x47;
    expect(() => listCpio(bad)).toThrow(/hexadecimal/);
    expect(() => listCpio(new TextEncoder().encode('x'.repeat(120)))).toThrow(expect.objectContaining({ code: 'BAD_MAGIC' }));
  });

});
