import { expect, it } from 'vitest';
import { Access, MapFlags, PAGE_SIZE, Prot, VmSystem, checkIntegrity } from '../src/index.js';
import type { FrameAllocator, PageMapper, PhysicalMemory } from '../src/index.js';

it('runs the README example', () => {
  // --- README example start ---
  // Toy stand-ins for what the kernel provides: 64 frames, their bytes, and page tables.
  const ram = new Uint8Array(64 * PAGE_SIZE);
  const freeFrames = Array.from({ length: 64 }, (_, i) => 63 - i);
  const frames: FrameAllocator = {
    allocate: () => freeFrames.pop() ?? -1,
    free: (f) => {
      freeFrames.push(f);
    },
    get freeCount() {
      return freeFrames.length;
    },
  };
  const memory: PhysicalMemory = {
    copyFrame: (dst, src) => {
      ram.copyWithin(dst * PAGE_SIZE, src * PAGE_SIZE, (src + 1) * PAGE_SIZE);
    },
    zeroFrame: (f) => {
      ram.fill(0, f * PAGE_SIZE, (f + 1) * PAGE_SIZE);
    },
    read: (f, off, into) => {
      into.set(ram.subarray(f * PAGE_SIZE + off, f * PAGE_SIZE + off + into.length));
    },
    write: (f, off, from) => {
      ram.set(from, f * PAGE_SIZE + off);
    },
  };
  const tables = new Map<string, { frame: number; prot: number }>();
  const mapper: PageMapper = {
    map: (space, page, frame, prot) => {
      tables.set(`${space}:${page}`, { frame, prot });
    },
    unmap: (space, first, count) => {
      for (let p = first; p < first + count; p++) tables.delete(`${space}:${p}`);
    },
    protect: (space, first, count, prot) => {
      for (let p = first; p < first + count; p++) {
        const m = tables.get(`${space}:${p}`);
        if (m) m.prot &= prot;
      }
    },
  };

  const vm = new VmSystem({ frames, mapper, memory });
  vm.createSpace(1);
  const addr = vm.mmap(1, { length: 2 * PAGE_SIZE, prot: Prot.READ | Prot.WRITE, flags: MapFlags.PRIVATE | MapFlags.ANONYMOUS });
  vm.writeUser(1, addr, new TextEncoder().encode('parent'));

  vm.fork(1, 2); // the parent's page is now read-only in its page table
  console.log(tables.get(`1:${addr / PAGE_SIZE}`)); // { frame: …, prot: 1 }
  console.log(vm.handleFault(2, addr, Access.WRITE)); // 0: the child got its own copy
  vm.writeUser(2, addr, new TextEncoder().encode('child!'));

  const buf = new Uint8Array(6);
  vm.readUser(1, addr, buf);
  console.log(new TextDecoder().decode(buf)); // parent
  console.log(checkIntegrity(vm).ok, vm.stats().shadows); // true 2

  vm.exit(2);
  vm.exit(1);
  console.log(frames.freeCount); // 63: everything back but the shared zero page
  // --- README example end ---
  expect(new TextDecoder().decode(buf)).toBe('parent');
  expect(frames.freeCount).toBe(63);
  expect(tables.size).toBe(0);
});
