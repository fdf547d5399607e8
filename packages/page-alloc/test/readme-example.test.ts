import { expect, it } from 'vitest';
import { IdPool, PageAllocError, PageAllocator } from '../src/index.js';

// Mirrors the "Example" section of README.md line for line; keep the two in step.
it('runs the README example', () => {
  const log: unknown[] = [];
  const print = (...args: unknown[]): void => {
    log.push(args.length === 1 ? args[0] : args);
  };

  // 64 MiB of RAM in 4 KiB frames; the kernel image occupies the first 256 frames.
  const frames = new PageAllocator(16384, {
    reserved: [{ first: 0, count: 256, label: 'kernel image' }],
  });

  const pgd = frames.allocateAligned(4, 4); // 16 KiB first-level table, 16 KiB aligned
  const buf = frames.allocate(3); // 3 frames: the rest of the 4-frame block stays free
  print(frames.freeCount); // 16121

  try {
    frames.free(0); // part of the kernel image
  } catch (e) {
    if (e instanceof PageAllocError) print(e.code); // 'reserved'
  }

  frames.free(buf);
  frames.free(pgd);
  print(frames.equalsInitial()); // true
  print(frames.stats().largestFreeRun); // 16128

  const tids = new IdPool(1024);
  print(tids.allocate(), tids.allocate()); // 0 1
  tids.claim(5);
  tids.free(0);
  print(tids.allocate(), tids.allocateRange(4, 4)); // 0 8

  expect(pgd % 4).toBe(0);
  expect(log).toEqual([16121, 'reserved', true, 16128, [0, 1], [0, 8]]);
});
