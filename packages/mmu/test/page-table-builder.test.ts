import { describe, expect, it } from 'vitest';
import { PageTableBuilder, PageTableError, checkAccess, newWalkResult, walk } from '../src/index.js';
import { checkBuilderAgainstModel } from './builder-model.js';
import { FakeMemory, FakeTables } from './fakes.js';

const MiB = 0x100000;

function setup() {
  const mem = new FakeMemory(8 * MiB);
  const tables = new FakeTables(0x100000, 0x400000);
  const builder = new PageTableBuilder(mem, tables, { kernelBase: 0xbf000000 });
  return { mem, tables, builder };
}

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof PageTableError) return e.code;
    throw e;
  }
  return undefined;
}

describe('PageTableBuilder', () => {
  it('maps small pages that the hardware walk then translates', () => {
    const { mem, builder } = setup();
    const s = builder.createSpace();
    builder.map(s, 0x8000, 0x200000, 3, { user: 'rw' });
    const out = newWalkResult();
    walk(mem, s.ttbr, 0x9abc, out);
    expect(out.status).toBe(0);
    expect(out.pa).toBe(0x201abc);
    expect(checkAccess(out, 1, { system: false, rom: false }, true, false)).toBe(0);
    expect(builder.lookup(s, 0xa000)).toMatchObject({ va: 0xa000, pa: 0x202000, user: 'rw', size: 4096 });
    expect(builder.lookup(s, 0xb000)).toBeUndefined();
  });

  it('reports pages that were not mapped on unmap, and unmaps the rest (the −ENOMAP case)', () => {
    const { builder } = setup();
    const s = builder.createSpace();
    builder.map(s, 0x10000, 0x300000, 2, { user: 'ro' });
    expect(builder.unmap(s, 0xf000, 4)).toEqual([0xf000, 0x12000]);
    expect(builder.lookup(s, 0x10000)).toBeUndefined();
    expect(builder.unmap(s, 0x10000, 1)).toEqual([0x10000]);
  });

  it('frees a second-level table as soon as it is empty', () => {
    const { builder, tables } = setup();
    const s = builder.createSpace();
    builder.map(s, 0x100000, 0x300000, 2, { user: 'rw' });
    builder.map(s, 0x200000, 0x300000, 1, { user: 'rw' });
    expect(builder.tableCount(s)).toBe(2);
    expect(tables.liveL2.size).toBe(2);
    builder.unmap(s, 0x100000, 2);
    expect(builder.tableCount(s)).toBe(1);
    expect(tables.liveL2.size).toBe(1);
  });

  it('shares the kernel part with every space, including later kernel mappings', () => {
    const { builder, mem } = setup();
    const before = builder.createSpace();
    builder.mapSections(builder.kernel, 0xf0000000, 0, 2, { user: 'none' });
    builder.map(builder.kernel, 0xffff0000, 0x500000, 1, { user: 'ro' });
    const after = builder.createSpace();
    for (const s of [before, after]) {
      expect(builder.lookup(s, 0xf0100004)).toMatchObject({ pa: 0x100000, size: MiB, user: 'none' });
      expect(builder.lookup(s, 0xffff0000)).toMatchObject({ pa: 0x500000, user: 'ro' });
    }
    // a later kernel page in an existing table is seen at once: the table is shared
    builder.map(builder.kernel, 0xffff1000, 0x501000, 1, { user: 'none' });
    expect(builder.lookup(before, 0xffff1000)?.pa).toBe(0x501000);
    expect(mem.read32(before.ttbr + 0xfff * 4)).toBe(mem.read32(after.ttbr + 0xfff * 4));
  });

  it('copies user tables on fork and shares kernel ones (a seed bug: kernel entries were copied)', () => {
    const { builder, tables, mem } = setup();
    builder.map(builder.kernel, 0xffff0000, 0x500000, 1, { user: 'ro' });
    const parent = builder.createSpace();
    builder.map(parent, 0x8000, 0x200000, 4, { user: 'rw' });
    builder.mapSections(parent, 0x40000000, 0x600000 & ~(MiB - 1), 1, { user: 'rw' });
    const l2Before = tables.liveL2.size;
    const child = builder.fork(parent);
    expect(tables.liveL2.size).toBe(l2Before + 1); // one user table copied, the kernel one shared
    expect([...builder.mappings(child)]).toEqual([...builder.mappings(parent)]);
    expect(mem.read32(child.ttbr + 0xfff * 4)).toBe(mem.read32(parent.ttbr + 0xfff * 4));
    builder.protect(child, 0x8000, 4, { user: 'ro' });
    expect(builder.lookup(parent, 0x8000)?.user).toBe('rw');
    expect(builder.lookup(child, 0x8000)?.user).toBe('ro');
  });

  it('rejects bad requests with typed errors before changing anything', () => {
    const { builder, tables } = setup();
    const s = builder.createSpace();
    expect(code(() => { builder.map(s, 0x8001, 0, 1, { user: 'rw' }); })).toBe('unaligned');
    expect(code(() => { builder.map(s, 0x8000, 0x123, 1, { user: 'rw' }); })).toBe('unaligned');
    expect(code(() => { builder.map(s, 0x8000, 0, 0, { user: 'rw' }); })).toBe('bad-count');
    expect(code(() => { builder.map(s, 0x8000, 0, 1.5, { user: 'rw' }); })).toBe('bad-count');
    expect(code(() => { builder.map(s, 0x8000, 0xfffff000, 2, { user: 'rw' }); })).toBe('wraps');
    expect(code(() => { builder.map(s, 0xbefff000, 0, 2, { user: 'rw' }); })).toBe('kernel-range');
    expect(code(() => { builder.map(s, 0xffff0000, 0, 1, { user: 'rw' }); })).toBe('kernel-range');
    expect(code(() => { builder.map(builder.kernel, 0x8000, 0, 1, { user: 'none' }); })).toBe('user-range');
    expect(code(() => { builder.map(s, 0x8000, 0, 1, { user: 'rw', domain: 16 }); })).toBe('bad-domain');
    builder.mapSections(s, 0x100000, 0x100000, 1, { user: 'rw' });
    expect(code(() => { builder.map(s, 0x100000, 0, 1, { user: 'rw' }); })).toBe('section-conflict');
    expect(code(() => builder.unmap(s, 0x100000, 1))).toBe('section-conflict');
    builder.map(s, 0x200000, 0, 1, { user: 'rw', domain: 2 });
    expect(code(() => { builder.map(s, 0x201000, 0, 1, { user: 'rw', domain: 3 }); })).toBe('bad-domain');
    expect(code(() => { builder.mapSections(s, 0x200000, 0, 1, { user: 'rw' }); })).toBe('section-conflict');
    tables.l2Limit = tables.liveL2.size;
    expect(code(() => { builder.map(s, 0x300000, 0, 300, { user: 'rw' }); })).toBe('out-of-memory');
    expect(builder.lookup(s, 0x300000)).toBeUndefined();
    builder.destroy(s);
    expect(code(() => builder.lookup(s, 0))).toBe('unknown-space');
  });

  it('frees every table it allocated when spaces are destroyed', () => {
    const { builder, tables } = setup();
    const kernelL1 = builder.kernel.ttbr;
    const a = builder.createSpace();
    builder.map(a, 0, 0, 600, { user: 'rw' });
    const b = builder.fork(a);
    builder.destroy(a);
    builder.destroy(b);
    expect([...tables.liveL1]).toEqual([kernelL1]);
    expect(tables.liveL2.size).toBe(0);
  });

  it('agrees with a model, and the walk agrees with both, over random map/unmap/protect/fork', () => {
    checkBuilderAgainstModel(40);
  }, 60_000);
});

