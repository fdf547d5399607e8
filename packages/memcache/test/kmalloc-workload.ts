import { expect } from 'vitest';
import fc from 'fast-check';
import { Kmalloc, type ArrayPageSource } from '../src/index.js';
import { codeOf, insideOneRun, source } from './helpers.js';

/** One step of a random kmalloc workload. */
export type KmallocOp =
  | { readonly kind: 'alloc'; readonly size: number }
  | { readonly kind: 'free'; readonly pick: number }
  | { readonly kind: 'double-free'; readonly pick: number };

/** Sizes biased towards small ones, with some bigger than a page. */
export const kmallocSize: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 128 }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 2048 }) },
  { weight: 1, arbitrary: fc.integer({ min: 2049, max: 40_000 }) },
);

/** Arbitrary kmalloc workloads of up to `maxLength` steps. */
export function kmallocOps(maxLength: number): fc.Arbitrary<KmallocOp[]> {
  return fc.array(
    fc.oneof(
      { weight: 5, arbitrary: kmallocSize.map<KmallocOp>((size) => ({ kind: 'alloc', size })) },
      { weight: 4, arbitrary: fc.nat().map<KmallocOp>((pick) => ({ kind: 'free', pick })) },
      { weight: 1, arbitrary: fc.nat().map<KmallocOp>((pick) => ({ kind: 'double-free', pick })) },
    ),
    { maxLength },
  );
}

/**
 * Runs `ops` on a fresh Kmalloc against a model (live address → requested size), checking
 * alignment, disjointness, containment in source pages and the counters after every step;
 * finally frees everything and checks the source got every page back.
 */
export function checkKmallocWorkload(ops: readonly KmallocOp[]): void {
  const src: ArrayPageSource = source(1 << 16);
  const k = new Kmalloc(src);
  const live = new Map<number, number>();
  const order: number[] = [];
  const freed: number[] = [];
  for (const op of ops) {
    if (op.kind === 'alloc') {
      const a = k.kmalloc(op.size);
      expect(a).toBeGreaterThanOrEqual(0);
      expect(a % 8).toBe(0);
      const usable = k.usableSize(a);
      expect(usable).toBeGreaterThanOrEqual(Math.max(op.size, 8));
      expect(a % Math.min(usable, src.pageSize)).toBe(0);
      expect(live.has(a)).toBe(false);
      expect(insideOneRun(src, a, usable)).toBe(true);
      for (const b of live.keys()) expect(a + usable <= b || b + k.usableSize(b) <= a).toBe(true);
      live.set(a, op.size);
      order.push(a);
    } else if (op.kind === 'free') {
      if (order.length === 0) continue;
      const i = op.pick % order.length;
      const a = order[i]!;
      order[i] = order[order.length - 1]!;
      order.pop();
      live.delete(a);
      k.kfree(a);
      freed.push(a);
    } else {
      if (freed.length === 0) continue;
      const a = freed[op.pick % freed.length]!;
      if (live.has(a)) continue;
      expect(['double-free', 'foreign', 'misaligned']).toContain(codeOf(() => { k.kfree(a); }));
    }
    const stats = k.stats();
    expect(stats.inUse).toBe(live.size);
    expect(stats.pagesHeld).toBe(src.pagesInUse);
  }
  for (const a of order) k.kfree(a);
  expect(k.stats().inUse).toBe(0);
  expect(k.stats().pagesHeld).toBe(0);
  expect(src.pagesInUse).toBe(0);
  expect(src.runCount).toBe(0);
}
