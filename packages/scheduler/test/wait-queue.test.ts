import { describe, expect, it } from 'vitest';
import { CodezeroPolicy, IDLE_THREAD, NO_THREAD, Scheduler, ThreadState } from '../src/index.js';
import { spawn } from './helpers.js';

/** A scheduler with threads a, b, c started in that order; c runs (it was started last). */
function three(): { s: Scheduler; p: CodezeroPolicy; a: number; b: number; c: number; q: number } {
  const p = new CodezeroPolicy();
  const s = new Scheduler({ policy: p });
  const a = spawn(s);
  const b = spawn(s);
  const c = spawn(s);
  s.preempt();
  return { s, p, a, b, c, q: s.createWaitQueue() };
}

describe('wait queues', () => {
  it('puts the sleeper on the queue and switches to the next thread (sync)', () => {
    const { s, b, c, q } = three();
    expect(s.sleepOn(q)).toBe('sleeping');
    expect(s.current).toBe(b);
    expect(s.stateOf(c)).toBe(ThreadState.SLEEPING);
    expect(s.placement(c)).toEqual({ kind: 'waitqueue', queue: q });
    expect(s.sleepers(q)).toBe(1);
    expect(s.info(c).waitQueue).toBe(q);
  });

  it('wakes one sleeper in FIFO order, and reports an empty queue', () => {
    const { s, a, b, c, q } = three();
    s.sleepOn(q); // c
    s.sleepOn(q); // b
    s.sleepOn(q); // a
    expect(s.current).toBe(IDLE_THREAD);
    expect(s.listMembers(q)).toEqual([c, b, a]);
    expect(s.wakeOne(q)).toBe(c);
    expect(s.wakeResultOf(c)).toBe('woken');
    expect(s.wakeOne(q)).toBe(b);
    expect(s.wakeOne(q)).toBe(a);
    expect(s.wakeOne(q)).toBe(NO_THREAD);
    expect(s.needResched).toBe(true); // idle was running
    expect(s.preempt()).toBe(a); // last woken is at the front
  });

  it('wakes all sleepers; each goes to the front, so the last one woken runs first', () => {
    const { s, p, a, b, c, q } = three();
    s.sleepOn(q);
    s.sleepOn(q);
    expect(s.current).toBe(a);
    expect(s.wakeAll(q)).toBe(2);
    expect(s.sleepers(q)).toBe(0);
    expect(s.listMembers(p.runnable)).toEqual([b, c]);
    expect(s.needResched).toBe(false); // Codezero does not preempt on wakeup
    expect(s.wakeAll(q)).toBe(0);
  });

  it('wakes a specific sleeper out of the middle of a queue', () => {
    const { s, a, b, c, q } = three();
    s.sleepOn(q);
    s.sleepOn(q);
    expect(s.current).toBe(a);
    expect(s.wake(b)).toBe(true);
    expect(s.listMembers(q)).toEqual([c]);
    expect(s.wake(b)).toBe(false); // not asleep any more
    expect(s.wake(a)).toBe(false);
  });

  it('interrupts an interruptible sleep: the sleeper sees "interrupted"', () => {
    const { s, b, c, q } = three();
    s.sleepOn(q);
    expect(s.interrupt(c)).toBe(true);
    expect(s.stateOf(c)).toBe(ThreadState.RUNNABLE);
    expect(s.wakeResultOf(c)).toBe('interrupted');
    expect(s.interrupt(c)).toBe(false);
    expect(s.interrupt(b)).toBe(false); // running, not asleep
  });

  it('does not interrupt an uninterruptible sleep', () => {
    const { s, c, q } = three();
    s.sleepOn(q, { interruptible: false });
    expect(s.info(c).interruptible).toBe(false);
    expect(s.interrupt(c)).toBe(false);
    expect(s.stateOf(c)).toBe(ThreadState.SLEEPING);
    s.wakeOne(q);
    expect(s.wakeResultOf(c)).toBe('woken');
  });

  it('wakes with an "interrupted" result on request (destroy wakes IPC waiters with -EINTR)', () => {
    const { s, c, b, q } = three();
    s.sleepOn(q, { interruptible: false });
    s.sleepOn(q);
    s.wakeAll(q, { result: 'interrupted' });
    expect(s.wakeResultOf(c)).toBe('interrupted');
    expect(s.wakeResultOf(b)).toBe('interrupted');
    s.wake(s.current); // not asleep: nothing happens
  });

  it('sync wake: the waker is preempted to the tail and the woken thread runs now', () => {
    const { s, p, a, b, c, q } = three();
    s.sleepOn(q); // c sleeps, b runs
    s.wakeOne(q, { sync: true });
    expect(s.current).toBe(c);
    expect(s.listMembers(p.runnable)).toEqual([a, b]);
    s.sleepOn(q); // c sleeps, a runs
    expect(s.wake(c, { sync: true })).toBe(true);
    expect(s.current).toBe(c);
    s.sleepOn(q);
    expect(s.interrupt(c, { sync: true })).toBe(true);
    expect(s.current).toBe(c);
    s.sleepOn(q);
    s.wakeAll(q, { sync: true });
    expect(s.current).toBe(c);
  });

  it('async wake: queued at the front; the running thread keeps the processor', () => {
    const { s, p, a, b, c, q } = three();
    s.sleepOn(q);
    s.wakeOne(q);
    expect(s.current).toBe(b);
    expect(s.needResched).toBe(false);
    expect(s.listMembers(p.runnable)).toEqual([c, a]);
  });

  it('async sleep: marked asleep, switched at the next schedule()', () => {
    const { s, b, c, q } = three();
    expect(s.sleepOn(q, { sync: false })).toBe('sleeping');
    expect(s.current).toBe(c);
    expect(s.needResched).toBe(true);
    expect(s.stateOf(c)).toBe(ThreadState.SLEEPING);
    expect(s.preempt(false)).toBe(b);
    expect(s.placement(c)).toEqual({ kind: 'waitqueue', queue: q });
  });

  it('prepare-then-sleep: a wakeup in between means the thread does not sleep', () => {
    const { s, c, q } = three();
    expect(s.prepareToSleep(q)).toBe('sleeping');
    expect(s.stateOf(c)).toBe(ThreadState.SLEEPING);
    expect(s.current).toBe(c);
    expect(s.wakeOne(q)).toBe(c); // e.g. the lock holder released it from an interrupt
    expect(s.current).toBe(c);
    expect(s.sleepPrepared()).toBe('woken');
    expect(s.current).toBe(c);
    expect(s.stateOf(c)).toBe(ThreadState.RUNNABLE);
  });

  it('prepare-then-sleep: an interrupt in between gives "interrupted" without sleeping', () => {
    const { s, c, q } = three();
    s.prepareToSleep(q);
    expect(s.interrupt(c)).toBe(true);
    expect(s.sleepPrepared()).toBe('interrupted');
    expect(s.current).toBe(c);
  });

  it('prepare-then-sleep: with no wakeup the thread sleeps; cancel undoes a prepare', () => {
    const { s, b, c, q } = three();
    s.prepareToSleep(q);
    expect(() => s.prepareToSleep(q)).toThrow(/already prepared/);
    s.cancelSleep();
    expect(s.stateOf(c)).toBe(ThreadState.RUNNABLE);
    expect(s.sleepers(q)).toBe(0);
    s.cancelSleep(); // no-op
    s.prepareToSleep(q);
    expect(s.sleepPrepared()).toBe('sleeping');
    expect(s.current).toBe(b);
    expect(() => s.sleepPrepared()).toThrow(/did not prepare/);
  });

  it('destroys only empty wait queues and reuses their ids', () => {
    const { s, q } = three();
    s.sleepOn(q);
    expect(() => { s.destroyWaitQueue(q); }).toThrow(/still has sleepers/);
    s.wakeAll(q);
    s.destroyWaitQueue(q);
    expect(() => s.sleepers(q)).toThrow(/no wait queue/);
    expect(s.createWaitQueue()).toBe(q);
  });
});
