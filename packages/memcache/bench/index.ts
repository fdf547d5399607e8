/**
 * memcache benchmarks: alloc+free pairs per second in a steady state with N live objects,
 * beside @thi.ng/malloc's MemPool on the same workload (same sizes, same random order).
 * Run: npx lerna run build --scope @codezero-ts/memcache && npm run bench -w @codezero-ts/memcache
 */
import { MemPool } from '@thi.ng/malloc';
import { ArrayPageSource, Kmalloc, createMemCache } from '@codezero-ts/memcache';
import { measureRate, report, type BenchResult } from '../../../scripts/bench-kit.js';
import { measureCpuRate } from './cpu-rate.js';

const MASK = 0xffff;
/** Longer and more samples than the kit's defaults: the machine is shared and noisy. */
const RATE = { samples: 9, minSampleMs: 300 } as const;

/** How a workload is timed: wall clock (the kit) or this process's CPU time. */
type Timer = (run: (iterations: number) => void) => number;
const wall: Timer = (run) => measureRate(run, 1, RATE);
const cpu: Timer = (run) => measureCpuRate(run);

/** A deterministic xorshift32 stream. */
function randoms(seed: number, n: number, below: number): Uint32Array {
  const out = new Uint32Array(n);
  let x = seed | 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = (x >>> 0) % below;
  }
  return out;
}

/** The picks (which live slot to replace next) shared by every workload. */
function picksFor(live: number): Uint32Array {
  return randoms(0x2545f491, MASK + 1, live);
}

// One loop per allocator, so every call site stays monomorphic.

/** Pairs/s of a MemCache: free a random live object, allocate a replacement. */
function cachePairs(objectSize: number, live: number, timer: Timer = wall): number {
  const cache = createMemCache(pageSource(), objectSize);
  const slots = new Float64Array(live);
  for (let i = 0; i < live; i++) slots[i] = cache.alloc();
  const picks = picksFor(live);
  let cursor = 0;
  return timer((iterations) => {
    const cc = cache;
    const ss = slots;
    const pp = picks;
    let c = cursor;
    for (let i = 0; i < iterations; i++) {
      const j = pp[c & MASK]!;
      cc.free(ss[j]!);
      ss[j] = cc.alloc();
      c++;
    }
    cursor = c;
  });
}

/** Pairs/s of kmalloc over the sizes in `sizes`. */
function kmallocPairs(sizes: Uint32Array, live: number, timer: Timer = wall): number {
  const k = new Kmalloc(pageSource());
  const slots = new Float64Array(live);
  for (let i = 0; i < live; i++) slots[i] = k.kmalloc(sizes[i & MASK]!);
  const picks = picksFor(live);
  let cursor = 0;
  return timer((iterations) => {
    const kk = k;
    const ss = slots;
    const pp = picks;
    const zz = sizes;
    let c = cursor;
    for (let i = 0; i < iterations; i++) {
      const j = pp[c & MASK]!;
      kk.kfree(ss[j]!);
      ss[j] = kk.kmalloc(zz[c & MASK]!);
      c++;
    }
    cursor = c;
  });
}

/** Pairs/s of @thi.ng/malloc's MemPool on the same workload. */
function poolPairs(sizes: Uint32Array, live: number, timer: Timer = wall): number {
  let biggest = 0;
  for (const size of sizes) biggest = Math.max(biggest, size);
  // Room for twice the live set at the largest size, rounded to a power of two.
  const p = new MemPool({ size: 2 ** Math.ceil(Math.log2(2 * live * (biggest + 16) + (1 << 20))) });
  const slots = new Float64Array(live);
  for (let i = 0; i < live; i++) slots[i] = p.malloc(sizes[i & MASK]!);
  const picks = picksFor(live);
  let cursor = 0;
  return timer((iterations) => {
    const mp = p;
    const ss = slots;
    const pp = picks;
    const zz = sizes;
    let c = cursor;
    for (let i = 0; i < iterations; i++) {
      const j = pp[c & MASK]!;
      mp.free(ss[j]!);
      ss[j] = mp.malloc(zz[c & MASK]!);
      c++;
    }
    cursor = c;
  });
}

const pageSource = (): ArrayPageSource => new ArrayPageSource({ pages: 1 << 16, base: 0x1000_0000 });

const fixed64 = new Uint32Array(MASK + 1).fill(64);
const fixed1k = new Uint32Array(MASK + 1).fill(1024);
// Mixed sizes: a random class from 8 to 2048 bytes, then a random size within it.
const classes = randoms(0x9e3779b9, MASK + 1, 9);
const within = randoms(0x7f4a7c15, MASK + 1, 1 << 20);
const mixed = new Uint32Array(MASK + 1).map((_, i) => {
  const top = 8 << classes[i]!;
  return top === 8 ? 1 + (within[i]! % 8) : top / 2 + 1 + (within[i]! % (top / 2));
});

const results: BenchResult[] = [];
const pairs = (name: string, ours: number, ref: number): void => {
  results.push({ name, value: ours, unit: 'pairs/s', higherIsBetter: true, reference: { name: '@thi.ng/malloc MemPool', value: ref } });
};

for (const live of [1_000, 100_000]) {
  pairs(`memcache 64 B alloc+free, ${live} live`, cachePairs(64, live), poolPairs(fixed64, live));
}
pairs('memcache 1 KiB alloc+free, 10000 live', cachePairs(1024, 10_000), poolPairs(fixed1k, 10_000));
for (const live of [1_000, 50_000]) {
  pairs(`kmalloc mixed 1..2048 B alloc+free, ${live} live`, kmallocPairs(mixed, live), poolPairs(mixed, live));
}

// The same two headline workloads timed by CPU time (less sensitive to a busy machine).
pairs('memcache 64 B alloc+free, 1000 live (CPU time)', cachePairs(64, 1_000, cpu), poolPairs(fixed64, 1_000, cpu));
pairs('kmalloc mixed 1..2048 B alloc+free, 1000 live (CPU time)', kmallocPairs(mixed, 1_000, cpu), poolPairs(mixed, 1_000, cpu));

report('memcache', results);
