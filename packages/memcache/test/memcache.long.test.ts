/**
 * CI-scale runs (CODEZERO_LONG=1): the same model-based workloads as the default suite,
 * with many more and much longer sequences, and a million-step stress run.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Kmalloc, createMemCache } from '../src/index.js';
import { cacheOps, cacheShape, checkCacheWorkload } from './cache-workload.js';
import { checkKmallocWorkload, kmallocOps } from './kmalloc-workload.js';
import { source } from './helpers.js';

describe('memcache, CI scale', () => {
  it('MemCache model workloads: 5000 runs of up to 600 steps', () => {
    fc.assert(
      fc.property(cacheShape, cacheOps(600), (shape, ops) => {
        checkCacheWorkload(shape, ops);
      }),
      { numRuns: 5000 },
    );
  }, 240_000);

  it('Kmalloc model workloads: 3000 runs of up to 600 steps', () => {
    fc.assert(
      fc.property(kmallocOps(600), (ops) => {
        checkKmallocWorkload(ops);
      }),
      { numRuns: 3000 },
    );
  }, 240_000);

  it('a million random steps on an 8-byte cache and on kmalloc stay consistent with a Set model', () => {
    const src = source(1 << 17);
    const cache = createMemCache(src, 8);
    const k = new Kmalloc(src);
    const live: number[] = [];
    const model = new Set<number>();
    const kLive: number[] = [];
    let x = 0x1234567;
    const next = (): number => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return x >>> 0;
    };
    for (let step = 0; step < 1_000_000; step++) {
      const r = next();
      // Drift the target population up and down so slabs are added and released.
      const target = 20_000 + 15_000 * Math.sin(step / 50_000);
      if (live.length < target ? r % 8 < 5 : r % 8 < 3) {
        const a = cache.alloc();
        if (a < 0 || model.has(a)) expect.fail(`step ${step}: alloc returned ${a}, which is live or -1`);
        model.add(a);
        live.push(a);
        const b = k.kmalloc(next() % 3000);
        if (b < 0) expect.fail(`step ${step}: kmalloc returned -1`);
        kLive.push(b);
      } else if (live.length > 0) {
        const i = next() % live.length;
        const a = live[i]!;
        live[i] = live[live.length - 1]!;
        live.pop();
        model.delete(a);
        cache.free(a);
        const j = next() % kLive.length;
        k.kfree(kLive[j]!);
        kLive[j] = kLive[kLive.length - 1]!;
        kLive.pop();
      }
      if (step % 100_000 === 0) {
        expect(cache.inUse).toBe(model.size);
        for (const a of model) expect(cache.isAllocated(a)).toBe(true);
        expect(k.stats().inUse).toBe(kLive.length);
      }
    }
    for (const a of live) cache.free(a);
    for (const a of kLive) k.kfree(a);
    expect(src.pagesInUse).toBe(0);
  }, 240_000);
});
