import { describe, expect, it } from 'vitest';
import { IDLE_THREAD, Priority, Scheduler, SchedulerError, ThreadState } from '../src/index.js';
import { runTicks, spawn } from './helpers.js';

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof SchedulerError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('thread lifecycle', () => {
  it('creates inactive threads with a fresh slice, in no queue', () => {
    const s = new Scheduler();
    const t = s.create({ priority: Priority.SERVER, name: 'fs0' });
    expect(t).toBe(1);
    expect(s.stateOf(t)).toBe(ThreadState.INACTIVE);
    expect(s.placement(t)).toEqual({ kind: 'none' });
    expect(s.ticksLeftOf(t)).toBe(200);
    expect(s.nameOf(t)).toBe('fs0');
    expect(s.info(t)).toMatchObject({ id: t, name: 'fs0', priority: 6, state: ThreadState.INACTIVE, runTicks: 0 });
  });

  it('resumes an inactive thread once; resuming a runnable one is refused', () => {
    const s = new Scheduler();
    const t = s.create();
    expect(s.resume(t)).toBe(true);
    expect(s.stateOf(t)).toBe(ThreadState.RUNNABLE);
    expect(s.placement(t).kind).toBe('runqueue');
    expect(s.resume(t)).toBe(false);
    s.preempt();
    expect(s.placement(t)).toEqual({ kind: 'current' });
  });

  it('names the idle thread 0 and hands out ids lowest-first, reusing reaped ones', () => {
    const s = new Scheduler();
    expect(s.nameOf(IDLE_THREAD)).toBe('idle');
    const ids = [s.create(), s.create(), s.create()];
    expect(ids).toEqual([1, 2, 3]);
    s.exit(2);
    expect(s.create()).toBe(4); // a zombie keeps its id
    s.reap(2);
    s.exit(1);
    s.reap(1);
    expect(s.create()).toBe(1);
    expect(s.create()).toBe(2);
    expect(s.create()).toBe(5);
    expect(s.threads()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('makes an exiting thread a zombie that leaves every queue and forfeits its ticks', () => {
    const s = new Scheduler();
    const a = spawn(s);
    const b = spawn(s);
    const c = spawn(s);
    s.preempt(); // c runs
    const q = s.createWaitQueue();
    s.sleepOn(q); // c sleeps, b runs
    s.exit(c);
    expect(s.sleepers(q)).toBe(0);
    s.exit(a);
    expect(s.queuedCount).toBe(0);
    expect(s.stateOf(a)).toBe(ThreadState.ZOMBIE);
    expect(s.ticksLeftOf(a)).toBe(0);
    s.exit(b);
    expect(s.current).toBe(IDLE_THREAD);
    expect(s.totalPriority).toBe(0);
  });

  it('grows its tables past the initial capacity', () => {
    const s = new Scheduler({ initialCapacity: 4 });
    const ts: number[] = [];
    for (let i = 0; i < 1000; i++) ts.push(spawn(s, i % 11));
    s.preempt();
    runTicks(s, 50);
    expect(s.queuedCount).toBe(999);
    expect(ts.at(-1)).toBe(1000);
    expect(s.priorityOf(1000)).toBe(999 % 11);
  });

  it('changes priority, requeueing a queued thread and keeping the total consistent', () => {
    const s = new Scheduler();
    const a = spawn(s, Priority.NORMAL);
    const b = spawn(s, Priority.NORMAL);
    s.preempt();
    expect(s.totalPriority).toBe(8);
    s.setPriority(a, Priority.REALTIME);
    s.setPriority(b, Priority.LOW);
    expect(s.totalPriority).toBe(12);
    expect(s.priorityOf(a)).toBe(10);
    const c = s.create();
    s.setPriority(c, 1);
    expect(s.totalPriority).toBe(12);
  });

  it('forks: the child is inactive, with the parent priority and half its ticks', () => {
    const s = new Scheduler();
    const p = spawn(s, Priority.PAGER);
    s.preempt();
    runTicks(s, 66); // 200 left
    const c = s.fork(p);
    expect(s.stateOf(c)).toBe(ThreadState.INACTIVE);
    expect(s.priorityOf(c)).toBe(Priority.PAGER);
    expect(s.ticksLeftOf(c)).toBe(100);
    expect(s.ticksLeftOf(p)).toBe(100);
    runTicks(s, 57); // 43 left
    const d = s.fork(p, { priority: Priority.LOW, name: 'kid' });
    expect([s.ticksLeftOf(d), s.ticksLeftOf(p), s.priorityOf(d), s.nameOf(d)]).toEqual([22, 21, 2, 'kid']);
  });

  it('reports misuse with typed errors', () => {
    const s = new Scheduler();
    const t = s.create();
    expect(code(() => s.stateOf(99))).toBe('ESRCH');
    expect(code(() => s.resume(-1))).toBe('ESRCH');
    expect(code(() => s.suspend(IDLE_THREAD))).toBe('ESTATE');
    expect(code(() => { s.exit(IDLE_THREAD); })).toBe('ESTATE');
    expect(code(() => s.create({ priority: 256 }))).toBe('EINVAL');
    expect(code(() => s.create({ priority: 1.5 }))).toBe('EINVAL');
    expect(code(() => { s.setPriority(t, -1); })).toBe('EINVAL');
    expect(code(() => { s.reap(t); })).toBe('ESTATE');
    s.exit(t);
    expect(code(() => { s.exit(t); })).toBe('ESTATE');
    expect(code(() => s.fork(t))).toBe('ESTATE');
    s.reap(t);
    expect(code(() => { s.reap(t); })).toBe('ESRCH');
    expect(code(() => s.sleepOn(12345))).toBe('EQUEUE');
    expect(code(() => s.sleepOn(s.createWaitQueue()))).toBe('ESTATE'); // idle cannot sleep
    expect(code(() => new Scheduler({ ticksPerSecond: 0 }))).toBe('EINVAL');
    expect(code(() => new Scheduler({ granularity: 0.5 }))).toBe('EINVAL');
    expect(code(() => s.listMembers(1 << 20))).toBe('EQUEUE');
    const err = new SchedulerError('ESRCH', 'no thread 7');
    expect(err.message).toBe('no thread 7');
    expect(err.name).toBe('SchedulerError');
    expect(err).toBeInstanceOf(Error);
  });

  it('refuses to share a policy between two schedulers', () => {
    const s = new Scheduler();
    expect(code(() => new Scheduler({ policy: s.policy }))).toBe('ESTATE');
  });

  it('accounts every tick to exactly one thread or idle', () => {
    const s = new Scheduler();
    runTicks(s, 7);
    const a = spawn(s);
    spawn(s, Priority.LOW);
    s.preempt();
    runTicks(s, 500);
    s.exit(a);
    runTicks(s, 500);
    const acc = s.accounting();
    expect(acc.now).toBe(1007);
    expect(acc.idleTicks + acc.charged).toBe(acc.now);
    expect(acc.granted).toBe(acc.consumed + acc.outstanding + acc.forfeited);
    expect(s.runTicksOf(IDLE_THREAD)).toBe(acc.idleTicks);
  });
});
