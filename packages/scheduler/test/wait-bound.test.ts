/**
 * Regression tests for the wait bound of the Codezero policy (README, "Wait bound" and
 * "Finding of 2026-11-21").
 */
import { describe, expect, it } from 'vitest';
import type { ThreadId } from '../src/index.js';
import { CodezeroPolicy, Scheduler, ThreadState } from '../src/index.js';
import type { Op } from './property-harness.js';
import { runAgainstModel } from './property-harness.js';

/** fast-check seed 926880782 of the long Codezero property, shrunk. */
const SEED_926880782_SHRUNK: readonly Op[] = [
  { k: 'spawn', prio: 0, start: false },
  { k: 'spawn', prio: 0, start: true },
  { k: 'spawn', prio: 0, start: false },
  { k: 'tick', user: false, n: 1 },
  { k: 'fork', start: false },
  { k: 'spawn', prio: 0, start: true },
  { k: 'tick', user: false, n: 1 },
  { k: 'fork', start: false },
  { k: 'spawn', prio: 0, start: false },
  { k: 'spawn', prio: 0, start: false },
  { k: 'tick', user: false, n: 1 },
  { k: 'spawn', prio: 0, start: false },
  { k: 'spawn', prio: 0, start: false },
  { k: 'spawn', prio: 0, start: false },
  { k: 'waitInactive', pick: 4 },
  { k: 'spawn', prio: 0, start: false },
  { k: 'fork', start: false },
  { k: 'fork', start: false },
  { k: 'spawn', prio: 0, start: false },
  { k: 'spawn', prio: 0, start: false },
  { k: 'spawn', prio: 0, start: false },
  { k: 'spawn', prio: 0, start: false },
  { k: 'spawn', prio: 0, start: true },
  { k: 'tick', user: false, n: 1 },
  { k: 'suspend', pick: 42 },
  { k: 'waitInactive', pick: 4 },
  { k: 'tick', user: false, n: 34 },
  { k: 'tick', user: true, n: 1 },
];

describe('Codezero wait bound', () => {
  it('replays the shrunk counterexample of seed 926880782 against the model', () => {
    expect(() => {
      runAgainstModel('codezero', SEED_926880782_SHRUNK);
    }).not.toThrow();
  });

  it('starts the wait of a thread woken by a suspension honoured at a tick at that tick', () => {
    // The scenario of seed 926880782: 1-tick slices; t has a suspend pending but runs in
    // the kernel, alone, while the two threads waiting for its suspension sleep.
    const p = new CodezeroPolicy(100);
    const s = new Scheduler({ ticksPerSecond: 100, policy: p });
    const [t, w1, w2] = [0, 0, 0].map(() => s.create({ priority: 0 })) as [ThreadId, ThreadId, ThreadId];
    s.resume(w1);
    s.resume(w2);
    s.resume(t); // runnable: t, w2, w1
    s.preempt();
    s.tick(false); // t's slice ends in the kernel: requeued at a point that is not safe
    s.preempt(false);
    expect(s.current).toBe(w2);
    expect(s.waitInactive(t)).toBe('sleeping'); // w1 runs
    expect(s.suspend(t)).toBe(false); // not at a safe point: pending
    expect(s.waitInactive(t)).toBe('sleeping'); // the queues swap: t runs
    for (let i = 0; i < 34; i++) {
      s.tick(false); // a kernel-mode tick never suspends...
      s.preempt(false); // ...and t, the only runnable thread, is picked again with a new slice
      expect([s.current, s.ticksLeftOf(t), s.suspendPending(t)]).toEqual([t, 1, true]);
      expect([s.stateOf(w1), s.stateOf(w2)]).toEqual([ThreadState.SLEEPING, ThreadState.SLEEPING]);
    }
    s.tick(true); // the first user-mode tick honours the suspend and wakes both waiters
    const wokenAt = s.now;
    s.preempt(true);
    expect(s.stateOf(t)).toBe(ThreadState.INACTIVE);
    expect(s.current).toBe(w1);
    expect(s.placement(w2)).toEqual({ kind: 'runqueue', queue: p.runnable });
    s.tick(true);
    s.preempt(true);
    expect(s.current).toBe(w2); // it waited one tick since it was woken, not since it slept
    expect(s.now - wokenAt).toBe(1);
  });
});
