/**
 * Regression tests for the seed history of spec/codezero.md §3.1: bugs the original
 * scheduler had (or nearly had) that this package must not reintroduce.
 */
import { describe, expect, it } from 'vitest';
import { CodezeroPolicy, Priority, Scheduler, ThreadState, TraceRecorder } from '../src/index.js';
import { runTicks, spawn } from './helpers.js';

describe('seed history (spec §3.1)', () => {
  it('keeps the total priority consistent when forked tasks exit fast', () => {
    const s = new Scheduler();
    const parent = spawn(s, Priority.PAGER);
    s.preempt();
    for (let round = 0; round < 50; round++) {
      const kids = [0, 1, 2].map(() => s.fork(parent));
      for (const k of kids) s.resume(k);
      s.exit(kids[0]!); // exits before ever running
      s.yield(); // kids[2] runs (front)
      s.exit(kids[2]!); // exits while running
      s.exit(kids[1]!); // exits while queued
      if (s.current !== parent) s.yield();
      for (const k of kids) s.reap(k);
      expect(s.totalPriority).toBe(Priority.PAGER);
    }
    s.exit(parent);
    expect(s.totalPriority).toBe(0);
  });

  it('moves threads between runnable and expired without losing or duplicating any (queues change together)', () => {
    const p = new CodezeroPolicy();
    const s = new Scheduler({ policy: p });
    const ts = [Priority.LOW, Priority.NORMAL, Priority.SERVER, Priority.PAGER].map((x) => spawn(s, x));
    s.preempt();
    for (let i = 0; i < 40; i++) {
      runTicks(s, 97);
      const runnable = s.listMembers(p.runnable);
      const expired = s.listMembers(p.expired);
      const all = [...runnable, ...expired, s.current].sort((a, b) => a - b);
      expect(all).toEqual(ts);
      expect(runnable.length + expired.length).toBe(s.queuedCount);
    }
    expect(p.swaps).toBeGreaterThanOrEqual(5);
  });

  it('never suspends from IRQ context (a tick that interrupted the kernel)', () => {
    const s = new Scheduler();
    const t = spawn(s);
    s.preempt();
    s.suspend(t);
    for (let i = 0; i < 300; i++) {
      s.tick(false);
      s.preempt(false);
    }
    expect(s.stateOf(t)).toBe(ThreadState.RUNNABLE);
    expect(s.suspendPending(t)).toBe(true);
  });

  it('lets a task about to sleep find its event pending and wake itself, without a switch', () => {
    const trace = new TraceRecorder();
    const s = new Scheduler({ trace });
    const t = spawn(s);
    spawn(s);
    s.yield();
    s.yield(); // t runs
    expect(s.current).toBe(t);
    const q = s.createWaitQueue();
    const before = trace.spans().length;
    s.prepareToSleep(q);
    s.wakeAll(q); // the event arrives before the sleep
    expect(s.sleepPrepared()).toBe('woken');
    expect(s.current).toBe(t);
    expect(trace.spans().length).toBe(before);
  });

  it('lets a pending suspend interrupt a sleep; honoured at the end of the syscall', () => {
    const s = new Scheduler();
    const t = spawn(s);
    const other = spawn(s);
    s.preempt();
    s.yield(); // t runs
    const q = s.createWaitQueue();
    s.sleepOn(q);
    expect(s.current).toBe(other);
    s.suspend(t);
    expect(s.wakeResultOf(t)).toBe('interrupted');
    s.yield();
    expect(s.current).toBe(t);
    s.syscallExit();
    expect(s.stateOf(t)).toBe(ThreadState.INACTIVE);
  });

  it('lets a pending suspend interrupt a sleep; honoured at the next tick in user mode', () => {
    const s = new Scheduler();
    const t = spawn(s);
    const other = spawn(s);
    s.preempt();
    s.yield();
    const q = s.createWaitQueue();
    s.sleepOn(q);
    s.suspend(t);
    s.yield();
    expect(s.current).toBe(t);
    s.tick(false); // still in the kernel
    expect(s.stateOf(t)).toBe(ThreadState.RUNNABLE);
    s.tick(true);
    expect(s.stateOf(t)).toBe(ThreadState.INACTIVE);
    expect(s.preempt(true)).toBe(other);
  });

  it('does not leave parent and child with zero ticks when the parent had one tick left', () => {
    const s = new Scheduler({ granularity: 1000 });
    const parent = spawn(s);
    s.preempt();
    runTicks(s, 132);
    expect(s.ticksLeftOf(parent)).toBe(1);
    const child = s.fork(parent);
    expect(s.ticksLeftOf(parent)).toBe(1);
    expect(s.ticksLeftOf(child)).toBe(1);
    s.resume(child);
    runTicks(s, 1); // parent's last tick
    expect(s.current).toBe(child);
    runTicks(s, 1);
    expect(s.runTicksOf(child)).toBe(1);
  });
});
