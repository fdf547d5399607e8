/**
 * Page allocator benchmarks: alloc+free pairs per second on a pre-fragmented pool, for
 * single pages and for mixed sizes, at 2^10, 2^14, 2^17 and 2^20 frames, each side by side
 * with @thi.ng/malloc's MemPool on the same workload. Also the id pool's lowest-free path.
 *
 * Equivalence with MemPool: one frame is one 16-byte unit of the MemPool's buffer. A request
 * of n frames is `malloc(16n - 8)`: MemPool adds its 8-byte block header and rounds to its
 * 8-byte alignment, so the block occupies exactly 16n bytes, i.e. n units, and the buffer
 * holds exactly N units of heap. Both allocators see the same sizes, the same frees (by
 * allocation index) and the same pre-fragmentation.
 */
import { MemPool } from '@thi.ng/malloc';
import { IdPool, PageAllocator } from '@codezero-ts/page-alloc';
import { measureRate, report } from '../../../scripts/bench-kit.js';
import type { BenchResult } from '../../../scripts/bench-kit.js';

const UNIT = 16;
const HEADER = 8;

/** The common face of the two allocators under test (frames or units). */
interface Subject {
  alloc(n: number): number;
  free(at: number): void;
}

function buddySubject(frames: number): Subject {
  const a = new PageAllocator(frames);
  return { alloc: (n) => a.allocate(n), free: (f) => { a.free(f); } };
}

function memPoolSubject(frames: number): Subject {
  // The pool keeps 28 bytes of state plus alignment before its heap; give it that much extra.
  const pool = new MemPool({ size: frames * UNIT + 64, align: 8, compact: true, split: true, minSplit: 16 });
  return {
    alloc: (n) => {
      const p = pool.malloc(n * UNIT - HEADER);
      return p === 0 ? -1 : p;
    },
    free: (p) => {
      pool.free(p);
    },
  };
}

/** Deterministic xorshift32 stream. */
function rng(seed: number): () => number {
  let s = seed | 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Sizes for mixed requests: half single frames, 30 % 2–8, 20 % 9–64 (mean ≈ 9.3). */
function mixedSize(r: () => number): number {
  const x = r();
  if (x < 0.5) return 1;
  if (x < 0.8) return 2 + Math.floor(r() * 7);
  return 9 + Math.floor(r() * 56);
}

/**
 * Fills the pool to ~90 % with random sizes 1–32, then frees a random half of those blocks
 * (in random order), leaving ~45 % in use and holes of every size.
 */
function preFragment(s: Subject, frames: number): void {
  const r = rng(0x5eed + frames);
  const live: number[] = [];
  let used = 0;
  for (;;) {
    const n = 1 + Math.floor(r() * 32);
    if (used + n > frames * 0.9) break;
    const at = s.alloc(n);
    if (at >= 0) live.push(at);
    used += n;
  }
  for (let i = live.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = live[i]!;
    live[i] = live[j]!;
    live[j] = t;
  }
  for (let i = 0; i < live.length >> 1; i++) s.free(live[i]!);
}

/**
 * A workload over a ring of live allocations: each pair allocates a new block of the next
 * size into a slot and frees the slot's previous block.
 */
function ringWorkload(s: Subject, frames: number, mixed: boolean): (iterations: number) => void {
  const slots = Math.max(8, frames >> 7);
  const r = rng(0xbeef + frames);
  const TABLE = 1 << 14;
  const sizes = new Int32Array(TABLE);
  const picks = new Int32Array(TABLE);
  for (let i = 0; i < TABLE; i++) {
    sizes[i] = mixed ? mixedSize(r) : 1;
    picks[i] = mixed ? Math.floor(r() * slots) : i % slots;
  }
  const ring = new Float64Array(slots).fill(-1);
  for (let i = 0; i < slots; i++) ring[i] = s.alloc(sizes[i]!);
  let k = 0;
  return (iterations) => {
    for (let i = 0; i < iterations; i++) {
      const slot = picks[k]!;
      const fresh = s.alloc(sizes[k]!);
      const old = ring[slot]!;
      if (old >= 0) s.free(old);
      ring[slot] = fresh;
      k = (k + 1) & (TABLE - 1);
    }
  };
}

function pairsPerSecond(make: (frames: number) => Subject, frames: number, mixed: boolean, samples: number): number {
  const s = make(frames);
  preFragment(s, frames);
  return measureRate(ringWorkload(s, frames, mixed), 1, { samples });
}

const results: BenchResult[] = [];
const sizes = [10, 14, 17, 20];
const ours = { single: new Map<number, number>(), mixed: new Map<number, number>() };
for (const mixed of [false, true]) {
  const kind = mixed ? 'mixed' : 'single';
  for (const log of sizes) {
    const frames = 1 << log;
    const rate = pairsPerSecond(buddySubject, frames, mixed, 7);
    // MemPool's first-fit lists make each pair O(live blocks); fewer samples keep the run short.
    const ref = pairsPerSecond(memPoolSubject, frames, mixed, log >= 17 ? 3 : 7);
    ours[kind].set(log, rate);
    results.push({
      name: `page ${mixed ? 'mixed-size (1-64)' : 'single-page'} alloc+free pairs @ 2^${log} frames`,
      value: rate,
      unit: 'pairs/s',
      higherIsBetter: true,
      reference: { name: '@thi.ng/malloc MemPool', value: ref },
    });
  }
}
for (const kind of ['single', 'mixed'] as const) {
  const small = ours[kind].get(10) ?? 0;
  const large = ours[kind].get(20) ?? 1;
  results.push({
    name: `${kind === 'single' ? 'single-page' : 'mixed-size'} per-pair cost 2^20 / 2^10`,
    value: small / large,
    unit: 'x',
    higherIsBetter: false,
  });
}

{
  const ids = new IdPool(1 << 20);
  const r = rng(42);
  for (let i = 0; i < 1 << 20; i++) ids.allocate();
  for (let i = 0; i < 1 << 19; i++) {
    const id = Math.floor(r() * (1 << 20));
    if (ids.isUsed(id)) ids.free(id);
  }
  const ring = new Int32Array(4096);
  for (let i = 0; i < ring.length; i++) ring[i] = ids.allocate();
  let k = 0;
  const rate = measureRate((iterations) => {
    for (let i = 0; i < iterations; i++) {
      const fresh = ids.allocate();
      ids.free(ring[k]!);
      ring[k] = fresh;
      k = (k + 1) & 4095;
    }
  });
  results.push({ name: 'id pool lowest-free alloc+free pairs @ 2^20 ids', value: rate, unit: 'pairs/s', higherIsBetter: true });
}

report('page-alloc', results);
