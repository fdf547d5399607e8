import { describe, expect, it } from 'vitest';
import { CodezeroPolicy, Scheduler, ThreadState } from '../src/index.js';
import { runTicks, spawn } from './helpers.js';

function setup(): { s: Scheduler; p: CodezeroPolicy; pager: number; t: number; q: number } {
  const p = new CodezeroPolicy();
  const s = new Scheduler({ policy: p });
  const t = spawn(s);
  const pager = spawn(s);
  s.preempt(); // pager runs, t is queued (never ran: a safe point)
  return { s, p, pager, t, q: s.createWaitQueue() };
}

describe('suspension', () => {
  it('suspends an inactive thread trivially', () => {
    const { s } = setup();
    const x = s.create();
    expect(s.suspend(x)).toBe(true);
    expect(s.suspendPending(x)).toBe(false);
  });

  it('suspends at once a queued thread that never ran or was preempted in user mode', () => {
    const { s, pager, t } = setup();
    expect(s.suspend(t)).toBe(true);
    expect(s.stateOf(t)).toBe(ThreadState.INACTIVE);
    expect(s.placement(t)).toEqual({ kind: 'none' });
    expect(s.totalPriority).toBe(s.priorityOf(pager));
    s.resume(t);
    runTicks(s, 100); // pager preempted in user mode
    expect(s.current).toBe(t);
    expect(s.suspend(pager)).toBe(true);
  });

  it('keeps the request pending for a thread woken inside a syscall, until its syscall ends', () => {
    const { s, pager, t, q } = setup();
    s.yield(); // t runs
    s.sleepOn(q, { interruptible: false }); // t blocks in a syscall
    s.wakeOne(q); // it will resume inside that syscall
    expect(s.suspend(t)).toBe(false);
    expect(s.suspendPending(t)).toBe(true);
    expect(s.stateOf(t)).toBe(ThreadState.RUNNABLE);
    s.yield(); // pager yields, t finishes its syscall
    expect(s.current).toBe(t);
    expect(s.syscallExit()).toBe(pager);
    expect(s.stateOf(t)).toBe(ThreadState.INACTIVE);
    expect(s.suspendPending(t)).toBe(false);
  });

  it('does not suspend the running thread from a tick that interrupted the kernel', () => {
    const { s, pager, t } = setup();
    s.yield(); // t runs
    expect(s.suspend(t)).toBe(false);
    s.tick(false);
    s.preempt(false);
    expect(s.stateOf(t)).toBe(ThreadState.RUNNABLE);
    expect(s.current).toBe(t);
    s.tick(true); // the next tick in user mode honours it
    expect(s.stateOf(t)).toBe(ThreadState.INACTIVE);
    expect(s.preempt(true)).toBe(pager);
  });

  it('honours a pending suspend at the IRQ exit from user mode', () => {
    const { s, pager, t } = setup();
    s.yield();
    s.suspend(t);
    expect(s.preempt(true)).toBe(pager);
    expect(s.stateOf(t)).toBe(ThreadState.INACTIVE);
  });

  it('honours a pending suspend of the caller itself at the end of its syscall', () => {
    const { s, pager, t } = setup();
    expect(s.suspend(pager)).toBe(false);
    expect(s.current).toBe(pager);
    expect(s.syscallExit()).toBe(t);
    expect(s.stateOf(pager)).toBe(ThreadState.INACTIVE);
  });

  it('interrupts an interruptible sleep; the thread suspends when its syscall returns', () => {
    const { s, pager, t, q } = setup();
    s.yield();
    s.sleepOn(q);
    expect(s.suspend(t)).toBe(false);
    expect(s.wakeResultOf(t)).toBe('interrupted');
    s.yield(); // t returns -EINTR from its syscall
    expect(s.current).toBe(t);
    expect(s.syscallExit()).toBe(pager);
    expect(s.stateOf(t)).toBe(ThreadState.INACTIVE);
  });

  it('leaves an uninterruptible sleep alone until it is woken', () => {
    const { s, t, q } = setup();
    s.yield();
    s.sleepOn(q, { interruptible: false });
    expect(s.suspend(t)).toBe(false);
    expect(s.stateOf(t)).toBe(ThreadState.SLEEPING);
    s.wakeOne(q);
    expect(s.wakeResultOf(t)).toBe('woken');
    expect(s.suspendPending(t)).toBe(true);
  });

  it('lets a pending suspend stop an interruptible sleep before it starts', () => {
    const { s, pager, q } = setup();
    s.suspend(pager);
    expect(s.sleepOn(q)).toBe('interrupted');
    expect(s.current).toBe(pager);
    expect(s.prepareToSleep(q)).toBe('interrupted');
    expect(s.sleepOn(q, { interruptible: false })).toBe('sleeping');
  });

  it('interrupts a prepared sleep of the running thread', () => {
    const { s, pager, q } = setup();
    s.prepareToSleep(q);
    expect(s.suspend(pager)).toBe(false);
    expect(s.sleepPrepared()).toBe('interrupted');
    expect(s.current).toBe(pager);
  });

  it('lets the pager wait until the target is inactive (SUSPEND waits)', () => {
    const { s, pager, t } = setup();
    s.yield();
    s.yield(); // pager runs again; t ran, yielded inside a syscall: not a safe point
    expect(s.current).toBe(pager);
    expect(s.suspend(t)).toBe(false);
    expect(s.waitInactive(t)).toBe('sleeping');
    expect(s.current).toBe(t);
    s.syscallExit(); // t reaches its safe point
    expect(s.stateOf(t)).toBe(ThreadState.INACTIVE);
    expect(s.current).toBe(pager);
    expect(s.wakeResultOf(pager)).toBe('woken');
    expect(s.waitInactive(t)).toBe('woken'); // already inactive
  });

  it('lets a parent wait for a child to exit (WAIT)', () => {
    const { s, pager, t } = setup();
    expect(s.waitInactive(t)).toBe('sleeping');
    expect(s.current).toBe(t);
    s.exit(t);
    expect(s.current).toBe(pager);
    expect(s.waitInactive(t)).toBe('woken');
    s.reap(t);
  });

  it('resumes a suspended thread at the front of runnable', () => {
    const { s, p, t } = setup();
    const u = spawn(s);
    s.suspend(t);
    s.resume(t);
    expect(s.listMembers(p.runnable)).toEqual([t, u]);
  });
});
