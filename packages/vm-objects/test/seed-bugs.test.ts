import { describe, expect, it } from 'vitest';
import { Access, Errno, MapFlags, MsyncFlags, PAGE_SIZE, Prot, VmError } from '../src/index.js';
import { kread, kwrite, mappingProblems, rig } from './fakes.js';

const RW = Prot.READ | Prot.WRITE;
const ANON_PRIVATE = MapFlags.PRIVATE | MapFlags.ANONYMOUS;
const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('seed bugs of spec §3.3', () => {
  it('a read fault never maps a page it did not find (the original mapped physical page 0)', () => {
    const r = rig();
    r.files.create(7, 1, 0x10);
    r.vm.openFile(7);
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: 2 * PAGE_SIZE, prot: Prot.READ, flags: MapFlags.PRIVATE, file: 7 });
    expect(r.vm.handleFault(1, a + PAGE_SIZE, Access.READ)).toBe(-Errno.EFAULT); // past the end of the file
    expect(r.mapper.get(1, a / PAGE_SIZE + 1)).toBeUndefined();
    expect(r.vm.handleFault(1, a, Access.READ)).toBe(0);
    expect(kread(r, 1, a, 2)).toEqual(bytes(0x10, 0x10));
  });

  it('munmap that splits a vma copies its links to the new half', () => {
    const r = rig();
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: 3 * PAGE_SIZE, prot: RW, flags: ANON_PRIVATE });
    kwrite(r, 1, a, bytes(1));
    kwrite(r, 1, a + 2 * PAGE_SIZE, bytes(3));
    expect(r.vm.munmap(1, a + PAGE_SIZE, PAGE_SIZE)).toBe(0);
    expect(r.vm.mappings(1).map((m) => [m.start, m.end])).toEqual([
      [a, a + PAGE_SIZE],
      [a + 2 * PAGE_SIZE, a + 3 * PAGE_SIZE],
    ]);
    expect(r.vm.chainDepth(1, a + 2 * PAGE_SIZE)).toBe(2); // shadow + /dev/zero, same as the head
    expect(kread(r, 1, a + 2 * PAGE_SIZE, 1)).toEqual(bytes(3));
    expect(r.vm.checkIntegrity().problems).toEqual([]);
    r.vm.exit(1);
    expect(r.frames.freeCount).toBe(r.baseline);
  });

  it('open counts: every opener (an fd inherited on fork included) must close before the file goes', () => {
    const r = rig();
    r.files.create(5, 2, 0x40);
    r.vm.createSpace(1);
    r.vm.openFile(5);
    const a = r.vm.mmap(1, { length: 2 * PAGE_SIZE, prot: RW, flags: MapFlags.SHARED, file: 5 });
    r.vm.fork(1, 2);
    r.vm.openFile(5); // the child's copy of the fd table
    expect(r.vm.fileOpeners(5)).toBe(2);
    r.vm.closeFile(5);
    r.vm.exit(1);
    expect(kwrite(r, 2, a, bytes(9))).toBe(0);
    expect(r.vm.munmap(2, a, 2 * PAGE_SIZE)).toBe(0);
    expect(r.files.contents.get(5)?.get(0)?.[0]).toBe(9); // written back on munmap
    expect(r.vm.stats().files).toBe(2); // /dev/zero and the still-open file
    r.vm.closeFile(5);
    expect(r.vm.stats().files).toBe(1);
    expect(() => {
      r.vm.closeFile(5);
    }).toThrow(VmError);
  });

  it('mmap file offsets are bytes turned into pages, and must be page-aligned', () => {
    const r = rig();
    r.files.create(3, 4, 0x20);
    r.vm.openFile(3);
    r.vm.createSpace(1);
    expect(r.vm.mmap(1, { length: PAGE_SIZE, prot: Prot.READ, flags: MapFlags.PRIVATE, file: 3, offset: 100 })).toBe(-Errno.EINVAL);
    const a = r.vm.mmap(1, { length: PAGE_SIZE, prot: Prot.READ, flags: MapFlags.PRIVATE, file: 3, offset: 2 * PAGE_SIZE });
    expect(kread(r, 1, a, 1)).toEqual(bytes(0x22));
    expect(r.vm.mmap(1, { length: PAGE_SIZE, prot: Prot.READ, flags: MapFlags.PRIVATE, file: 99 })).toBe(-Errno.EBADF);
  });

  it('lengths (a stack size too) are in bytes rounded up to whole pages', () => {
    const r = rig();
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: 1, prot: RW, flags: ANON_PRIVATE });
    const b = r.vm.mmap(1, { length: 2 * PAGE_SIZE + 1, prot: RW, flags: ANON_PRIVATE | MapFlags.GROWSDOWN });
    expect(b - a).toBe(PAGE_SIZE);
    expect(r.vm.mappings(1)[1]).toMatchObject({ start: b, end: b + 3 * PAGE_SIZE });
    expect(r.vm.mmap(1, { length: 0, prot: RW, flags: ANON_PRIVATE })).toBe(-Errno.EINVAL);
  });

  it('zeroing bss inside the last data page copies the page and leaves the file alone', () => {
    const r = rig();
    r.files.create(4, 1, 0x77);
    r.vm.openFile(4);
    r.vm.createSpace(1);
    r.vm.createSpace(2);
    const data = r.vm.mmap(1, { addr: 0x10000, length: PAGE_SIZE, prot: RW, flags: MapFlags.PRIVATE | MapFlags.FIXED, file: 4 });
    const bss = r.vm.mmap(1, { addr: 0x11000, length: PAGE_SIZE, prot: RW, flags: ANON_PRIVATE | MapFlags.FIXED });
    expect([data, bss]).toEqual([0x10000, 0x11000]);
    expect(r.vm.writeUser(1, 0x10800, new Uint8Array(0x800))).toBe(0); // bss starts mid-page
    expect(kread(r, 1, 0x107ff, 2)).toEqual(bytes(0x77, 0));
    expect(kread(r, 1, 0x11000, 1)).toEqual(bytes(0));
    r.vm.mmap(2, { addr: 0x10000, length: PAGE_SIZE, prot: Prot.READ, flags: MapFlags.PRIVATE | MapFlags.FIXED, file: 4 });
    expect(kread(r, 2, 0x10800, 1)).toEqual(bytes(0x77));
    expect(r.files.writes).toEqual([]);
  });

  it('fork copies the whole space it is given, whichever thread of it asked', () => {
    const r = rig();
    r.vm.createSpace(1);
    r.vm.mmap(1, { length: PAGE_SIZE, prot: RW, flags: ANON_PRIVATE });
    r.vm.mmap(1, { length: 2 * PAGE_SIZE, prot: Prot.READ, flags: MapFlags.SHARED | MapFlags.ANONYMOUS });
    r.vm.fork(1, 2);
    expect(r.vm.mappings(2)).toEqual(r.vm.mappings(1));
    expect(() => {
      r.vm.fork(1, 2);
    }).toThrow(VmError);
  });

  it('munmap of a range without vmas does nothing (the pager unmapping its own space at init)', () => {
    const r = rig();
    r.vm.createSpace(1);
    const calls = r.mapper.calls;
    expect(r.vm.munmap(1, 0x100000, 64 * PAGE_SIZE)).toBe(0);
    expect(r.mapper.calls).toBe(calls);
  });

  it('fork makes no page-table calls for the child (kernel entries are the kernel’s to share)', () => {
    const r = rig();
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: PAGE_SIZE, prot: RW, flags: ANON_PRIVATE });
    kwrite(r, 1, a, bytes(1));
    r.vm.fork(1, 2);
    expect(r.mapper.tables.get(2)).toBeUndefined();
    expect(r.vm.mmap(1, { addr: 0xbf000000, length: PAGE_SIZE, prot: RW, flags: ANON_PRIVATE | MapFlags.FIXED })).toBe(-Errno.EINVAL);
  });

  it('shadow count: when a dropped shadow survives, the next object down gains a shadower', () => {
    const r = rig();
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: 2 * PAGE_SIZE, prot: RW, flags: ANON_PRIVATE });
    kwrite(r, 1, a, bytes(1));
    kwrite(r, 1, a + PAGE_SIZE, bytes(2));
    r.vm.fork(1, 2);
    kwrite(r, 1, a, bytes(11));
    expect(r.vm.chainDepth(1, a)).toBe(3);
    kwrite(r, 1, a + PAGE_SIZE, bytes(12)); // the new top now covers the frozen shadow: drop it
    expect(r.vm.chainDepth(1, a)).toBe(2);
    expect(r.vm.chainDepth(2, a)).toBe(2);
    expect(r.vm.checkIntegrity().problems).toEqual([]); // /dev/zero has two shadowers now
    expect(kread(r, 2, a, 1)).toEqual(bytes(1));
    expect(kread(r, 2, a + PAGE_SIZE, 1)).toEqual(bytes(2));
    expect(kread(r, 1, a, 1)).toEqual(bytes(11));
    expect(mappingProblems(r)).toEqual([]);
  });

  it('coverage, not page counts, decides the drop: equal counts must not lose a page', () => {
    const r = rig();
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: 2 * PAGE_SIZE, prot: RW, flags: ANON_PRIVATE });
    kwrite(r, 1, a, bytes(1));
    r.vm.fork(1, 2);
    kwrite(r, 1, a + PAGE_SIZE, bytes(2)); // one page each, different pages
    expect(kread(r, 1, a, 1)).toEqual(bytes(1));
    expect(r.vm.chainDepth(1, a)).toBe(3);
  });
});