describe('PageTableBuilder: tables it receives are zeroed', () => {
  /** Memory full of stale descriptors, with a bulk fill that is counted. */
  class DirtyMemory extends FakeMemory {
    fills: [number, number, number][] = [];
    constructor(bytes: number, withFill: boolean) {
      super(bytes);
      this.words.fill(0xdeadbee2); // a section descriptor in every L1 slot, a small-page one in every L2 slot
      if (!withFill) (this as { fill32?: unknown }).fill32 = undefined;
    }
    fill32(pa: number, count: number, value: number): void {
      this.fills.push([pa, count, value]);
      this.words.fill(value, pa >>> 2, (pa >>> 2) + count);
    }
  }

  for (const withFill of [true, false]) {
    it(`${withFill ? 'with' : 'without'} the memory's fill32, nothing stale is mapped`, () => {
      const mem = new DirtyMemory(8 * MiB, withFill);
      const tables = new FakeTables(0x100000, 0x400000);
      const builder = new PageTableBuilder(mem, tables, { kernelBase: 0xbf000000 });
      const s = builder.createSpace();
      builder.map(s, 0x8000, 0x200000, 1, { user: 'rw' });
      // only the one page is mapped: the rest of its L2 table and of the L1 table read as faults
      expect(builder.lookup(s, 0x8000)?.pa).toBe(0x200000);
      for (const va of [0x0, 0x7000, 0x9000, 0xff000, 0x100000, 0x40000000, 0xbe000000]) expect(builder.lookup(s, va)).toBeUndefined();
      expect([...builder.mappings(s)]).toHaveLength(1);
      if (withFill) {
        // the builder's own kernel space first, then the new space's L1 table and its L2 table
        expect(mem.fills).toEqual([
          [mem.fills[0]![0], 4096, 0],
          [s.ttbr, 4096, 0],
          [[...tables.liveL2][0], 256, 0],
        ]);
      } else expect(mem.fills).toEqual([]);
    });
  }
});
