import { describe, expect, it } from 'vitest';
import { Errno, MapFlags, PAGE_SIZE, Prot } from '../src/index.js';
import { kread, kwrite, rig } from './fakes.js';

const RW = Prot.READ | Prot.WRITE;
const ANON = MapFlags.PRIVATE | MapFlags.ANONYMOUS;

describe('mmap, munmap, mprotect, brk', () => {
  it('places mappings at the hint, else first fit, and MAP_FIXED replaces what is there', () => {
    const r = rig();
    const { vm } = r;
    vm.createSpace(1);
    const a = vm.mmap(1, { length: 2 * PAGE_SIZE, prot: RW, flags: ANON });
    const b = vm.mmap(1, { length: PAGE_SIZE, prot: RW, flags: ANON });
    expect(a).toBe(0x40000000);
    expect(b).toBe(a + 2 * PAGE_SIZE);
    expect(vm.mmap(1, { addr: 0x20000000, length: PAGE_SIZE, prot: RW, flags: ANON })).toBe(0x20000000);
    kwrite(r, 1, a + PAGE_SIZE, Uint8Array.of(5));
    expect(vm.mmap(1, { addr: a + PAGE_SIZE, length: 2 * PAGE_SIZE, prot: Prot.READ, flags: ANON | MapFlags.FIXED })).toBe(a + PAGE_SIZE);
    expect(kread(r, 1, a + PAGE_SIZE, 1)).toEqual(Uint8Array.of(0));
    expect(vm.mappings(1).map((m) => (m.end - m.start) / PAGE_SIZE)).toEqual([1, 1, 2]);
    expect(vm.mmap(1, { length: PAGE_SIZE, prot: RW, flags: MapFlags.ANONYMOUS })).toBe(-Errno.EINVAL);
    expect(vm.mmap(1, { length: PAGE_SIZE, prot: RW, flags: ANON | MapFlags.FIXED, addr: 0x1234 })).toBe(-Errno.EINVAL);
    expect(vm.checkIntegrity().problems).toEqual([]);
  });

  it('reports -ENOMEM when the mmap area is full', () => {
    const { vm } = rig(64, { mmapBase: 0x40000000, mmapEnd: 0x40004000 });
    vm.createSpace(1);
    expect(vm.mmap(1, { length: 4 * PAGE_SIZE, prot: RW, flags: ANON })).toBe(0x40000000);
    expect(vm.mmap(1, { length: PAGE_SIZE, prot: RW, flags: ANON })).toBe(-Errno.ENOMEM);
  });

  it('munmap shrinks from either end and frees pages only this space could see', () => {
    const r = rig();
    const { vm } = r;
    vm.createSpace(1);
    const a = vm.mmap(1, { length: 4 * PAGE_SIZE, prot: RW, flags: ANON });
    expect(vm.writeUser(1, a, new Uint8Array(4 * PAGE_SIZE).fill(1))).toBe(0);
    const used = r.baseline - r.frames.freeCount;
    expect(vm.munmap(1, a, PAGE_SIZE)).toBe(0);
    expect(vm.munmap(1, a + 3 * PAGE_SIZE, PAGE_SIZE)).toBe(0);
    expect(r.baseline - r.frames.freeCount).toBe(used - 2);
    expect(vm.mappings(1)).toEqual([{ start: a + PAGE_SIZE, end: a + 3 * PAGE_SIZE, prot: RW, flags: ANON }]);
    expect(vm.munmap(1, a + 1, PAGE_SIZE)).toBe(-Errno.EINVAL);
  });

  it('mprotect splits vmas, write-protects at once, and keeps copy-on-write when write comes back', () => {
    const r = rig();
    const { vm } = r;
    vm.createSpace(1);
    const a = vm.mmap(1, { length: 3 * PAGE_SIZE, prot: RW, flags: ANON });
    kwrite(r, 1, a + PAGE_SIZE, Uint8Array.of(1));
    expect(vm.mprotect(1, a + PAGE_SIZE, PAGE_SIZE, Prot.READ)).toBe(0);
    expect(vm.mappings(1).length).toBe(3);
    expect(r.mapper.get(1, a / PAGE_SIZE + 1)?.prot).toBe(Prot.READ);
    expect(kwrite(r, 1, a + PAGE_SIZE, Uint8Array.of(2))).toBe(-Errno.EACCES);
    vm.fork(1, 2);
    expect(vm.mprotect(1, a, 3 * PAGE_SIZE, RW)).toBe(0);
    expect(kwrite(r, 1, a + PAGE_SIZE, Uint8Array.of(3))).toBe(0);
    expect(kread(r, 2, a + PAGE_SIZE, 1)).toEqual(Uint8Array.of(1));
    expect(vm.mprotect(1, a, 4 * PAGE_SIZE, RW)).toBe(-Errno.ENOMEM);
    expect(vm.mprotect(1, a, PAGE_SIZE, Prot.NONE)).toBe(0);
    expect(kread(r, 1, a, 1)).toBe(-Errno.EACCES);
    expect(vm.checkIntegrity().problems).toEqual([]);
  });

  it('brk grows in place, shrinks by unmapping, and a regrown heap reads zeros', () => {
    const r = rig();
    const { vm } = r;
    vm.createSpace(1);
    expect(vm.brk(1, 0x20000)).toBe(0); // no break set yet
    vm.setBrk(1, 0x10800);
    expect(vm.brk(1, 0)).toBe(0x10800);
    expect(vm.brk(1, 0x13000)).toBe(0x13000);
    expect(vm.brk(1, 0x15000)).toBe(0x15000);
    expect(vm.mappings(1)).toEqual([{ start: 0x11000, end: 0x15000, prot: RW, flags: ANON }]);
    kwrite(r, 1, 0x14000, Uint8Array.of(7));
    expect(vm.brk(1, 0x12000)).toBe(0x12000);
    expect(vm.brk(1, 0x15000)).toBe(0x15000);
    expect(kread(r, 1, 0x14000, 1)).toEqual(Uint8Array.of(0));
    expect(vm.brk(1, 0x10000)).toBe(0x15000); // below the start: unchanged
    vm.mmap(1, { addr: 0x16000, length: PAGE_SIZE, prot: RW, flags: ANON | MapFlags.FIXED });
    expect(vm.brk(1, 0x17000)).toBe(0x15000); // would overlap
    vm.fork(1, 2);
    expect(vm.currentBrk(2)).toBe(0x15000);
    expect(vm.checkIntegrity().problems).toEqual([]);
  });
});
