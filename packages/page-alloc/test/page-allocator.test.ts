import { describe, expect, it } from 'vitest';
import type { FrameAllocator } from '../src/index.js';
import { PageAllocError, PageAllocator } from '../src/index.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof PageAllocError) return e.code;
    throw e;
  }
  return undefined;
}

describe('PageAllocator basics', () => {
  it('implements FrameAllocator', () => {
    const fa: FrameAllocator = new PageAllocator(16);
    const f = fa.allocate(3);
    expect(f).toBeGreaterThanOrEqual(0);
    expect(fa.freeCount).toBe(13);
    fa.free(f);
    expect(fa.freeCount).toBe(16);
  });

  it('does not waste the tail of a non-power-of-two request', () => {
    const a = new PageAllocator(8);
    const f = a.allocate(5);
    expect(f).toBe(0);
    expect(a.freeCount).toBe(3);
    expect(a.allocate(3)).toBe(5);
    expect(a.freeCount).toBe(0);
    expect(a.allocate(1)).toBe(-1);
    a.free(f);
    expect(a.freeCount).toBe(5);
    expect(a.allocationSize(5)).toBe(3);
    a.free(5);
    expect(a.equalsInitial()).toBe(true);
  });

  it('honours alignment in absolute frame numbers on a range that does not start at 0', () => {
    const a = new PageAllocator(100, { firstFrame: 3 });
    const f = a.allocateAligned(4, 16);
    expect(f % 16).toBe(0);
    expect(f).toBeGreaterThanOrEqual(3);
    const g = a.allocateAligned(1, 64);
    expect(g).toBe(64);
    a.free(f);
    a.free(g);
    expect(a.equalsInitial()).toBe(true);
  });

  it('finds a free run made of unaligned buddies when no single block is big enough', () => {
    const a = new PageAllocator(16);
    const x = a.allocate(1); // 0
    const y = a.allocate(8); // 8..15
    expect([x, y]).toEqual([0, 8]);
    // Free frames 1..7: blocks 1 (1), 2..3 (2), 4..7 (4); a request for 7 must still succeed.
    expect(a.largestFreeBlock).toBe(4);
    expect(a.allocate(7)).toBe(1);
    expect(a.checkIntegrity()).toEqual([]);
  });

  it('returns -1 when nothing fits and offers a throwing variant', () => {
    const a = new PageAllocator(4);
    a.allocate(3);
    expect(a.allocate(2)).toBe(-1);
    expect(codeOf(() => a.allocateOrThrow(2))).toBe('out-of-memory');
    expect(a.allocateOrThrow(1)).toBe(3);
  });

  it('reports statistics and the fragmentation index', () => {
    const a = new PageAllocator(16);
    const frames = Array.from({ length: 16 }, () => a.allocate(1));
    for (let i = 0; i < 16; i += 2) a.free(frames[i]!);
    const s = a.stats();
    expect(s).toMatchObject({ totalFrames: 16, freeFrames: 8, usedFrames: 8, allocations: 8, largestFreeBlock: 1, largestFreeRun: 1 });
    expect(s.fragmentation).toBeCloseTo(0.875);
    expect(a.unusableFreeIndex(1)).toBe(1);
    expect(a.unusableFreeIndex(0)).toBe(0);
    for (let i = 1; i < 16; i += 2) a.free(frames[i]!);
    expect(a.stats()).toMatchObject({ freeFrames: 16, largestFreeBlock: 16, largestFreeRun: 16, fragmentation: 0 });
  });

  it('allocates specific frames with allocateAt', () => {
    const a = new PageAllocator(32, { firstFrame: 32 });
    a.allocateAt(40, 3);
    expect(a.isFree(40)).toBe(false);
    expect(a.isFree(43)).toBe(true);
    expect(codeOf(() => { a.allocateAt(42, 2); })).toBe('in-use');
    a.free(40);
    expect(a.equalsInitial()).toBe(true);
  });
});

