import { describe, expect, it } from 'vitest';
import { Access, Errno, MapFlags, PAGE_SIZE, Prot, VmError } from '../src/index.js';
import { kread, kwrite, mappingProblems, rig } from './fakes.js';

const RW = Prot.READ | Prot.WRITE;
const ANON_PRIVATE = MapFlags.PRIVATE | MapFlags.ANONYMOUS;

describe('faults on private anonymous memory', () => {
  it('maps the zero page read-only on a read fault', () => {
    const r = rig();
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: 2 * PAGE_SIZE, prot: RW, flags: ANON_PRIVATE });
    expect(a).toBeGreaterThan(0);
    expect(r.vm.handleFault(1, a, Access.READ)).toBe(0);
    const m = r.mapper.get(1, a / PAGE_SIZE);
    expect(m).toEqual({ frame: r.vm.zeroFrame, prot: Prot.READ });
    expect(kread(r, 1, a, 16)).toEqual(new Uint8Array(16));
  });

  it('copies on write into a new shadow and remaps read-write (two faults for a first write)', () => {
    const r = rig();
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: PAGE_SIZE, prot: RW, flags: ANON_PRIVATE });
    expect(r.vm.chainDepth(1, a)).toBe(1);
    expect(kwrite(r, 1, a + 10, Uint8Array.of(7, 8))).toBe(0);
    expect(r.vm.chainDepth(1, a)).toBe(2);
    const m = r.mapper.get(1, a / PAGE_SIZE)!;
    expect(m.prot).toBe(RW);
    expect(m.frame).not.toBe(r.vm.zeroFrame);
    expect(kread(r, 1, a + 9, 4)).toEqual(Uint8Array.of(0, 7, 8, 0));
    expect(r.vm.checkIntegrity()).toEqual({ ok: true, problems: [] });
  });

  it('reports no mapping, and protection, as negative errno', () => {
    const r = rig();
    r.vm.createSpace(1);
    expect(r.vm.handleFault(1, 0x5000, Access.READ)).toBe(-Errno.EFAULT);
    const a = r.vm.mmap(1, { length: PAGE_SIZE, prot: Prot.READ, flags: ANON_PRIVATE });
    expect(r.vm.handleFault(1, a, Access.WRITE)).toBe(-Errno.EACCES);
    expect(r.vm.handleFault(1, a, Access.EXEC)).toBe(-Errno.EACCES);
    expect(r.vm.handleFault(1, a, Access.READ)).toBe(0);
  });

  it('returns -ENOMEM when frames run out, leaving a consistent state', () => {
    const r = rig(3);
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: 4 * PAGE_SIZE, prot: RW, flags: ANON_PRIVATE });
    expect(r.vm.writeUser(1, a, new Uint8Array(2 * PAGE_SIZE).fill(1))).toBe(0);
    expect(r.vm.writeUser(1, a + 2 * PAGE_SIZE, Uint8Array.of(1))).toBe(-Errno.ENOMEM);
    expect(r.vm.checkIntegrity().ok).toBe(true);
    r.vm.exit(1);
    expect(r.frames.freeCount).toBe(r.baseline);
  });

  it('keeps every recorded mapping equal to the frame visible through the chain', () => {
    const r = rig();
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: 4 * PAGE_SIZE, prot: RW, flags: ANON_PRIVATE });
    kwrite(r, 1, a, Uint8Array.of(1));
    kread(r, 1, a + PAGE_SIZE, 1);
    r.vm.fork(1, 2);
    expect(r.mapper.get(1, a / PAGE_SIZE)!.prot).toBe(Prot.READ); // frozen: parent remapped read-only
    kwrite(r, 2, a, Uint8Array.of(2));
    kwrite(r, 1, a, Uint8Array.of(3));
    expect(kread(r, 1, a, 1)).toEqual(Uint8Array.of(3));
    expect(kread(r, 2, a, 1)).toEqual(Uint8Array.of(2));
    expect(mappingProblems(r)).toEqual([]);
    expect(r.vm.checkIntegrity().problems).toEqual([]);
  });
});

describe('construction', () => {
  it('needs one frame for the shared zero page', () => {
    expect(() => rig(0)).toThrow(VmError);
    expect(() => rig(1)).not.toThrow();
  });
});

describe('write-only mappings', () => {
  it('are readable, as ARMv5 page tables and Linux have it', () => {
    const r = rig();
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: PAGE_SIZE, prot: Prot.WRITE, flags: ANON_PRIVATE });
    expect(r.vm.handleFault(1, a, Access.READ)).toBe(0); // the kernel's guess for an unmapped page
    expect(kwrite(r, 1, a, Uint8Array.of(4))).toBe(0);
    expect(kread(r, 1, a, 1)).toEqual(Uint8Array.of(4));
    expect(r.vm.mappings(1)[0]?.prot).toBe(Prot.WRITE);
  });
});
