import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Errno, MapFlags, PAGE_SIZE, Prot } from '../src/index.js';
import { kread, kwrite, mappingProblems, rig } from './fakes.js';

const RW = Prot.READ | Prot.WRITE;
const ANON_PRIVATE = MapFlags.PRIVATE | MapFlags.ANONYMOUS;
const MAYMOVE = 1;
const FIXED = 2;

function filled(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + seed) & 0xff;
  return b;
}

function healthy(r: ReturnType<typeof rig>): void {
  expect(r.vm.checkIntegrity()).toEqual({ ok: true, problems: [] });
  expect(mappingProblems(r)).toEqual([]);
}

describe('VmSystem.mremap', () => {
  it('shrinks in place, unmapping the tail', () => {
    const r = rig();
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: 4 * PAGE_SIZE, prot: RW, flags: ANON_PRIVATE });
    expect(kwrite(r, 1, a, filled(4 * PAGE_SIZE, 1))).toBe(0);
    expect(r.vm.mremap(1, a, 4 * PAGE_SIZE, PAGE_SIZE + 1, 0)).toBe(a);
    expect(r.vm.mappings(1)).toEqual([{ start: a, end: a + 2 * PAGE_SIZE, prot: RW, flags: ANON_PRIVATE }]);
    expect(kread(r, 1, a, 2 * PAGE_SIZE)).toEqual(filled(4 * PAGE_SIZE, 1).subarray(0, 2 * PAGE_SIZE));
    expect(kread(r, 1, a + 2 * PAGE_SIZE, 1)).toBe(-Errno.EFAULT);
    healthy(r);
  });

  it('grows in place when the next pages are free: old data kept, new pages zero, one vma', () => {
    const r = rig();
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: 2 * PAGE_SIZE, prot: RW, flags: ANON_PRIVATE });
    expect(kwrite(r, 1, a, filled(2 * PAGE_SIZE, 2))).toBe(0);
    expect(r.vm.mremap(1, a, 2 * PAGE_SIZE, 5 * PAGE_SIZE, 0)).toBe(a);
    expect(r.vm.mappings(1)).toHaveLength(1);
    expect(kread(r, 1, a, 2 * PAGE_SIZE)).toEqual(filled(2 * PAGE_SIZE, 2));
    expect(kread(r, 1, a + 2 * PAGE_SIZE, 3 * PAGE_SIZE)).toEqual(new Uint8Array(3 * PAGE_SIZE));
    healthy(r);
  });

  it('without MAYMOVE a blocked growth is -ENOMEM; with it the mapping moves with its pages', () => {
    const r = rig();
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: 2 * PAGE_SIZE, prot: RW, flags: ANON_PRIVATE });
    const b = r.vm.mmap(1, { length: PAGE_SIZE, prot: RW, flags: ANON_PRIVATE });
    expect(b).toBe(a + 2 * PAGE_SIZE);
    expect(kwrite(r, 1, a, filled(2 * PAGE_SIZE, 3))).toBe(0);
    const frames = r.frames.freeCount;
    expect(r.vm.mremap(1, a, 2 * PAGE_SIZE, 3 * PAGE_SIZE, 0)).toBe(-Errno.ENOMEM);
    const n = r.vm.mremap(1, a, 2 * PAGE_SIZE, 3 * PAGE_SIZE, MAYMOVE);
    expect(n).toBeGreaterThan(b);
    // Moved, not copied: no frame was used.
    expect(r.frames.freeCount).toBe(frames);
    expect(kread(r, 1, n, 2 * PAGE_SIZE)).toEqual(filled(2 * PAGE_SIZE, 3));
    expect(kread(r, 1, n + 2 * PAGE_SIZE, 16)).toEqual(new Uint8Array(16));
    expect(kread(r, 1, a, 1)).toBe(-Errno.EFAULT);
    healthy(r);
  });

  it('MREMAP_FIXED moves to the given address, replacing what is there', () => {
    const r = rig();
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: 2 * PAGE_SIZE, prot: RW, flags: ANON_PRIVATE });
    const target = 0x50000000;
    expect(r.vm.mmap(1, { addr: target, length: 4 * PAGE_SIZE, prot: RW, flags: ANON_PRIVATE | MapFlags.FIXED })).toBe(target);
    expect(kwrite(r, 1, target, filled(PAGE_SIZE, 9))).toBe(0);
    expect(kwrite(r, 1, a, filled(2 * PAGE_SIZE, 4))).toBe(0);
    expect(r.vm.mremap(1, a, 2 * PAGE_SIZE, 3 * PAGE_SIZE, MAYMOVE | FIXED, target)).toBe(target);
    expect(kread(r, 1, target, 2 * PAGE_SIZE)).toEqual(filled(2 * PAGE_SIZE, 4));
    expect(kread(r, 1, target + 2 * PAGE_SIZE, 8)).toEqual(new Uint8Array(8));
    expect(r.vm.mappings(1).map((m) => [m.start, m.end])).toEqual([
      [target, target + 3 * PAGE_SIZE],
      [target + 3 * PAGE_SIZE, target + 4 * PAGE_SIZE],
    ]);
    healthy(r);
  });

  it('checks its arguments as Linux does', () => {
    const r = rig();
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: 2 * PAGE_SIZE, prot: RW, flags: ANON_PRIVATE });
    expect(r.vm.mremap(1, a + 1, PAGE_SIZE, 2 * PAGE_SIZE, MAYMOVE)).toBe(-Errno.EINVAL);
    expect(r.vm.mremap(1, a, PAGE_SIZE, 2 * PAGE_SIZE, 8)).toBe(-Errno.EINVAL);
    expect(r.vm.mremap(1, a, PAGE_SIZE, 2 * PAGE_SIZE, FIXED, 0x50000000)).toBe(-Errno.EINVAL);
    expect(r.vm.mremap(1, a, PAGE_SIZE, 0, MAYMOVE)).toBe(-Errno.EINVAL);
    expect(r.vm.mremap(1, a, 2 * PAGE_SIZE, 2 * PAGE_SIZE, MAYMOVE | FIXED, a + PAGE_SIZE)).toBe(-Errno.EINVAL);
    expect(r.vm.mremap(1, 0x70000000, PAGE_SIZE, 2 * PAGE_SIZE, MAYMOVE)).toBe(-Errno.EFAULT);
    expect(r.vm.mremap(1, a, 3 * PAGE_SIZE, 4 * PAGE_SIZE, MAYMOVE)).toBe(-Errno.EFAULT);
    healthy(r);
  });

  it('a moved half of a split vma grows over fresh pages, never the other half\'s', () => {
    const r = rig();
    r.vm.createSpace(1);
    const a = r.vm.mmap(1, { length: 4 * PAGE_SIZE, prot: RW, flags: ANON_PRIVATE });
    expect(kwrite(r, 1, a, filled(PAGE_SIZE, 5))).toBe(0);
    // Move the first two pages away (the vma splits; both halves share the objects), then grow them.
    const n = r.vm.mremap(1, a, 2 * PAGE_SIZE, 2 * PAGE_SIZE, MAYMOVE | FIXED, 0x60000000);
    expect(n).toBe(0x60000000);
    expect(r.vm.mremap(1, n, 2 * PAGE_SIZE, 4 * PAGE_SIZE, 0)).toBe(n);
    expect(kwrite(r, 1, n + 2 * PAGE_SIZE, filled(PAGE_SIZE, 6))).toBe(0);
    expect(kwrite(r, 1, a + 2 * PAGE_SIZE, filled(PAGE_SIZE, 7))).toBe(0);
    expect(kread(r, 1, n + 2 * PAGE_SIZE, PAGE_SIZE)).toEqual(filled(PAGE_SIZE, 6));
    expect(kread(r, 1, a + 2 * PAGE_SIZE, PAGE_SIZE)).toEqual(filled(PAGE_SIZE, 7));
    expect(kread(r, 1, n, PAGE_SIZE)).toEqual(filled(PAGE_SIZE, 5));
    // The grown mapping is two vmas of one kind: it can be remapped as a whole.
    const m = r.vm.mremap(1, n, 4 * PAGE_SIZE, 6 * PAGE_SIZE, MAYMOVE);
    expect(m).toBeGreaterThan(0);
    expect(kread(r, 1, m, PAGE_SIZE)).toEqual(filled(PAGE_SIZE, 5));
    expect(kread(r, 1, m + 2 * PAGE_SIZE, PAGE_SIZE)).toEqual(filled(PAGE_SIZE, 6));
    healthy(r);
  });

  it('after fork, the child keeps its view when the parent remaps (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.boolean()), { minLength: 1, maxLength: 8 }), (steps) => {
        const r = rig();
        r.vm.createSpace(1);
        let addr = r.vm.mmap(1, { length: 2 * PAGE_SIZE, prot: RW, flags: ANON_PRIVATE });
        let pages = 2;
        expect(kwrite(r, 1, addr, filled(2 * PAGE_SIZE, 11))).toBe(0);
        r.vm.fork(1, 2);
        const childAddr = addr;
        const model = filled(pages * PAGE_SIZE, 11);
        let data = model.slice();
        for (const [np, blocker] of steps) {
          if (blocker) r.vm.mmap(1, { addr: addr + pages * PAGE_SIZE, length: PAGE_SIZE, prot: RW, flags: ANON_PRIVATE });
          const n = r.vm.mremap(1, addr, pages * PAGE_SIZE, np * PAGE_SIZE, MAYMOVE);
          expect(n).toBeGreaterThan(0);
          const next = new Uint8Array(np * PAGE_SIZE);
          next.set(data.subarray(0, Math.min(data.length, next.length)));
          addr = n;
          pages = np;
          data = next;
          expect(kread(r, 1, addr, pages * PAGE_SIZE)).toEqual(data);
          const stamp = filled(PAGE_SIZE, np);
          expect(kwrite(r, 1, addr + (pages - 1) * PAGE_SIZE, stamp)).toBe(0);
          data.set(stamp, (pages - 1) * PAGE_SIZE);
        }
        expect(kread(r, 2, childAddr, 2 * PAGE_SIZE)).toEqual(model);
        healthy(r);
        r.vm.exit(1);
        r.vm.exit(2);
        expect(r.vm.checkIntegrity().ok).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