describe('PageAllocator bad input gives typed errors and leaves the state alone', () => {
  const cases: [string, (a: PageAllocator) => unknown, string][] = [
    ['zero pages', (a) => a.allocate(0), 'bad-size'],
    ['negative pages', (a) => a.allocate(-1), 'bad-size'],
    ['fractional pages', (a) => a.allocate(1.5), 'bad-size'],
    ['NaN pages', (a) => a.allocate(Number.NaN), 'bad-size'],
    ['more pages than the range', (a) => a.allocate(65), 'bad-size'],
    ['alignment 3', (a) => a.allocateAligned(1, 3), 'bad-alignment'],
    ['alignment 0', (a) => a.allocateAligned(1, 0), 'bad-alignment'],
    ['free below the range', (a) => { a.free(99); }, 'out-of-range'],
    ['free above the range', (a) => { a.free(164); }, 'out-of-range'],
    ['free of a fractional frame', (a) => { a.free(100.5); }, 'out-of-range'],
    ['free of a free frame', (a) => { a.free(163); }, 'double-free'],
    ['free inside an allocation', (a) => { a.free(101); }, 'not-allocated'],
    ['free of a reserved frame', (a) => { a.free(160); }, 'reserved'],
    ['unreserve of an allocation', (a) => { a.unreserve(100); }, 'not-allocated'],
    ['unreserve of a free frame', (a) => { a.unreserve(163); }, 'double-free'],
    ['reserve of used frames', (a) => { a.reserve(101, 1); }, 'in-use'],
    ['reserve past the end', (a) => { a.reserve(163, 2); }, 'bad-size'],
  ];
  for (const [what, call, code] of cases) {
    it(`${what} → ${code}`, () => {
      const a = new PageAllocator(64, { firstFrame: 100, reserved: [{ first: 160, count: 2, label: 'mmio' }] });
      a.allocate(3);
      const before = a.snapshotState();
      expect(codeOf(() => call(a))).toBe(code);
      expect(a.snapshotState()).toEqual(before);
      expect(a.checkIntegrity()).toEqual([]);
    });
  }

  it('rejects a double free after a real free', () => {
    const a = new PageAllocator(8);
    const f = a.allocate(2);
    a.free(f);
    expect(codeOf(() => { a.free(f); })).toBe('double-free');
  });

  it('rejects bad configurations', () => {
    expect(codeOf(() => new PageAllocator(0))).toBe('bad-config');
    expect(codeOf(() => new PageAllocator(8, { firstFrame: -1 }))).toBe('bad-config');
    expect(codeOf(() => new PageAllocator(8, { reserved: [{ first: 6, count: 4 }] }))).toBe('bad-config');
    expect(codeOf(() => new PageAllocator(8, { reserved: [{ first: 0, count: 4 }, { first: 3, count: 1 }] }))).toBe('bad-config');
  });
});

describe('regressions for the seed allocator bugs (spec §3.2)', () => {
  it('refuses to free frames holding the allocator’s own metadata', () => {
    const a = new PageAllocator(4096, { firstFrame: 0x100, reserveMetadata: true });
    const metaPages = Math.ceil(PageAllocator.metadataBytes(4096) / 4096);
    expect(a.reservedCount).toBe(metaPages);
    expect(a.reservedLabel(0x100)).toBe('allocator metadata');
    const before = a.snapshotState();
    for (let f = 0x100; f < 0x100 + metaPages; f++) expect(codeOf(() => { a.free(f); })).toBe('reserved');
    expect(a.snapshotState()).toEqual(before);
    // Allocating everything never hands out a metadata frame.
    const got: number[] = [];
    for (let f = a.allocate(1); f >= 0; f = a.allocate(1)) got.push(f);
    expect(got.length).toBe(4096 - metaPages);
    expect(Math.min(...got)).toBe(0x100 + metaPages);
  });

  it('rejects frames of another allocator instead of corrupting either (two allocator versions)', () => {
    const low = new PageAllocator(64);
    const high = new PageAllocator(64, { firstFrame: 64 });
    const f = low.allocate(4);
    expect(codeOf(() => { high.free(f); })).toBe('out-of-range');
    const twin = new PageAllocator(64);
    expect(codeOf(() => { twin.free(f); })).toBe('double-free');
    const g = twin.allocate(8);
    expect(codeOf(() => { low.free(g + 1); })).toBe('not-allocated');
    expect(low.checkIntegrity()).toEqual([]);
    expect(twin.checkIntegrity()).toEqual([]);
    low.free(f);
    twin.free(g);
    expect(low.equalsInitial() && twin.equalsInitial() && high.equalsInitial()).toBe(true);
  });

  it('keeps no shared state between instances (the seed corrupted globals on re-entry)', () => {
    const sizes = [1, 3, 8, 2, 5, 1, 16, 7];
    const run = (a: PageAllocator, b?: PageAllocator): void => {
      const live: number[] = [];
      for (const n of sizes) {
        live.push(a.allocate(n));
        if (b) b.allocate(17 - n);
      }
      a.free(live[2]!);
      a.free(live[5]!);
    };
    const alone = new PageAllocator(128);
    run(alone);
    const interleaved = new PageAllocator(128);
    run(interleaved, new PageAllocator(128));
    expect(interleaved.snapshotState()).toEqual(alone.snapshotState());
  });

  it('returns to the initial state after freeing everything (the original test oracle)', () => {
    const a = new PageAllocator(1000, { firstFrame: 17, reserved: [{ first: 500, count: 10 }] });
    const initial = a.snapshotState();
    const live: number[] = [];
    for (let i = 0; i < 200; i++) {
      const f = a.allocate(1 + ((i * 7) % 13));
      if (f >= 0) live.push(f);
      if (i % 3 === 0 && live.length > 0) a.free(live.splice((i * 5) % live.length, 1)[0]!);
    }
    expect(a.equalsInitial()).toBe(false);
    for (const f of live) a.free(f);
    expect(a.equalsInitial()).toBe(true);
    expect(a.snapshotState()).toEqual(initial);
  });

  it('scales to 2^20 frames with single-frame allocations', () => {
    const a = new PageAllocator(1 << 20);
    const frames = new Int32Array(1 << 16);
    for (let i = 0; i < frames.length; i++) frames[i] = a.allocate(1);
    expect(a.freeCount).toBe((1 << 20) - (1 << 16));
    for (let i = frames.length - 1; i >= 0; i -= 2) a.free(frames[i]!);
    for (let i = frames.length - 2; i >= 0; i -= 2) a.free(frames[i]!);
    expect(a.equalsInitial()).toBe(true);
    expect(a.largestFreeBlock).toBe(1 << 20);
  });
});
