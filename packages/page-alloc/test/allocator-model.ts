/**
 * Reference model and fast-check scenario for PageAllocator: a plain array of frame states
 * checked against the allocator after every step. Shared by the default and long suites.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { PageAllocError, PageAllocator } from '../src/index.js';

const FREE = 0;
const USED = 1;
const RESERVED = 2;

/** The obviously-correct model: one state per frame plus the size of each allocation. */
export class FrameModel {
  readonly state: Uint8Array;
  readonly sizes = new Map<number, number>();
  readonly reservedSizes = new Map<number, number>();

  constructor(
    readonly first: number,
    readonly count: number,
  ) {
    this.state = new Uint8Array(count);
  }

  freeCount(): number {
    return this.state.reduce((n, s) => n + (s === FREE ? 1 : 0), 0);
  }

  /** Is there a free run of `n` frames starting at a multiple of `align`? */
  fits(n: number, align: number): boolean {
    for (let f = Math.ceil(this.first / align) * align; f + n <= this.first + this.count; f += align) {
      if (this.rangeFree(f, n)) return true;
    }
    return false;
  }

  rangeFree(f: number, n: number): boolean {
    for (let x = f; x < f + n; x++) if (this.state[x - this.first] !== FREE) return false;
    return true;
  }

  mark(f: number, n: number, s: number): void {
    for (let x = f; x < f + n; x++) this.state[x - this.first] = s;
  }

  largestRun(): number {
    let best = 0;
    let run = 0;
    for (const s of this.state) {
      run = s === FREE ? run + 1 : 0;
      best = Math.max(best, run);
    }
    return best;
  }
}

/** One step of a scenario; numbers are scaled to the range when applied. */
export type Step =
  | { readonly op: 'alloc'; readonly size: number; readonly alignLog: number }
  | { readonly op: 'free'; readonly pick: number }
  | { readonly op: 'freeBad'; readonly pick: number }
  | { readonly op: 'allocAt'; readonly pick: number; readonly size: number }
  | { readonly op: 'reserve'; readonly pick: number; readonly size: number }
  | { readonly op: 'unreserve'; readonly pick: number };

const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

/** Arbitrary scenario steps. Sizes are biased towards small requests. */
export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('alloc' as const),
      size: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 300 })),
      alignLog: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 6 })),
    }),
  },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('free' as const), pick: unit }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('freeBad' as const), pick: unit }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('allocAt' as const), pick: unit, size: fc.integer({ min: 1, max: 16 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reserve' as const), pick: unit, size: fc.integer({ min: 1, max: 16 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unreserve' as const), pick: unit }) },
);

/** Allocator configuration: first frame, frame count and initial reservation picks. */
export interface Config {
  readonly first: number;
  readonly count: number;
  readonly reserved: readonly (readonly [number, number])[];
}

/** Arbitrary allocator configuration: first frame, frame count and initial reservations. */
export const configArb = (maxFrames: number): fc.Arbitrary<Config> =>
  fc.record({
    first: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5000 })),
    count: fc.integer({ min: 1, max: maxFrames }),
    reserved: fc.array(fc.tuple(unit, fc.integer({ min: 1, max: 8 })), { maxLength: 3 }),
  });

function expectCode(fn: () => void, code: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PageAllocError);
    expect((e as PageAllocError).code).toBe(code);
    return;
  }
  expect.fail(`expected PageAllocError ${code}`);
}

function checkAgainst(alloc: PageAllocator, model: FrameModel): void {
  expect(alloc.checkIntegrity()).toEqual([]);
  expect(alloc.freeCount).toBe(model.freeCount());
  const stats = alloc.stats();
  expect(stats.largestFreeRun).toBe(model.largestRun());
  expect(stats.freeFrames + stats.usedFrames + stats.reservedFrames).toBe(model.count);
  expect(stats.allocations).toBe(model.sizes.size);
  expect(stats.largestFreeBlock).toBeLessThanOrEqual(stats.largestFreeRun);
  const freeFrames = stats.freeFrames;
  expect(stats.fragmentation).toBeCloseTo(freeFrames === 0 ? 0 : 1 - stats.largestFreeRun / freeFrames, 12);
  expect(stats.freeBlocksByOrder.reduce((s, n, k) => s + n * 2 ** k, 0)).toBe(freeFrames);
  for (const seg of alloc.snapshotState()) {
    const want = seg.kind === 'free' ? FREE : seg.kind === 'used' ? USED : RESERVED;
    for (let x = seg.first; x < seg.first + seg.count; x++) expect(model.state[x - model.first]).toBe(want);
    if (seg.kind === 'used') expect(model.sizes.get(seg.first)).toBe(seg.count);
    if (seg.kind === 'reserved') expect(model.reservedSizes.get(seg.first)).toBe(seg.count);
  }
}

