import { describe, expect, it } from 'vitest';
import { FixedPriorityPolicy, IDLE_THREAD, MAX_PRIORITY, Scheduler, TraceRecorder } from '../src/index.js';
import { dispatchOrder, runTicks, spawn } from './helpers.js';

function setup(quantum = 10): Scheduler {
  return new Scheduler({ policy: new FixedPriorityPolicy({ quantum }) });
}

describe('fixed-priority policy', () => {
  it('always runs the highest runnable priority', () => {
    const s = setup();
    const lo = spawn(s, 3);
    const hi = spawn(s, 200);
    const mid = spawn(s, 50);
    s.preempt();
    expect(s.current).toBe(hi);
    runTicks(s, 1000);
    expect(s.runTicksOf(hi)).toBe(1000);
    expect(s.runTicksOf(mid) + s.runTicksOf(lo)).toBe(0);
    s.exit(hi);
    expect(s.current).toBe(mid);
    s.exit(mid);
    expect(s.current).toBe(lo);
  });

  it('round-robins threads of one level with a fixed quantum', () => {
    const s = setup(5);
    const a = spawn(s, 7);
    const b = spawn(s, 7);
    const c = spawn(s, 7);
    s.preempt();
    expect(dispatchOrder(s, 30)).toEqual([a, b, c, a, b, c, a]);
    expect(s.policy.timeslice(7)).toBe(5);
    expect(s.ticksLeftOf(a)).toBe(5);
  });

  it('uses all 256 levels, 0 and 255 included', () => {
    const s = setup();
    const zero = spawn(s, 0);
    const top = spawn(s, MAX_PRIORITY);
    const mid = spawn(s, 128);
    s.preempt();
    expect(s.current).toBe(top);
    s.exit(top);
    expect(s.current).toBe(mid);
    s.exit(mid);
    expect(s.current).toBe(zero);
    s.exit(zero);
    expect(s.current).toBe(IDLE_THREAD);
  });

  it('preempts on the wakeup of a higher priority, not of an equal or lower one', () => {
    const s = setup();
    const lo = spawn(s, 10);
    s.preempt();
    const q = s.createWaitQueue();
    const hi = spawn(s, 20);
    expect(s.needResched).toBe(true);
    expect(s.preempt()).toBe(hi);
    s.sleepOn(q);
    expect(s.current).toBe(lo);
    const peer = spawn(s, 10);
    expect(s.needResched).toBe(false);
    s.wakeOne(q);
    expect(s.needResched).toBe(true);
    expect(s.preempt()).toBe(hi);
    expect(s.pickNext()).toBe(lo); // lo was preempted: head of level 10, ahead of its peer
    expect(s.stateOf(peer)).toBe(1);
  });

  it('puts a preempted thread back at the head of its level to finish its slice', () => {
    const s = setup(10);
    const a = spawn(s, 10);
    const b = spawn(s, 10);
    s.preempt();
    expect(s.current).toBe(a);
    runTicks(s, 4);
    const hi = spawn(s, 99);
    s.preempt();
    expect(s.current).toBe(hi);
    s.exit(hi);
    expect(s.current).toBe(a); // not b: a was preempted, it resumes its slice
    expect(s.ticksLeftOf(a)).toBe(6);
    expect(s.pickNext()).toBe(b);
  });

  it('gives a yielding thread a fresh slice at the back of its level', () => {
    const s = setup(10);
    const a = spawn(s, 10);
    const b = spawn(s, 10);
    s.preempt();
    runTicks(s, 3);
    expect(s.yield()).toBe(b);
    expect(s.ticksLeftOf(a)).toBe(10);
    expect(s.pickNext()).toBe(a);
  });

  it('keeps the bitmap right when queued threads leave (suspend, exit, priority change)', () => {
    const s = setup();
    const cur = spawn(s, 1);
    s.preempt();
    const x = s.create({ priority: 40 });
    s.resume(x);
    s.suspend(x); // never ran: suspended at once, leaving level 40 empty
    const y = spawn(s, 30);
    s.setPriority(y, 60);
    const z = spawn(s, 60);
    s.exit(z);
    expect(s.pickNext()).toBe(y);
    s.setPriority(y, 2);
    expect(s.preempt()).toBe(y);
    s.exit(y);
    expect(s.current).toBe(cur);
    expect(s.pickNext()).toBe(IDLE_THREAD);
  });

  it('has a name and refuses a bad quantum', () => {
    expect(new FixedPriorityPolicy().name).toBe('fixed-priority');
    expect(() => new FixedPriorityPolicy({ quantum: 0 })).toThrow(/quantum/);
  });

  it('renders a trace like any other policy', () => {
    const trace = new TraceRecorder();
    const s = new Scheduler({ policy: new FixedPriorityPolicy({ quantum: 2 }), trace });
    spawn(s, 5);
    spawn(s, 5);
    s.preempt();
    runTicks(s, 8);
    expect(trace.spans(s.now).map((x) => x.end - x.start)).toEqual([0, 2, 2, 2, 2]);
  });
});
