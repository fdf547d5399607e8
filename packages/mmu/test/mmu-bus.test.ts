import { AccessKind } from '@codezero-ts/arm-core';
import { describe, expect, it } from 'vitest';
import type { PhysicalBus } from '../src/index.js';
import { Control, Cp15, MmuBus, PageTableBuilder } from '../src/index.js';
import { FakeTables } from './fakes.js';

/** 8 MiB of RAM at physical 0 and one device word at 0x10000000. */
function board() {
  const ram = new Uint8Array(0x800000);
  const words = new Int32Array(ram.buffer);
  const log: string[] = [];
  const phys: PhysicalBus = {
    ram,
    ramBase: 0,
    read8: (pa) => (pa < ram.length ? ram[pa]! : 0),
    read16: (pa) => (pa < ram.length ? ram[pa]! | (ram[pa + 1]! << 8) : 0),
    read32: (pa) => (pa < ram.length ? words[pa >>> 2]! : pa === 0x10000000 ? 0x41007004 : 0),
    write8: (pa, v) => { if (pa < ram.length) ram[pa] = v; },
    write16: (pa, v) => { if (pa < ram.length) { ram[pa] = v; ram[pa + 1] = v >>> 8; } },
    write32: (pa, v) => { if (pa < ram.length) words[pa >>> 2] = v; else log.push(`${pa.toString(16)}=${v}`); },
  };
  const cp15 = new Cp15();
  const bus = new MmuBus(phys, cp15);
  const mem = { read32: (pa: number) => words[pa >>> 2]!, write32: (pa: number, v: number) => { words[pa >>> 2] = v; } };
  const builder = new PageTableBuilder(mem, new FakeTables(0x100000, 0x200000), { kernelBase: 0xf0000000 });
  const invalidated: number[] = [];
  bus.attach({ flushTlb: () => undefined, flushTlbPage: () => undefined, invalidateCode: (o) => invalidated.push(o), setHighVectors: () => undefined, setAlignmentCheck: () => undefined });
  return { ram, words, phys, cp15, bus, builder, log, invalidated };
}

describe('MmuBus', () => {
  it('passes physical addresses through with the MMU off, FCSE applied', () => {
    const { bus, cp15 } = board();
    expect(bus.translate(0x3004, AccessKind.Read, false)).toBe(0x3000);
    expect(bus.translate(0x10000000, AccessKind.Read, true)).toBe(-1); // device: slow path
    expect(bus.read32(0x10000000, AccessKind.Read, true)).toBe(0x41007004);
    cp15.fcsePid = 1;
    expect(bus.translate(0x3004, AccessKind.Read, false)).toBe(-1); // 32 MiB + 0x3000 is beyond RAM
    expect(bus.translate(0x7f3004, AccessKind.Read, false)).toBe(-1);
  });

  it('translates through the tables with the MMU on and checks permissions', () => {
    const { bus, cp15, builder, words } = board();
    const space = builder.createSpace();
    builder.map(space, 0x8000, 0x300000, 1, { user: 'ro' });
    builder.mapSections(builder.kernel, 0xf0000000, 0, 8, { user: 'none' });
    cp15.ttbr = space.ttbr;
    cp15.dacr = 1; // domain 0 client
    cp15.control |= Control.M;
    words[0x300010 >>> 2] = 0x1234;
    expect(bus.translate(0x8010, AccessKind.Read, false)).toBe(0x300000);
    expect(bus.translate(0x8010, AccessKind.Write, false)).toBe(-1);
    expect(bus.translate(0x8010, AccessKind.Write, true)).toBe(0x300000);
    expect(bus.read32(0x8010, AccessKind.Read, false)).toBe(0x1234);
    expect(bus.fault).toBe(0);
    bus.write32(0x8010, 5, false);
    expect(bus.fault).toBe(0x0f); // permission fault, page, domain 0
    expect([cp15.dfsr, cp15.far >>> 0]).toEqual([0x0f, 0x8010]);
    expect(words[0x300010 >>> 2]).toBe(0x1234);
    bus.fault = 0;
    expect(bus.read32(0xf0000010, AccessKind.Read, false)).toBe(0);
    expect(bus.fault).toBe(0x0d); // permission fault, section
    bus.fault = 0;
    bus.read8(0x9000, AccessKind.Fetch, false);
    expect(bus.fault).toBe(0x07); // translation fault, page
    expect(cp15.ifsr).toBe(0x07);
    expect(cp15.far >>> 0).toBe(0xf0000010); // fetches leave FAR alone
  });

  it('reports domain faults with the domain, and manager domains skip permission checks', () => {
    const { bus, cp15, builder } = board();
    const space = builder.createSpace();
    builder.map(space, 0x8000, 0x300000, 1, { user: 'none', domain: 3 });
    cp15.ttbr = space.ttbr;
    cp15.control |= Control.M;
    cp15.dacr = 0;
    bus.read32(0x8000, AccessKind.Read, true);
    expect(bus.fault).toBe(0x3b);
    bus.fault = 0;
    cp15.dacr = 3 << 6; // domain 3 manager
    expect(bus.translate(0x8000, AccessKind.Write, false)).toBe(0x300000);
  });

  it('sends pages with mixed subpage permissions down the slow path', () => {
    const { bus, cp15, builder, words } = board();
    const space = builder.createSpace();
    builder.map(space, 0x8000, 0x300000, 1, { user: 'rw' });
    const l2 = words[(space.ttbr >>> 2) + 0]! & ~0x3ff;
    words[(l2 >>> 2) + 8] = (0x300000 | (3 << 10) | (3 << 8) | (3 << 6) | (2 << 4) | 2) | 0; // subpage 0 user read-only
    cp15.ttbr = space.ttbr;
    cp15.dacr = 1;
    cp15.control |= Control.M;
    expect(bus.translate(0x8000, AccessKind.Write, false)).toBe(-1);
    bus.write32(0x8400, 7, false);
    expect(bus.fault).toBe(0);
    expect(words[0x300400 >>> 2]).toBe(7);
    bus.write32(0x8000, 7, false);
    expect(bus.fault).toBe(0x0f);
  });

  it('tells the CPU when a slow-path write lands in RAM', () => {
    const { bus, invalidated, log } = board();
    bus.write16(0x2002, 0xbeef, true);
    bus.write32(0x10000004, 1, true);
    expect(invalidated).toEqual([0x2002]);
    expect(log).toEqual(['10000004=1']);
  });
});
