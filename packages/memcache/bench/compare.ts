/**
 * A/B comparison of this build of memcache against an earlier build, in one process,
 * interleaved (A B B A A B …), so that a shared, busy machine disturbs both sides alike.
 * Prints per-workload medians of wall-clock and CPU-time rates and of the per-round ratios.
 *
 * Run (BASELINE: the dist/index.js of an earlier build, e.g. built from an older commit):
 *   npx lerna run build --scope @codezero-ts/memcache
 *   BASELINE=/tmp/memcache-old/index.js npx tsx packages/memcache/bench/compare.ts
 */
import * as current from '@codezero-ts/memcache';

/** The part of the package's API the workload uses. */
interface Api {
  readonly ArrayPageSource: typeof current.ArrayPageSource;
  readonly createMemCache: typeof current.createMemCache;
}

const MASK = 0xffff;

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

/** A cache in the steady state of `index.ts`, with its live objects and replacement picks. */
interface Setup {
  readonly cache: { free(address: number): void; alloc(): number };
  readonly slots: Float64Array;
  readonly picks: Uint32Array;
  cursor: number;
}

function setup(api: Api, objectSize: number, live: number): Setup {
  const cache = api.createMemCache(new api.ArrayPageSource({ pages: 1 << 16, base: 0x1000_0000 }), objectSize);
  const slots = new Float64Array(live);
  for (let i = 0; i < live; i++) slots[i] = cache.alloc();
  return { cache, slots, picks: randoms(0x2545f491, MASK + 1, live), cursor: 0 };
}

// Two copies of the same loop, so each side keeps its own monomorphic, optimised code.

/** The baseline side: free a random live object, allocate a replacement, `n` times. */
function runBaseline(s: Setup, n: number): void {
  const { cache, slots, picks } = s;
  let c = s.cursor;
  for (let i = 0; i < n; i++) {
    const j = picks[c & MASK]!;
    cache.free(slots[j]!);
    slots[j] = cache.alloc();
    c++;
  }
  s.cursor = c;
}

/** The current side: the same loop. */
function runCurrent(s: Setup, n: number): void {
  const { cache, slots, picks } = s;
  let c = s.cursor;
  for (let i = 0; i < n; i++) {
    const j = picks[c & MASK]!;
    cache.free(slots[j]!);
    slots[j] = cache.alloc();
    c++;
  }
  s.cursor = c;
}

/** Pairs per second of one sample, by wall clock and by this process's CPU time. */
function sample(run: (n: number) => void, n: number): [number, number] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  run(n);
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return [n / wall, n / ((c.user + c.system) / 1e6)];
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
const rate = (r: number): string => `${(r / 1e6).toFixed(2)} M/s`;

const baselinePath = process.env.BASELINE;
if (baselinePath === undefined) throw new Error('set BASELINE to the dist/index.js of the build to compare against');
const baseline = (await import(baselinePath)) as Api;
const rounds = Number(process.env.ROUNDS ?? 15);
const pairs = Number(process.env.PAIRS ?? 3_000_000);

for (const [objectSize, live] of [
  [64, 1_000],
  [64, 100_000],
  [1024, 10_000],
] as const) {
  const sa = setup(baseline, objectSize, live);
  const sb = setup(current, objectSize, live);
  const a = (n: number): void => {
    runBaseline(sa, n);
  };
  const b = (n: number): void => {
    runCurrent(sb, n);
  };
  for (let w = 0; w < 3; w++) {
    a(pairs / 3);
    b(pairs / 3);
  }
  const wallA: number[] = [];
  const cpuA: number[] = [];
  const wallB: number[] = [];
  const cpuB: number[] = [];
  const wallRatio: number[] = [];
  const cpuRatio: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let ra: [number, number];
    let rb: [number, number];
    if (r % 2 === 0) {
      ra = sample(a, pairs);
      rb = sample(b, pairs);
    } else {
      rb = sample(b, pairs);
      ra = sample(a, pairs);
    }
    wallA.push(ra[0]);
    cpuA.push(ra[1]);
    wallB.push(rb[0]);
    cpuB.push(rb[1]);
    wallRatio.push(rb[0] / ra[0]);
    cpuRatio.push(rb[1] / ra[1]);
  }
  console.log(
    `${String(objectSize)} B, ${String(live)} live: baseline wall ${rate(median(wallA))}, cpu ${rate(median(cpuA))} | ` +
      `current wall ${rate(median(wallB))}, cpu ${rate(median(cpuB))} | ` +
      `current/baseline wall ${median(wallRatio).toFixed(2)}x, cpu ${median(cpuRatio).toFixed(2)}x`,
  );
}