/** Applies `steps` to a fresh allocator and to the model, comparing after every step. */
export function runScenario(config: Config, steps: readonly Step[]): void {
  const { first, count } = config;
  const model = new FrameModel(first, count);
  // Turn the reservation picks into sorted, disjoint ranges inside the frame range.
  const reserved: { first: number; count: number }[] = [];
  let cursor = 0;
  for (const [pick, size] of [...config.reserved].sort((a, b) => a[0] - b[0])) {
    const off = Math.max(cursor, Math.floor(pick * count));
    const n = Math.min(size, count - off);
    if (n < 1) continue;
    reserved.push({ first: first + off, count: n });
    model.mark(first + off, n, RESERVED);
    model.reservedSizes.set(first + off, n);
    cursor = off + n;
  }
  const alloc = new PageAllocator(count, { firstFrame: first, reserved });
  const initial = alloc.snapshotState();
  expect(alloc.equalsInitial()).toBe(true);
  checkAgainst(alloc, model);

  for (const step of steps) {
    switch (step.op) {
      case 'alloc': {
        const n = Math.min(step.size, count);
        const align = 1 << step.alignLog;
        const f = step.alignLog === 0 && step.size % 2 === 0 ? alloc.allocate(n) : alloc.allocateAligned(n, align);
        const effectiveAlign = step.alignLog === 0 && step.size % 2 === 0 ? 1 : align;
        if (f < 0) {
          expect(model.fits(n, effectiveAlign)).toBe(false);
        } else {
          expect(f % effectiveAlign).toBe(0);
          expect(f).toBeGreaterThanOrEqual(first);
          expect(f + n).toBeLessThanOrEqual(first + count);
          expect(model.rangeFree(f, n)).toBe(true);
          model.mark(f, n, USED);
          model.sizes.set(f, n);
          expect(alloc.allocationSize(f)).toBe(n);
        }
        break;
      }
      case 'free': {
        const live = [...model.sizes.keys()];
        if (live.length === 0) break;
        const f = live[Math.floor(step.pick * live.length)]!;
        alloc.free(f);
        model.mark(f, model.sizes.get(f)!, FREE);
        model.sizes.delete(f);
        expect(alloc.isFree(f)).toBe(true);
        break;
      }
      case 'freeBad': {
        const f = first - 2 + Math.floor(step.pick * (count + 4));
        const off = f - first;
        if (off < 0 || off >= count) expectCode(() => { alloc.free(f); }, 'out-of-range');
        else if (model.state[off] === FREE) expectCode(() => { alloc.free(f); }, 'double-free');
        else if (model.state[off] === RESERVED) expectCode(() => { alloc.free(f); }, 'reserved');
        else if (!model.sizes.has(f)) expectCode(() => { alloc.free(f); }, 'not-allocated');
        break;
      }
      case 'allocAt':
      case 'reserve': {
        const f = first + Math.floor(step.pick * count);
        const n = Math.min(step.size, first + count - f);
        const call = (): void => {
          if (step.op === 'allocAt') alloc.allocateAt(f, n);
          else alloc.reserve(f, n, 'test');
        };
        if (!model.rangeFree(f, n)) {
          expectCode(call, 'in-use');
        } else {
          call();
          model.mark(f, n, step.op === 'allocAt' ? USED : RESERVED);
          (step.op === 'allocAt' ? model.sizes : model.reservedSizes).set(f, n);
        }
        break;
      }
      case 'unreserve': {
        const starts = [...model.reservedSizes.keys()];
        if (starts.length === 0) break;
        const f = starts[Math.floor(step.pick * starts.length)]!;
        alloc.unreserve(f);
        model.mark(f, model.reservedSizes.get(f)!, FREE);
        model.reservedSizes.delete(f);
        break;
      }
    }
    checkAgainst(alloc, model);
  }

  // Canonical form: an allocator rebuilt from the same used and reserved segments, in a
  // different order of operations, has exactly the same free blocks.
  const segments = alloc.snapshotState();
  const rebuilt = new PageAllocator(count, {
    firstFrame: first,
    reserved: segments.filter((g) => g.kind === 'reserved'),
  });
  for (const g of segments.filter((x) => x.kind === 'used').reverse()) rebuilt.allocateAt(g.first, g.count);
  expect(rebuilt.snapshotState()).toEqual(segments);

  // Free everything that was allocated and give back reservations made after construction:
  // the state must be exactly the initial one.
  for (const f of [...model.sizes.keys()]) {
    alloc.free(f);
    model.mark(f, model.sizes.get(f)!, FREE);
    model.sizes.delete(f);
  }
  const initialReserved = new Map(reserved.map((r) => [r.first, r.count]));
  for (const [f, n] of [...model.reservedSizes]) {
    if (initialReserved.get(f) === n) continue;
    alloc.unreserve(f);
    model.mark(f, model.reservedSizes.get(f)!, FREE);
    model.reservedSizes.delete(f);
  }
  for (const r of reserved) {
    if (!model.reservedSizes.has(r.first)) {
      alloc.reserve(r.first, r.count);
      model.mark(r.first, r.count, RESERVED);
      model.reservedSizes.set(r.first, r.count);
    }
  }
  checkAgainst(alloc, model);
  expect(alloc.equalsInitial()).toBe(true);
  expect(alloc.snapshotState()).toEqual(initial);
}
