import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CpioError, O_RDONLY, S_IFIFO, S_IFLNK, S_IFMT, Stat, Vfs, listCpio, packCpio, unpackCpio, makeDev, S_IFCHR, O_CREAT, O_WRONLY } from '../src/index.js';

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

const hasCpio = ((): boolean => {
  try {
    execFileSync('cpio', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

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

  it.runIf(hasCpio)('produces archives GNU cpio extracts, and reads what it writes', () => {
    const vfs = new Vfs();
    const p = vfs.createProcess();
    p.mkdir('/a', 0o750);
    const fd = p.open('/a/file', O_CREAT | O_WRONLY, 0o640);
    p.write(fd, new Uint8Array(9000).fill(65));
    p.close(fd);
    p.symlink('file', '/a/link');
    p.link('/a/file', '/a/hard');
    const dir = mkdtempSync(join(tmpdir(), 'vfs-cpio-'));
    try {
      writeFileSync(join(dir, 'x.cpio'), packCpio(vfs));
      execFileSync('sh', ['-c', 'mkdir out && cd out && cpio -idm --quiet < ../x.cpio'], { cwd: dir });
      expect(readFileSync(join(dir, 'out/a/file')).length).toBe(9000);
      expect(readFileSync(join(dir, 'out/a/hard')).length).toBe(9000);
      expect(readlinkSync(join(dir, 'out/a/link'))).toBe('file');
      expect(lstatSync(join(dir, 'out/a')).mode & 0o777).toBe(0o750);
      const back = execFileSync('sh', ['-c', 'cd out && find . | LC_ALL=C sort | cpio -o -H newc --quiet'], { cwd: dir });
      const v2 = new Vfs();
      unpackCpio(v2, new Uint8Array(back));
      expect(readAll(v2, '/a/hard')).toBe('A'.repeat(9000));
      expect(existsSync(join(dir, 'out/a/file'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
