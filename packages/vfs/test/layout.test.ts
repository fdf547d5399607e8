import { describe, expect, it } from 'vitest';
import {
  DT_DIR,
  DT_LNK,
  DT_REG,
  Errno,
  O_CREAT,
  O_DIRECTORY,
  O_RDONLY,
  O_WRONLY,
  STAT64_SIZE,
  SEEK_SET,
  Stat,
  Vfs,
  decodeDirents,
  encodeStat64,
} from '../src/index.js';

describe('struct stat64 (Linux ARM EABI)', () => {
  it('is 104 bytes with the offsets arm-linux-gnueabi-gcc reports', () => {
    expect(STAT64_SIZE).toBe(104);
    const st = new Stat();
    Object.assign(st, {
      dev: 0x801,
      ino: 0x1_2345_6789,
      mode: 0o100644,
      nlink: 3,
      uid: 1000,
      gid: 100,
      rdev: 0x103,
      size: 0x2_0000_0010,
      blksize: 4096,
      blocks: 24,
      atimeSec: 1_700_000_000,
      atimeNsec: 5,
      mtimeSec: 1_700_000_001,
      mtimeNsec: 6,
      ctimeSec: 1_700_000_002,
      ctimeNsec: 7,
    });
    const bytes = new Uint8Array(8 + STAT64_SIZE).fill(0xaa);
    const v = new DataView(bytes.buffer);
    encodeStat64(st, v, 8);
    const u32 = (o: number): number => v.getUint32(8 + o, true);
    const u64 = (o: number): number => u32(o) + u32(o + 4) * 2 ** 32;
    expect(u64(0)).toBe(0x801); // st_dev
    expect(u32(8)).toBe(0); // __pad0
    expect(u32(12)).toBe(0x23456789); // __st_ino (low 32 bits)
    expect(u32(16)).toBe(0o100644);
    expect(u32(20)).toBe(3);
    expect(u32(24)).toBe(1000);
    expect(u32(28)).toBe(100);
    expect(u64(32)).toBe(0x103);
    expect(u64(48)).toBe(0x2_0000_0010); // st_size
    expect(u32(56)).toBe(4096);
    expect(u64(64)).toBe(24);
    expect([u32(72), u32(76), u32(80), u32(84), u32(88), u32(92)]).toEqual([1_700_000_000, 5, 1_700_000_001, 6, 1_700_000_002, 7]);
    expect(u64(96)).toBe(0x1_2345_6789); // st_ino
    expect(bytes[7]).toBe(0xaa);
  });
});

describe('struct linux_dirent64', () => {
  it('writes 8-byte aligned records with d_ino, d_off, d_reclen, d_type and a NUL-terminated name', () => {
    const p = new Vfs().createProcess();
    p.mkdir('/d', 0o755);
    p.open('/d/file.txt', O_CREAT | O_WRONLY, 0o644);
    p.mkdir('/d/sub', 0o755);
    p.symlink('file.txt', '/d/ln');
    const fd = p.open('/d', O_RDONLY | O_DIRECTORY);
    const buf = new Uint8Array(256);
    const n = p.getdents64(fd, buf);
    // ".", "..": 19 + 2 → 24 bytes each; "file.txt": 19 + 9 = 28 → 32; "sub": 24; "ln": 24.
    expect(n).toBe(24 + 24 + 32 + 24 + 24);
    const v = new DataView(buf.buffer);
    expect(v.getUint16(16, true)).toBe(24);
    expect(buf[18]).toBe(DT_DIR);
    expect(buf[19]).toBe(0x2e);
    expect(buf[20]).toBe(0);
    const ents = decodeDirents(buf, n);
    expect(ents.map((e) => [e.name, e.type])).toEqual([
      ['.', DT_DIR],
      ['..', DT_DIR],
      ['file.txt', DT_REG],
      ['sub', DT_DIR],
      ['ln', DT_LNK],
    ]);
    const st = new Stat();
    p.stat('/d/sub', st);
    expect(ents[3]!.ino).toBe(st.ino);
    p.stat('/', st);
    expect(ents[1]!.ino).toBe(st.ino);
    expect(p.getdents64(fd, buf)).toBe(0);
    // d_off of a record is a position lseek accepts to resume after it.
    expect(p.lseek(fd, ents[2]!.off, SEEK_SET)).toBe(ents[2]!.off);
    expect(decodeDirents(buf, p.getdents64(fd, buf)).map((e) => e.name)).toEqual(['sub', 'ln']);
    p.lseek(fd, 0, SEEK_SET);
    expect(p.getdents64(fd, buf, 0, 20)).toBe(-Errno.EINVAL);
    const file = p.open('/d/file.txt', O_RDONLY);
    expect(p.getdents64(file, buf)).toBe(-Errno.ENOTDIR);
  });

  it('continues a listing correctly when entries are removed and added in between', () => {
    const p = new Vfs().createProcess();
    p.mkdir('/d', 0o755);
    for (let i = 0; i < 100; i++) p.open(`/d/f${i}`, O_CREAT | O_WRONLY, 0o644);
    const fd = p.open('/d', O_RDONLY | O_DIRECTORY);
    const buf = new Uint8Array(200);
    const seen = new Set<string>();
    let round = 0;
    for (;;) {
      const n = p.getdents64(fd, buf);
      if (n === 0) break;
      for (const e of decodeDirents(buf, n)) seen.add(e.name);
      // Remove entries not yet listed and entries already listed: none may repeat or crash.
      p.unlink(`/d/f${99 - round}`);
      if (round === 3) p.unlink('/d/f0');
      round++;
    }
    expect(seen.has('f50')).toBe(true);
    expect(seen.has('f0')).toBe(true);
    expect(seen.has('f99')).toBe(false);
    expect(seen.size).toBeGreaterThan(80);
  });
});
