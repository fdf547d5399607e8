import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Errno, FileData, O_APPEND, O_CREAT, O_RDONLY, O_RDWR, O_WRONLY, PAGE_SIZE, SEEK_END, Stat, UTIME_NOW, UTIME_OMIT, Vfs } from '../src/index.js';

describe('memfs file data', () => {
  it('holds a 64 MiB file written in 1 MiB chunks and reads any range back', () => {
    const p = new Vfs().createProcess();
    const fd = p.open('/huge', O_CREAT | O_RDWR, 0o644);
    const chunk = new Uint8Array(1 << 20);
    for (let i = 0; i < 64; i++) {
      chunk.fill(i + 1);
      expect(p.write(fd, chunk)).toBe(chunk.length);
    }
    expect(p.lseek(fd, 0, SEEK_END)).toBe(64 << 20);
    const back = new Uint8Array(10);
    expect(p.pread(fd, back, 0, 10, (37 << 20) - 5)).toBe(10);
    expect([...back]).toEqual([37, 37, 37, 37, 37, 38, 38, 38, 38, 38]);
    const st = new Stat();
    p.fstat(fd, st);
    expect(st.size).toBe(64 << 20);
    expect(st.blocks).toBe((64 << 20) / 512);
  });

  it('keeps holes sparse and reads them as zeros', () => {
    const p = new Vfs().createProcess();
    const fd = p.open('/sparse', O_CREAT | O_RDWR, 0o644);
    expect(p.pwrite(fd, new Uint8Array([9]), 0, 1, 10 * PAGE_SIZE * 1024)).toBe(1);
    const st = new Stat();
    p.fstat(fd, st);
    expect(st.size).toBe(10 * PAGE_SIZE * 1024 + 1);
    expect(st.blocks).toBe(8);
    const b = new Uint8Array(3).fill(5);
    expect(p.pread(fd, b, 0, 3, 10 * PAGE_SIZE * 1024 - 2)).toBe(3);
    expect([...b]).toEqual([0, 0, 9]);
    expect(p.ftruncate(fd, 5)).toBe(0);
    p.fstat(fd, st);
    expect(st.blocks).toBe(0);
  });

  it('agrees with a flat byte-array model under random writes and truncates', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('w' as const), pos: fc.nat(200000), len: fc.nat(70000), v: fc.nat(255) }),
            fc.record({ kind: fc.constant('t' as const), size: fc.nat(240000) }),
          ),
          { maxLength: 30 },
        ),
        (ops) => {
          const d = new FileData();
          let model = new Uint8Array(0);
          for (const op of ops) {
            if (op.kind === 'w') {
              const src = new Uint8Array(op.len).fill(op.v);
              d.write(op.pos, src, 0, op.len);
              if (op.len > 0) {
                if (op.pos + op.len > model.length) {
                  const m = new Uint8Array(op.pos + op.len);
                  m.set(model);
                  model = m;
                }
                model.fill(op.v, op.pos, op.pos + op.len);
              }
            } else {
              d.truncate(op.size);
              const m = new Uint8Array(op.size);
              m.set(model.subarray(0, Math.min(op.size, model.length)));
              model = m;
            }
            expect(d.size).toBe(model.length);
          }
          expect(Buffer.from(d.toBytes()).equals(Buffer.from(model))).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('enforces an optional quota with ENOSPC and gives pages back on unlink', () => {
    const vfs = new Vfs({ quotaBytes: 4 * PAGE_SIZE });
    const p = vfs.createProcess();
    const fd = p.open('/q', O_CREAT | O_WRONLY, 0o644);
    expect(p.write(fd, new Uint8Array(4 * PAGE_SIZE))).toBe(4 * PAGE_SIZE);
    expect(p.write(fd, new Uint8Array(1))).toBe(-Errno.ENOSPC);
    expect(p.ftruncate(fd, PAGE_SIZE)).toBe(0);
    expect(vfs.rootFs.usedPages).toBe(1);
    p.close(fd);
    p.unlink('/q');
    expect(vfs.rootFs.usedPages).toBe(0);
  });

  it('appends with O_APPEND, also for pwrite as Linux does', () => {
    const p = new Vfs().createProcess();
    const fd = p.open('/log', O_CREAT | O_RDWR | O_APPEND, 0o644);
    p.write(fd, new Uint8Array([1, 2]));
    p.pwrite(fd, new Uint8Array([3]), 0, 1, 0);
    const all = new Uint8Array(3);
    expect(p.pread(fd, all, 0, 3, 0)).toBe(3);
    expect([...all]).toEqual([1, 2, 3]);
  });

  it('sets timestamps from the injected clock and through utimensat', () => {
    let now = 1_000_500;
    const vfs = new Vfs({ clock: () => now });
    const p = vfs.createProcess();
    const fd = p.open('/t', O_CREAT | O_RDWR, 0o644);
    const st = new Stat();
    p.fstat(fd, st);
    expect([st.mtimeSec, st.mtimeNsec]).toEqual([1000, 500_000_000]);
    now = 2_000_000;
    p.write(fd, new Uint8Array(1));
    p.fstat(fd, st);
    expect([st.mtimeSec, st.ctimeSec, st.atimeSec]).toEqual([2000, 2000, 1000]);
    expect(p.utimensat(-100, '/t', [5, 6, 7, 8], 0)).toBe(0);
    p.stat('/t', st);
    expect([st.atimeSec, st.atimeNsec, st.mtimeSec, st.mtimeNsec]).toEqual([5, 6, 7, 8]);
    expect(p.utimensat(-100, '/t', [0, UTIME_OMIT, 0, UTIME_NOW], 0)).toBe(0);
    p.stat('/t', st);
    expect([st.atimeSec, st.mtimeSec]).toEqual([5, 2000]);
    expect(p.utimensat(fd, null, [0, 1e9, 0, 0], 0)).toBe(-Errno.EINVAL);
    expect(p.utimensat(fd, null, null, 0)).toBe(0);
    const user = vfs.createProcess({ uid: 7 });
    expect(user.utimensat(-100, '/t', [1, 0, 1, 0], 0)).toBe(-Errno.EPERM);
    expect(user.utimensat(-100, '/t', null, 0)).toBe(-Errno.EACCES);
    expect(user.open('/t', O_RDONLY)).toBe(0);
  });
});

describe('page access for a page cache', () => {
  it('reads pages zero-padded, refuses pages past the end, and writes back without growing', () => {
    const vfs = new Vfs();
    const p = vfs.createProcess();
    const fd = p.open('/m', O_CREAT | O_RDWR, 0o644);
    p.write(fd, new Uint8Array(PAGE_SIZE + 4).fill(1));
    const node = p.fileOf(fd)!.node;
    const page = new Uint8Array(PAGE_SIZE).fill(9);
    expect(vfs.readPage(node, 1, page)).toBe(4);
    expect(page[3]).toBe(1);
    expect(page[4]).toBe(0);
    expect(vfs.readPage(node, 2, page)).toBe(-Errno.EFAULT);
    page.fill(2);
    expect(vfs.writePage(node, 1, page)).toBe(4);
    const st = new Stat();
    p.fstat(fd, st);
    expect(st.size).toBe(PAGE_SIZE + 4);
    const b = new Uint8Array(4);
    p.pread(fd, b, 0, 4, PAGE_SIZE);
    expect([...b]).toEqual([2, 2, 2, 2]);
    expect(vfs.writePage(node, 5, page)).toBe(0);
    expect(vfs.readPage(vfs.root, 0, page)).toBe(-Errno.EINVAL);
  });
});
