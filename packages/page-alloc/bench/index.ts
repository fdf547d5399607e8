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

function buddySubject(frames: number): { s: Subject; a: PageAllocator; p?: undefined } {
  const a = new PageAllocator(frames);
  return { a, s: { alloc: (n) => a.allocate(n), free: (f) => { a.free(f); } } };
}

function memPoolSubject(frames: number): { s: Subject; p: MemPool; a?: undefined } {
  // The pool keeps 28 bytes of state plus alignment before its heap; give it that much extra.
  const p = new MemPool({ size: frames * UNIT + 64, align: 8, compact: true, split: true, minSplit: 16 });
  return {
    p,
    s: {
      alloc: (n) => {
        const at = p.malloc(n * UNIT - HEADER);
        return at === 0 ? -1 : at;
      },
      free: (at) => {
        p.free(at);
      },
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
 * State of a ring workload: `slots` live allocations; each pair allocates a new block of the
 * next size into a slot and frees the slot's previous block (FIFO for single pages, random
 * slots for mixed sizes), so the page freed is never the page just allocated.
 */
interface Ring {
  readonly ring: Float64Array;
  readonly sizes: Int32Array;
  readonly picks: Int32Array;
  k: number;
}

const TABLE = 1 << 14;

function makeRing(s: Subject, slots: number, mixed: boolean, seed: number): Ring {
  const r = rng(seed);
  const sizes = new Int32Array(TABLE);
  const picks = new Int32Array(TABLE);
  for (let i = 0; i < TABLE; i++) {
    sizes[i] = mixed ? mixedSize(r) : 1;
    picks[i] = mixed ? Math.floor(r() * slots) : i % slots;
  }
  const ring = new Float64Array(slots).fill(-1);
  for (let i = 0; i < slots; i++) ring[i] = s.alloc(sizes[i]!);
  return { ring, sizes, picks, k: 0 };
}

function drainRing(s: Subject, st: Ring): void {
  for (const at of st.ring) if (at >= 0) s.free(at);
}

// One loop per allocator, so each call site sees a single receiver class (as a kernel's
// would) instead of a polymorphic closure.
function runBuddy(a: PageAllocator, st: Ring, iterations: number): void {
  const { ring, sizes, picks } = st;
  let k = st.k;
  for (let i = 0; i < iterations; i++) {
    const slot = picks[k]!;
    const fresh = a.allocate(sizes[k]!);
    const old = ring[slot]!;
    if (old >= 0) a.free(old);
    ring[slot] = fresh;
    k = (k + 1) & (TABLE - 1);
  }
  st.k = k;
}

function runPool(p: MemPool, st: Ring, iterations: number): void {
  const { ring, sizes, picks } = st;
  let k = st.k;
  for (let i = 0; i < iterations; i++) {
    const slot = picks[k]!;
    const fresh = p.malloc(sizes[k]! * UNIT - HEADER);
    const old = ring[slot]!;
    if (old > 0) p.free(old);
    ring[slot] = fresh === 0 ? -1 : fresh;
    k = (k + 1) & (TABLE - 1);
  }
  st.k = k;
}

/** The four workloads, in the order they run on one pre-fragmented pool. */
const WORKLOADS = [
  { key: 'single', mixed: false, wide: false, label: 'single-page' },
  { key: 'single-wide', mixed: false, wide: true, label: 'single-page, N/128 in flight' },
  { key: 'mixed', mixed: true, wide: false, label: 'mixed-size (1-64)' },
  { key: 'mixed-wide', mixed: true, wide: true, label: 'mixed-size (1-64), N/128 in flight' },
] as const;
type WorkloadKey = (typeof WORKLOADS)[number]['key'];

/** Pre-fragments one pool of `frames` and measures every workload on it, in order. */
function measureAll(kind: 'buddy' | 'pool', frames: number, samples: number): Map<WorkloadKey, number> {
  const subject = kind === 'buddy' ? buddySubject(frames) : memPoolSubject(frames);
  preFragment(subject.s, frames);
  const out = new Map<WorkloadKey, number>();
  for (const w of WORKLOADS) {
    const slots = w.wide ? Math.max(64, frames >> 7) : 64;
    const st = makeRing(subject.s, slots, w.mixed, 0xbeef + frames + slots);
    const run =
      subject.a !== undefined
        ? (n: number): void => { runBuddy(subject.a, st, n); }
        : (n: number): void => { runPool(subject.p, st, n); };
    out.set(w.key, measureRate(run, 1, { samples }));
    drainRing(subject.s, st);
  }
  return out;
}

/** PAGE_ALLOC_BENCH_NO_REFERENCE=1 skips MemPool, whose 2^20 runs take minutes. */
const skipReference = process.env['PAGE_ALLOC_BENCH_NO_REFERENCE'] === '1';
const results: BenchResult[] = [];
const sizes = [10, 14, 17, 20];
const ours = new Map<number, Map<WorkloadKey, number>>();
const refs = new Map<number, Map<WorkloadKey, number>>();
for (const log of sizes) {
  ours.set(log, measureAll('buddy', 1 << log, 7));
  // MemPool's first-fit lists make each pair O(live blocks); fewer samples keep the run short.
  if (!skipReference) refs.set(log, measureAll('pool', 1 << log, log >= 17 ? 3 : 7));
}
for (const w of WORKLOADS) {
  for (const log of sizes) {
    const ref = refs.get(log)?.get(w.key);
    results.push({
      name: `page ${w.label} alloc+free pairs @ 2^${log} frames`,
      value: ours.get(log)?.get(w.key) ?? 0,
      unit: 'pairs/s',
      higherIsBetter: true,
      ...(ref === undefined ? {} : { reference: { name: '@thi.ng/malloc MemPool', value: ref } }),
    });
  }
}
for (const w of WORKLOADS) {
  const small = ours.get(10)?.get(w.key) ?? 0;
  const large = ours.get(20)?.get(w.key) ?? 1;
  results.push({ name: `${w.label} per-pair cost 2^20 / 2^10`, value: small / large, unit: 'x', higherIsBetter: false });
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
