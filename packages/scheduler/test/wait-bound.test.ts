/**
 * Regression tests for the wait bound of the Codezero policy (README, "Wait bound" and
 * "Finding of 2026-11-21").
 */
import { describe, expect, it } from 'vitest';
import type { ThreadId } from '../src/index.js';
import { CodezeroPolicy, Priority, Scheduler, ThreadState } from '../src/index.js';
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

/** Ticks in user mode, each followed by IRQ exit; returns the longest run of ticks `x` spent queued. */
function longestWait(s: Scheduler, x: ThreadId, ticks: number, between: () => void): number {
  let longest = 0;
  let since = -1;
  for (let i = 0; i < ticks; i++) {
    s.tick(true);
    s.preempt(true);
    between();
    if (s.placement(x).kind === 'runqueue') {
      if (since < 0) since = s.now;
      longest = Math.max(longest, s.now - since);
    } else {
      since = -1;
    }
  }
  return longest;
}

/**
 * fast-check seed 2083401058 of the long bouncing-pager property (CI, 2026-11-21), shrunk:
 * lowering the priority of thread 1 while it waited at the front of the expired queue moved
 * it to the back, so two threads that expired after it ran a second slice first (23 ticks
 * of waiting against a bound of 22).
 */
const SEED_2083401058_SHRUNK: readonly Op[] = [
  { k: 'spawn', prio: 2, start: true }, { k: 'spawn', prio: 3, start: true },
  { k: 'spawn', prio: 1, start: true }, { k: 'spawn', prio: 4, start: true },
  { k: 'tick', user: true, n: 9 }, { k: 'setPriority', pick: 5, prio: 1 },
  { k: 'tick', user: true, n: 2 }, { k: 'yield' }, { k: 'tick', user: true, n: 44 },
  { k: 'setPriority', pick: 0, prio: 1 }, { k: 'tick', user: true, n: 7 },
];

/**
 * Threads x, j1 and j2 of equal priority (13-tick slices at 100 Hz) under the Codezero
 * policy, started in `order` (each goes to the front of runnable), then scheduled once.
 */
function threeEqualThreads(order: readonly ('x' | 'j1' | 'j2')[]): { p: CodezeroPolicy; s: Scheduler; x: ThreadId; j1: ThreadId; j2: ThreadId } {
  const p = new CodezeroPolicy(100);
  const s = new Scheduler({ ticksPerSecond: 100, policy: p });
  const [x, j1, j2] = [0, 0, 0].map(() => s.create({ priority: Priority.NORMAL })) as [ThreadId, ThreadId, ThreadId];
  const ids = { x, j1, j2 };
  for (const name of order) s.resume(ids[name]);
  s.preempt();
  return { p, s, x, j1, j2 };
}

describe('Codezero wait bound', () => {
  it('replays the shrunk counterexample of seed 926880782 against the model', () => {
    expect(() => {
      runAgainstModel('codezero', SEED_926880782_SHRUNK);
    }).not.toThrow();
  });

  it('replays the shrunk counterexample of seed 2083401058 against the model', () => {
    expect(() => {
      runAgainstModel('codezero', SEED_2083401058_SHRUNK);
    }).not.toThrow();
  });

  it('lets no pager push a waiting thread back by setting its priority over and over', () => {
    // x waits on the expired queue ahead of j1 and j2. Were a priority change to move x to
    // the back of its queue, setting x's priority (to the one it has) whenever j1 or j2
    // joined the expired queue would keep x behind them for ever.
    const { p, s, x, j1, j2 } = threeEqualThreads(['j2', 'j1', 'x']);
    let set = 0;
    const wait = longestWait(s, x, 390, () => {
      if (s.placement(x).kind !== 'runqueue') return;
      const before = s.listMembers(p.expired).concat(s.listMembers(p.runnable));
      s.setPriority(x, Priority.NORMAL);
      expect(s.listMembers(p.expired).concat(s.listMembers(p.runnable))).toEqual(before); // nothing moved
      set++;
    });
    expect(set).toBeGreaterThan(100);
    expect(wait).toBeLessThanOrEqual(2 * (13 + 13));
    expect([s.runTicksOf(x), s.runTicksOf(j1), s.runTicksOf(j2)]).toEqual([130, 130, 130]);
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

  it('keeps a thread in its round when its priority changes while it waits', () => {
    const p = new CodezeroPolicy(100);
    const s = new Scheduler({ ticksPerSecond: 100, policy: p });
    const a = s.create({ priority: Priority.NORMAL });
    const b = s.create({ priority: Priority.NORMAL });
    s.resume(a);
    s.resume(b);
    s.preempt(); // b; then 10 + 10 ticks (granularity), 3 + 3 to finish both 13-tick slices
    for (let i = 0; i < 26; i++) {
      s.tick(true);
      s.preempt(true);
    }
    // Both expired, the queues swapped, b got its new slice; a's turn in this round is next.
    expect([s.current, s.ticksLeftOf(b), s.listMembers(p.runnable), s.ticksLeftOf(a)]).toEqual([b, 13, [a], 0]);
    s.setPriority(a, Priority.LOW); // a stays where it is, with its slice still to come...
    expect([s.listMembers(p.runnable), s.listMembers(p.expired), s.ticksLeftOf(a)]).toEqual([[a], [], 0]);
    for (let i = 0; i < 10; i++) {
      s.tick(true);
      s.preempt(true);
    }
    expect([s.current, s.ticksLeftOf(a)]).toEqual([a, 6]); // ...sized by its new priority
  });

  for (const bounce of ['suspend and resume', 'setPriority'] as const) {
    it(`lets no pager starve a waiting thread by bouncing expired threads (${bounce})`, () => {
      // x, j1, j2 of equal priority (13-tick slices at 100 Hz). Whenever j1 or j2 waits on
      // the expired queue, it is taken off and queued again. Were its slice refilled when it
      // was first queued there, it would come back with a fresh slice at the front (resume)
      // or the tail (setPriority) of runnable, runnable would never empty, and x, waiting on
      // expired for the swap, would never run.
      const { p, s, x, j1, j2 } = threeEqualThreads(['x', 'j2', 'j1']);
      let bounced = 0;
      const wait = longestWait(s, x, 390, () => {
        for (const j of [j1, j2]) {
          if (!s.listMembers(p.expired).includes(j)) continue;
          expect(s.ticksLeftOf(j)).toBe(0);
          if (bounce === 'setPriority') s.setPriority(j, Priority.NORMAL);
          else expect([s.suspend(j), s.resume(j)]).toEqual([true, true]);
          expect(s.listMembers(p.expired)).toContain(j); // back to the expired queue
          bounced++;
        }
      });
      expect(bounced).toBeGreaterThan(10);
      expect(wait).toBeLessThanOrEqual(2 * (13 + 13)); // Σ over the others of (left + slice)
      expect([s.runTicksOf(x), s.runTicksOf(j1), s.runTicksOf(j2)]).toEqual([130, 130, 130]);
    });
  }
});
