/**
 * scheduler benchmarks.
 * - Cost of `schedule()` with 10, 1 000 and 100 000 runnable threads (the 10-thread figure
 *   is the reference for the larger ones: a ratio near 1 means flat, i.e. O(1)).
 * - A tick + IRQ-exit preemption loop and a sleep/wake pair, at 10 and 100 000 threads.
 * - Fairness over 10 000 ticks: Jain's index for 8 equal-priority CPU-bound threads, and
 *   each priority's share of the processor beside its share of the total priority.
 * Run: npx lerna run build --scope @codezero-ts/scheduler && npm run bench -w @codezero-ts/scheduler
 */
import { FixedPriorityPolicy, jainIndex, Priority, Scheduler } from '@codezero-ts/scheduler';
import { measureRate, report, type BenchResult } from '../../../scripts/bench-kit.js';

/** A scheduler with `n` started CPU-bound threads, the first one dispatched. */
function loaded(n: number, fixed = false): Scheduler {
  const s = fixed ? new Scheduler({ policy: new FixedPriorityPolicy(), initialCapacity: n + 1 }) : new Scheduler({ initialCapacity: n + 1 });
  for (let i = 0; i < n; i++) s.resume(s.create({ priority: Priority.NORMAL }));
  s.schedule();
  return s;
}

// The measured loops are top-level functions taking the scheduler as an argument, so every
// size runs the same optimised code (a closure per size would let V8 specialise the first
// one on its captured scheduler and flatter whichever size is measured first).

function scheduleLoop(s: Scheduler, iterations: number): void {
  for (let i = 0; i < iterations; i++) s.schedule();
}

function tickLoop(s: Scheduler, iterations: number): void {
  for (let i = 0; i < iterations; i++) {
    s.tick(true);
    s.preempt(true);
  }
}

function sleepWakeLoop(s: Scheduler, q: number, iterations: number): void {
  for (let i = 0; i < iterations; i++) {
    s.sleepOn(q);
    s.wakeOne(q);
  }
}

/** schedule() calls per second: the current thread is requeued and the next one picked. */
function scheduleRate(n: number, fixed = false): number {
  const s = loaded(n, fixed);
  return measureRate((iterations) => {
    scheduleLoop(s, iterations);
  });
}

/** Ticks per second of a tick + IRQ-exit loop (expiries, granularity, swaps included). */
function tickRate(n: number): number {
  const s = loaded(n);
  return measureRate((iterations) => {
    tickLoop(s, iterations);
  });
}

/** Sleep + wake pairs per second: the current thread sleeps, then is woken by the next one. */
function sleepWakeRate(n: number): number {
  const s = loaded(n);
  const q = s.createWaitQueue();
  return measureRate((iterations) => {
    sleepWakeLoop(s, q, iterations);
  });
}

/** Run `ticks` ticks of CPU-bound threads of the given priorities; returns ticks each got. */
function shares(priorities: readonly number[], ticks: number): number[] {
  const s = new Scheduler();
  const ids = priorities.map((p) => {
    const t = s.create({ priority: p });
    s.resume(t);
    return t;
  });
  s.schedule();
  for (let i = 0; i < ticks; i++) {
    s.tick(true);
    s.preempt(true);
  }
  return ids.map((t) => s.runTicksOf(t));
}

// Warm-up: run every loop on throwaway schedulers of both policies first, so the measured
// runs all see the same (settled) optimised code rather than the first one being special.
for (const fixed of [false, true]) {
  const w = loaded(64, fixed);
  scheduleLoop(w, 200_000);
  tickLoop(w, 200_000);
  sleepWakeLoop(w, w.createWaitQueue(), 200_000);
}

const results: BenchResult[] = [];
const sizes = [10, 1_000, 100_000] as const;
const scheduleRates = sizes.map((n) => scheduleRate(n));
const ref = { name: 'schedule() @ 10 threads', value: scheduleRates[0]! };
sizes.forEach((n, i) => {
  results.push({ name: `schedule() @ ${n} threads (codezero)`, value: scheduleRates[i]!, unit: 'calls/s', higherIsBetter: true, ...(i > 0 ? { reference: ref } : {}) });
});
const fp10 = scheduleRate(10, true);
results.push({ name: 'schedule() @ 10 threads (fixed-priority)', value: fp10, unit: 'calls/s', higherIsBetter: true });
results.push({
  name: 'schedule() @ 100000 threads (fixed-priority)',
  value: scheduleRate(100_000, true),
  unit: 'calls/s',
  higherIsBetter: true,
  reference: { name: 'fixed-priority @ 10', value: fp10 },
});
const tick10 = tickRate(10);
results.push({ name: 'tick+preempt @ 10 threads', value: tick10, unit: 'ticks/s', higherIsBetter: true });
results.push({ name: 'tick+preempt @ 100000 threads', value: tickRate(100_000), unit: 'ticks/s', higherIsBetter: true, reference: { name: 'tick+preempt @ 10', value: tick10 } });
const sw10 = sleepWakeRate(10);
results.push({ name: 'sleep+wake pair @ 10 threads', value: sw10, unit: 'pairs/s', higherIsBetter: true });
results.push({ name: 'sleep+wake pair @ 100000 threads', value: sleepWakeRate(100_000), unit: 'pairs/s', higherIsBetter: true, reference: { name: 'sleep+wake @ 10', value: sw10 } });

const equal = shares(Array.from({ length: 8 }, () => Priority.NORMAL), 10_000);
results.push({ name: "Jain's index, 8 NORMAL threads, 10000 ticks", value: jainIndex(equal), unit: '', higherIsBetter: true });

const prios = [Priority.LOW, Priority.NORMAL, Priority.SERVER, Priority.PAGER, Priority.REALTIME];
const mixed = shares(prios, 10_000);
const total = mixed.reduce((a, b) => a + b, 0);
const prioSum = prios.reduce((a, b) => a + b, 0);
prios.forEach((p, i) => {
  results.push({
    name: `share of priority ${p}, 10000 ticks`,
    value: (100 * mixed[i]!) / total,
    unit: '%',
    higherIsBetter: true,
    reference: { name: 'priority share', value: (100 * p) / prioSum },
  });
});
results.push({
  name: "Jain's index of ticks/priority (2..10)",
  value: jainIndex(mixed.map((t, i) => t / prios[i]!)),
  unit: '',
  higherIsBetter: true,
});

report('scheduler', results);
