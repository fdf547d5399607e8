import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CpioError, FileData, O_RDONLY, O_TRUNC, O_WRONLY, O_APPEND, PAGE_SIZE, Stat, Vfs, listCpio, packCpio, unpackCpio } from '../src/index.js';
import type { CpioSource } from '../src/index.js';

const fixture = new Uint8Array(readFileSync(new URL('./fixtures/initramfs.cpio', import.meta.url)));

function contents(vfs: Vfs, path: string): Uint8Array {
  const p = vfs.createProcess();
  const st = new Stat();
  expect(p.stat(path, st)).toBe(0);
  const b = new Uint8Array(st.size);
  const fd = p.open(path, O_RDONLY);
  expect(p.read(fd, b)).toBe(st.size);
  p.close(fd);
  return b;
}

/** A vfs with a few files of awkward sizes, packed into an archive. */
function sampleArchive(): Uint8Array {
  const src = new Vfs();
  const p = src.createProcess();
  p.mkdir('/d', 0o755);
  const sizes = [1, 15, 17, PAGE_SIZE - 1, PAGE_SIZE, PAGE_SIZE + 1, 20 * PAGE_SIZE + 3];
  sizes.forEach((n, i) => {
    const fd = p.open(`/d/f${i}`, 0o101, 0o644);
    const b = new Uint8Array(n);
    for (let k = 0; k < n; k++) b[k] = (k * 7 + i) & 0xff;
    p.write(fd, b);
    p.close(fd);
  });
  p.link('/d/f6', '/d/hard');
  return packCpio(src);
}

/** An archive read piece by piece, counting what was read (fresh copies, like a file's reads). */
function countingSource(archive: Uint8Array): CpioSource & { reads: number; bytes: number } {
  return {
    size: archive.length,
    reads: 0,
    bytes: 0,
    read(offset, length) {
      this.reads++;
      this.bytes += length;
      return archive.slice(offset, offset + length);
    },
  };
}