describe('original quirks, fixed', () => {
  it('msync writes back dirty shared file pages (the original tested the flag on the object)', () => {
    const r = rig();
    r.files.create(8, 2, 0);
    r.vm.openFile(8);
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: 2 * PAGE_SIZE, prot: RW, flags: MapFlags.SHARED, file: 8 });
    kwrite(r, 1, a + PAGE_SIZE, bytes(5, 6));
    expect(r.vm.msync(1, a, 2 * PAGE_SIZE, MsyncFlags.SYNC)).toBe(0);
    expect(r.files.writes).toEqual([{ file: 8, page: 1 }]);
    expect(r.files.contents.get(8)?.get(1)?.subarray(0, 2)).toEqual(bytes(5, 6));
    expect(r.mapper.get(1, a / PAGE_SIZE + 1)?.prot).toBe(Prot.READ); // next store dirties it again
    expect(r.vm.msync(1, a, PAGE_SIZE, MsyncFlags.SYNC)).toBe(0);
    expect(r.files.writes.length).toBe(1); // clean: nothing more to write
    kwrite(r, 1, a + PAGE_SIZE, bytes(7));
    expect(r.vm.msync(1, a, 2 * PAGE_SIZE, MsyncFlags.ASYNC | MsyncFlags.SYNC)).toBe(-Errno.EINVAL);
    expect(r.vm.msync(1, a + 4 * PAGE_SIZE, PAGE_SIZE, MsyncFlags.SYNC)).toBe(-Errno.ENOMEM);
    r.vm.exit(1); // exit flushes too
    expect(r.files.contents.get(8)?.get(1)?.[0]).toBe(7);
  });

  it('a private file mapping never writes the file back', () => {
    const r = rig();
    r.files.create(8, 1, 0);
    r.vm.openFile(8);
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: PAGE_SIZE, prot: RW, flags: MapFlags.PRIVATE, file: 8 });
    kwrite(r, 1, a, bytes(5));
    expect(r.vm.msync(1, a, PAGE_SIZE, MsyncFlags.SYNC)).toBe(0);
    r.vm.exit(1);
    r.vm.closeFile(8);
    expect(r.files.writes).toEqual([]);
  });

  it('file release decrements, then tests: the last close of an unmapped file deletes it, writing it back', () => {
    const r = rig();
    r.files.create(9, 1, 0);
    r.vm.openFile(9);
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: PAGE_SIZE, prot: RW, flags: MapFlags.SHARED, file: 9 });
    kwrite(r, 1, a, bytes(4));
    r.vm.fork(1, 2);
    r.vm.exit(1);
    r.vm.exit(2);
    expect(r.vm.stats().files).toBe(2);
    r.vm.closeFile(9);
    expect(r.vm.stats().files).toBe(1);
    expect(r.files.contents.get(9)?.get(0)?.[0]).toBe(4);
    expect(r.frames.freeCount).toBe(r.baseline);
    r.vm.dispose();
    expect(r.frames.freeCount).toBe(r.frames.total);
  });
});
