import { expect, it } from 'vitest';
import { PageTableBuilder, checkAccess, newWalkResult, walk } from '../src/index.js';

// Mirrors the example in README.md.
it('runs the README example', () => {
  const words = new Uint32Array(0x800000 / 4);
  const mem = { read32: (pa: number) => words[pa >>> 2] ?? 0, write32: (pa: number, v: number) => { words[pa >>> 2] = v; } };
  let nextL1 = 0x100000;
  let nextL2 = 0x200000;
  const tables = {
    allocL1: () => (nextL1 += 0x4000) - 0x4000,
    freeL1: () => undefined,
    allocL2: () => (nextL2 += 0x400) - 0x400,
    freeL2: () => undefined,
  };
  const builder = new PageTableBuilder(mem, tables);
  builder.mapSections(builder.kernel, 0xf0000000, 0, 1, { user: 'none' });
  const space = builder.createSpace();
  builder.map(space, 0x8000, 0x300000, 2, { user: 'rw' });
  const found = newWalkResult();
  walk(mem, space.ttbr, 0x9004, found);
  expect(found.pa.toString(16)).toBe('301004');
  expect(checkAccess(found, 0b01, { system: false, rom: false }, true, false)).toBe(0);
  expect(builder.unmap(space, 0x8000, 3)).toEqual([40960]);
});
