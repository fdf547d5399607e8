import { describe, expect, it } from 'vitest';
import { MapFlags, PAGE_SIZE, Prot } from '../src/index.js';
import type { VmSystem } from '../src/index.js';
import { kread, kwrite, rig } from './fakes.js';

/*
 * The bound this package guarantees (README, "Bounded chains"): after every operation no
 * shadow is left that a merge could remove, so
 *   - live shadow objects < 2 × (vmas whose top object is a shadow), and
 *   - the shadows in one vma's chain are at most the number of vmas linking the lowest one.
 * With one vma per process and at most `n` processes sharing memory, a chain therefore
 * holds at most n shadows (+ the file or /dev/zero below them).
 */
function assertBounds(vm: VmSystem, liveSharers: number): void {
  const s = vm.stats();
  expect(s.shadows).toBeLessThan(2 * s.vmas + 1);
  expect(s.maxChainDepth).toBeLessThanOrEqual(liveSharers + 1);
}

const PAGES = 8;
const ANON = MapFlags.PRIVATE | MapFlags.ANONYMOUS;

describe('pathological fork patterns keep chains short and object counts bounded', () => {
  it('fork cascade: each child forks and its parent exits, 1 000 generations', () => {
    const r = rig();
    const { vm } = r;
    vm.createSpace(1);
    const a = vm.mmap(1, { length: PAGES * PAGE_SIZE, prot: Prot.READ | Prot.WRITE, flags: ANON });
    const expected = new Uint8Array(PAGES);
    let current = 1;
    for (let gen = 1; gen <= 1000; gen++) {
      const page = gen % PAGES;
      expected[page] = gen & 0xff;
      kwrite(r, current, a + page * PAGE_SIZE, Uint8Array.of(gen & 0xff));
      const child = current + 1;
      vm.fork(current, child);
      assertBounds(vm, 2);
      kwrite(r, current, a + ((page + 3) % PAGES) * PAGE_SIZE, Uint8Array.of(0xee)); // the parent's last write is its own
      vm.exit(current);
      current = child;
      assertBounds(vm, 1);
      expect(vm.stats().residentFrames).toBeLessThanOrEqual(1 + 2 * PAGES);
    }
    for (let p = 0; p < PAGES; p++) expect(kread(r, current, a + p * PAGE_SIZE, 1)).toEqual(Uint8Array.of(expected[p]!));
    expect(vm.checkIntegrity().problems).toEqual([]);
    expect(vm.stats()).toMatchObject({ shadows: 1, maxChainDepth: 2, spaces: 1 });
    vm.exit(current);
    expect(r.frames.freeCount).toBe(r.baseline);
  });

  it('repeated fork/exit under a long-lived parent, 1 000 children', () => {
    const r = rig();
    const { vm } = r;
    vm.createSpace(1);
    const a = vm.mmap(1, { length: PAGES * PAGE_SIZE, prot: Prot.READ | Prot.WRITE, flags: ANON });
    let next = 2;
    for (let i = 0; i < 1000; i++) {
      const child = next++;
      vm.fork(1, child);
      kwrite(r, child, a + (i % PAGES) * PAGE_SIZE, Uint8Array.of(1));
      kwrite(r, 1, a + ((i * 3) % PAGES) * PAGE_SIZE, Uint8Array.of(i & 0xff));
      if (i % 10 === 0) {
        // now and then a grandchild that outlives its parent for a while
        const grandchild = next++;
        vm.fork(child, grandchild);
        assertBounds(vm, 3);
        vm.exit(child);
        kwrite(r, grandchild, a, Uint8Array.of(2));
        vm.exit(grandchild);
      } else {
        assertBounds(vm, 2);
        vm.exit(child);
      }
      assertBounds(vm, 1);
      expect(vm.stats().objects).toBeLessThanOrEqual(3); // /dev/zero + at most two shadows
    }
    expect(vm.checkIntegrity().problems).toEqual([]);
    expect(vm.stats().residentFrames).toBeLessThanOrEqual(1 + PAGES);
    vm.exit(1);
    expect(r.frames.freeCount).toBe(r.baseline);
  });

  it('a wide family: many live children of one parent stay within the bound', () => {
    const r = rig();
    const { vm } = r;
    vm.createSpace(1);
    const a = vm.mmap(1, { length: PAGES * PAGE_SIZE, prot: Prot.READ | Prot.WRITE, flags: ANON });
    const children: number[] = [];
    for (let i = 0; i < 50; i++) {
      kwrite(r, 1, a + (i % PAGES) * PAGE_SIZE, Uint8Array.of(i));
      vm.fork(1, 100 + i);
      children.push(100 + i);
      kwrite(r, 100 + i, a + ((i + 1) % PAGES) * PAGE_SIZE, Uint8Array.of(0x80 | i));
      assertBounds(vm, children.length + 1);
    }
    for (let i = 0; i < children.length; i += 2) vm.exit(children[i]!);
    expect(vm.checkIntegrity().problems).toEqual([]);
    for (let i = 1; i < children.length; i += 2) vm.exit(children[i]!);
    assertBounds(vm, 1);
    expect(vm.stats().shadows).toBe(1);
    vm.exit(1);
    expect(r.frames.freeCount).toBe(r.baseline);
  });
});
