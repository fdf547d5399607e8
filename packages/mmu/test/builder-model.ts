import fc from 'fast-check';
import { expect } from 'vitest';
import type { UserAccess } from '../src/index.js';
import { PageTableBuilder, checkAccess, newWalkResult, walk } from '../src/index.js';
import { FakeMemory, FakeTables } from './fakes.js';

function setup() {
  const mem = new FakeMemory(0x500000);
  const tables = new FakeTables(0x100000, 0x400000);
  const builder = new PageTableBuilder(mem, tables, { kernelBase: 0xbf000000 });
  return { mem, tables, builder };
}

/**
 * Runs `numRuns` random programs of map/unmap/protect/fork on the builder and on a model
 * (page → frame and user access); after every step the builder's listing, the hardware walk
 * and the table count agree with the model, and destroying the space frees every table.
 */
export function checkBuilderAgainstModel(numRuns: number): void {
    type Op =
    | { op: 'map'; page: number; n: number; frame: number; user: UserAccess }
    | { op: 'unmap'; page: number; n: number }
    | { op: 'protect'; page: number; n: number; user: UserAccess }
    | { op: 'fork' };
  const user = fc.constantFrom<UserAccess>('none', 'ro', 'rw');
  // pages in the first 4 MiB and around 0x40000000 so that tables fill and empty
  const page = fc.oneof(fc.integer({ min: 0, max: 1023 }), fc.integer({ min: 0x40000, max: 0x40000 + 300 }));
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ op: fc.constant('map' as const), page, n: fc.integer({ min: 1, max: 40 }), frame: fc.integer({ min: 0, max: 2000 }), user }),
    fc.record({ op: fc.constant('unmap' as const), page, n: fc.integer({ min: 1, max: 60 }) }),
    fc.record({ op: fc.constant('protect' as const), page, n: fc.integer({ min: 1, max: 30 }), user }),
    fc.record({ op: fc.constant('fork' as const) }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      const { builder, mem, tables } = setup();
      let space = builder.createSpace();
      const model = new Map<number, { frame: number; user: UserAccess }>();
      const out = newWalkResult();
      for (const o of ops) {
        if (o.op === 'map') {
          builder.map(space, o.page * 4096, o.frame * 4096, o.n, { user: o.user });
          for (let i = 0; i < o.n; i++) model.set(o.page + i, { frame: o.frame + i, user: o.user });
        } else if (o.op === 'unmap' || o.op === 'protect') {
          const missing = o.op === 'unmap' ? builder.unmap(space, o.page * 4096, o.n) : builder.protect(space, o.page * 4096, o.n, { user: o.user });
          const want: number[] = [];
          for (let i = 0; i < o.n; i++) {
            const m = model.get(o.page + i);
            if (!m) want.push((o.page + i) * 4096);
            else if (o.op === 'unmap') model.delete(o.page + i);
            else model.set(o.page + i, { frame: m.frame, user: o.user });
          }
          expect(missing).toEqual(want);
        } else {
          const child = builder.fork(space);
          builder.destroy(space);
          space = child;
        }
        const listed = [...builder.mappings(space)].map((m) => [m.va / 4096, m.pa / 4096, m.user]);
        const modelled = [...model].sort((a, b) => a[0] - b[0]).map(([p, m]) => [p, m.frame, m.user]);
        expect(listed).toEqual(modelled);
        for (const p of [0, 5, 1023, 0x40000, 0x40000 + 150, ...model.keys()]) {
          walk(mem, space.ttbr, p * 4096 + 12, out);
          const m = model.get(p);
          if (!m) expect(out.status).not.toBe(0);
          else {
            expect(out.status).toBe(0);
            expect(out.pa).toBe(m.frame * 4096 + 12);
            expect(checkAccess(out, 1, { system: false, rom: false }, false, false) === 0).toBe(m.user !== 'none');
            expect(checkAccess(out, 1, { system: false, rom: false }, true, false) === 0).toBe(m.user === 'rw');
          }
        }
        const mib = new Set([...model.keys()].map((p) => p >> 8));
        expect(builder.tableCount(space)).toBe(mib.size);
      }
      builder.destroy(space);
      expect(tables.liveL2.size).toBe(0);
    }),
    { numRuns },
  );
}