describe('lazy initramfs (files borrow the archive bytes until their first change)', () => {
  it('unpacks without copying and reads the same bytes as an eager unpack', () => {
    const archive = sampleArchive();
    const lazy = new Vfs();
    const eager = new Vfs();
    unpackCpio(lazy, archive);
    unpackCpio(eager, archive, { copy: true });
    const st = new Stat();
    for (const name of ['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'hard']) {
      expect(contents(lazy, `/d/${name}`)).toEqual(contents(eager, `/d/${name}`));
      lazy.createProcess().stat(`/d/${name}`, st);
      const blocks = st.blocks;
      eager.createProcess().stat(`/d/${name}`, st);
      expect(blocks).toBe(st.blocks);
    }
    expect(lazy.rootFs.usedPages).toBe(eager.rootFs.usedPages);
  });

  it('never writes to the archive: writes, appends, truncates and hard links leave the caller bytes unchanged', () => {
    const archive = sampleArchive();
    const before = archive.slice();
    const vfs = new Vfs();
    unpackCpio(vfs, archive);
    const p = vfs.createProcess();
    const expected6 = contents(vfs, '/d/f6').slice();
    let fd = p.open('/d/hard', O_WRONLY);
    expect(p.pwrite(fd, new Uint8Array([1, 2, 3]), 0, 3, 5000)).toBe(3);
    p.close(fd);
    expected6.set([1, 2, 3], 5000);
    expect(contents(vfs, '/d/f6')).toEqual(expected6);
    fd = p.open('/d/f5', O_WRONLY | O_APPEND);
    expect(p.write(fd, new Uint8Array(100).fill(9))).toBe(100);
    p.close(fd);
    expect(contents(vfs, '/d/f5').length).toBe(PAGE_SIZE + 101);
    expect(p.truncate('/d/f3', 10)).toBe(0);
    expect(p.truncate('/d/f3', 20)).toBe(0);
    const f3 = contents(vfs, '/d/f3');
    expect(Array.from(f3.subarray(10))).toEqual(new Array<number>(10).fill(0));
    fd = p.open('/d/f4', O_WRONLY | O_TRUNC);
    p.close(fd);
    expect(contents(vfs, '/d/f4').length).toBe(0);
    expect(p.unlink('/d/f2')).toBe(0);
    expect(archive).toEqual(before);
  });

  it('keeps the fixture written by GNU cpio byte-identical while its files change', () => {
    const archive = fixture.slice();
    const vfs = new Vfs();
    unpackCpio(vfs, archive);
    const big = contents(vfs, '/etc/big.txt');
    const p = vfs.createProcess();
    const fd = p.open('/etc/big.txt', O_WRONLY);
    p.write(fd, new Uint8Array(big.length).fill(0x41));
    p.close(fd);
    expect(contents(vfs, '/etc/big.txt').every((b) => b === 0x41)).toBe(true);
    expect(archive).toEqual(fixture);
  });

  it('copies on write when the file system quota allows it, and falls back to an eager write otherwise', () => {
    const archive = sampleArchive();
    const vfs = new Vfs({ quotaBytes: 64 * PAGE_SIZE });
    unpackCpio(vfs, archive);
    expect(contents(vfs, '/d/f6').length).toBe(20 * PAGE_SIZE + 3);
  });

  it('FileData.adopt behaves like a write of the same bytes under any sequence of changes (property)', () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('w' as const), pos: fc.nat(6 * PAGE_SIZE), len: fc.nat(2 * PAGE_SIZE), v: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ k: fc.constant('t' as const), size: fc.nat(7 * PAGE_SIZE) }),
      fc.record({ k: fc.constant('r' as const), pos: fc.nat(6 * PAGE_SIZE), len: fc.nat(2 * PAGE_SIZE) }),
      fc.record({ k: fc.constant('n' as const), pos: fc.nat(8 * PAGE_SIZE), len: fc.nat(2 * PAGE_SIZE) }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5 * PAGE_SIZE }), fc.array(op, { maxLength: 8 }), fc.boolean(), (initial, ops, deferred) => {
        const archive = initial.slice();
        const a = new FileData();
        let loads = 0;
        a.adopt(deferred ? { length: archive.length, load: () => (loads++, archive) } : archive);
        const b = new FileData();
        b.write(0, initial, 0, initial.length);
        for (const o of ops) {
          if (o.k === 'w') {
            const src = new Uint8Array(o.len).fill(o.v);
            a.write(o.pos, src, 0, o.len);
            b.write(o.pos, src, 0, o.len);
          } else if (o.k === 't') {
            a.truncate(o.size);
            b.truncate(o.size);
          } else if (o.k === 'n') {
            expect(a.pagesNeeded(o.pos, o.len)).toBe(b.pagesNeeded(o.pos, o.len));
          } else {
            const x = new Uint8Array(o.len + 3);
            const y = new Uint8Array(o.len + 3);
            expect(a.read(o.pos, x, 3, o.len)).toBe(b.read(o.pos, y, 3, o.len));
            expect(x).toEqual(y);
          }
          expect(a.size).toBe(b.size);
          expect(a.allocatedPages).toBe(b.allocatedPages);
        }
        expect(a.toBytes()).toEqual(b.toBytes());
        expect(archive).toEqual(initial);
        expect(loads).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it('from a CpioSource, reads only the headers at unpack and each file once, at its first use', () => {
    const archive = sampleArchive();
    const src = countingSource(archive);
    const lazy = new Vfs();
    const eager = new Vfs();
    expect(unpackCpio(lazy, src)).toBe(unpackCpio(eager, archive, { copy: true }));
    const headers = src.bytes;
    // one read per entry and the trailer (a header and its short name together), one for
    // the zero padding after it, and no data (not even an empty read for a directory)
    expect(src.reads).toBe(listCpio(archive).length + 2);
    expect(headers).toBeLessThan(8192); // of an archive of 95 KB
    expect(lazy.rootFs.usedPages).toBe(eager.rootFs.usedPages);
    // stat needs no data
    const st = new Stat();
    expect(lazy.createProcess().stat('/d/f6', st)).toBe(0);
    expect(st.size).toBe(20 * PAGE_SIZE + 3);
    expect(src.bytes).toBe(headers);
    expect(contents(lazy, '/d/f6')).toEqual(contents(eager, '/d/f6'));
    expect(src.bytes).toBe(headers + 20 * PAGE_SIZE + 3);
    // read again, and through its hard link: no second load
    expect(contents(lazy, '/d/hard')).toEqual(contents(eager, '/d/hard'));
    expect(src.bytes).toBe(headers + 20 * PAGE_SIZE + 3);
    // a file emptied or removed before any read is never read
    const p = lazy.createProcess();
    p.close(p.open('/d/f5', O_WRONLY | O_TRUNC));
    expect(p.unlink('/d/f4')).toBe(0);
    expect(src.bytes).toBe(headers + 20 * PAGE_SIZE + 3);
    // a write first loads the rest of the file under it
    const fd = p.open('/d/f3', O_WRONLY);
    expect(p.pwrite(fd, new Uint8Array([7]), 0, 1, 10)).toBe(1);
    p.close(fd);
    const f3 = contents(eager, '/d/f3');
    f3[10] = 7;
    expect(contents(lazy, '/d/f3')).toEqual(f3);
    for (const name of ['f0', 'f1', 'f2']) expect(contents(lazy, `/d/${name}`)).toEqual(contents(eager, `/d/${name}`));
  });

  it('reads a path longer than what comes with its header from a CpioSource in a read of its own', () => {
    const src = new Vfs();
    const p = src.createProcess();
    const dirs = ['/'.padEnd(200, 'a'), '/'.padEnd(150, 'b')];
    p.mkdir(dirs[0]!, 0o755);
    p.mkdir(dirs.join(''), 0o755);
    const path = `${dirs.join('')}/file`;
    const fd = p.open(path, 0o101, 0o644);
    p.write(fd, new Uint8Array([1, 2, 3]));
    p.close(fd);
    const archive = packCpio(src);
    const counting = countingSource(archive);
    const listed = listCpio(counting);
    expect(listed).toEqual(listCpio(archive));
    expect(listed.map((e) => e.name)).toContain(path.slice(1));
    expect(path.length).toBeGreaterThan(256);
  });

  it('lists and unpacks the GNU cpio fixture the same from a CpioSource as from its bytes', () => {
    expect(listCpio(countingSource(fixture))).toEqual(listCpio(fixture));
    const a = new Vfs();
    const b = new Vfs();
    unpackCpio(a, countingSource(fixture));
    unpackCpio(b, fixture);
    for (const e of listCpio(fixture)) {
      const st = new Stat();
      expect(a.createProcess().lstat(`/${e.name}`, st)).toBe(0);
      if ((e.mode & 0o170000) === 0o100000) expect(contents(a, `/${e.name}`)).toEqual(contents(b, `/${e.name}`));
    }
  });

  it('a source shorter than it says is a truncated archive; deferred bytes of the wrong length are a RangeError', () => {
    const archive = sampleArchive();
    const short: CpioSource = { size: archive.length, read: (o, n) => archive.slice(o, Math.min(o + n, archive.length - 600)) };
    expect(() => listCpio(short)).toThrow(CpioError);
    const d = new FileData();
    d.adopt({ length: 10, load: () => new Uint8Array(9) });
    expect(() => d.read(0, new Uint8Array(10), 0, 10)).toThrow(/gave 9 bytes, not 10/);
  });

  it('refuses to adopt into a file that already has data', () => {
    const d = new FileData();
    d.write(0, new Uint8Array([1]), 0, 1);
    expect(() => { d.adopt(new Uint8Array([2])); }).toThrow(RangeError);
  });
});
