import { describe, expect, it } from 'vitest';
import { CodezeroPolicy, IDLE_THREAD, Priority, Scheduler, TraceRecorder } from '../src/index.js';
import { dispatchOrder, runTicks, spawn } from './helpers.js';

function setup(): { s: Scheduler; p: CodezeroPolicy } {
  const p = new CodezeroPolicy();
  return { s: new Scheduler({ policy: p }), p };
}

describe('Codezero policy: queue placement', () => {
  it('puts started and woken threads at the front of runnable', () => {
    const { s, p } = setup();
    const a = spawn(s);
    const b = spawn(s);
    const c = spawn(s);
    expect(s.listMembers(p.runnable)).toEqual([c, b, a]);
    s.preempt();
    expect(s.current).toBe(c);
    const q = s.createWaitQueue();
    s.sleepOn(q);
    expect(s.current).toBe(b);
    expect(s.listMembers(p.runnable)).toEqual([a]);
    s.wakeOne(q);
    expect(s.listMembers(p.runnable)).toEqual([c, a]);
  });

  it('puts a preempted thread with ticks left at the tail of runnable', () => {
    const { s, p } = setup();
    const a = spawn(s);
    const b = spawn(s);
    const c = spawn(s);
    s.preempt();
    expect(s.current).toBe(c);
    runTicks(s, 100); // the granularity bound ends c's stretch with 33 ticks left
    expect(s.current).toBe(b);
    expect(s.listMembers(p.runnable)).toEqual([a, c]);
    expect(s.ticksLeftOf(c)).toBe(33);
  });

  it('puts a thread whose slice ran out at the tail of expired; its fresh slice comes with its next turn', () => {
    const { s, p } = setup();
    const a = spawn(s);
    const b = spawn(s);
    s.preempt(); // b runs
    runTicks(s, 100); // b → tail of runnable (33 left), a runs
    expect(s.current).toBe(a);
    runTicks(s, 100); // a → tail (33 left), b runs
    runTicks(s, 33); // b expires
    expect(s.current).toBe(a);
    expect(s.listMembers(p.expired)).toEqual([b]);
    expect(s.ticksLeftOf(b)).toBe(0); // waiting for the next round
    runTicks(s, 33); // a expires too: the queues swap and b starts its new round
    expect(s.current).toBe(b);
    expect(s.ticksLeftOf(b)).toBe(133);
    expect(s.accounting().granted).toBe(133 * 3);
  });

  it('swaps the queues when runnable empties, and runs idle when both are empty', () => {
    const { s, p } = setup();
    const a = spawn(s);
    s.preempt();
    const swaps = p.swaps;
    runTicks(s, 133); // a alone: 100 + 33 ticks, then expired, then the swap brings it back
    expect(s.current).toBe(a);
    expect(p.swaps).toBe(swaps + 1);
    expect(s.ticksLeftOf(a)).toBe(133);
    const q = s.createWaitQueue();
    s.sleepOn(q);
    expect(s.current).toBe(IDLE_THREAD);
    expect(s.listMembers(p.runnable)).toEqual([]);
    expect(s.listMembers(p.expired)).toEqual([]);
  });

  it('runs six threads created and started in a row in reverse order first', () => {
    const { s } = setup();
    const parent = spawn(s, Priority.PAGER);
    s.preempt();
    expect(s.current).toBe(parent);
    const kids = [1, 2, 3, 4, 5, 6].map(() => spawn(s));
    expect(s.needResched).toBe(false); // starting threads does not preempt the starter
    const order: number[] = [];
    const q = s.createWaitQueue();
    s.sleepOn(q); // the parent blocks (as after its last thread_control)
    order.push(s.current);
    for (let i = 0; i < 5; i++) {
      s.exit(s.current);
      order.push(s.current);
    }
    expect(order).toEqual([...kids].reverse());
  });

  it('never lets a thread run more than the granularity bound while others are runnable', () => {
    const trace = new TraceRecorder();
    const s = new Scheduler({ trace });
    for (const prio of [Priority.REALTIME, Priority.PAGER, Priority.NORMAL]) spawn(s, prio);
    s.preempt();
    runTicks(s, 5000);
    const spans = trace.spans(s.now).filter((x) => x.tid !== IDLE_THREAD);
    expect(spans.length).toBeGreaterThan(30);
    for (const x of spans) expect(x.end - x.start).toBeLessThanOrEqual(100);
    expect(spans.some((x) => x.reason === 'granularity')).toBe(true);
    expect(spans.some((x) => x.reason === 'expired')).toBe(true);
  });

  it('requests a reschedule from the tick, and preempts only at the preemption point', () => {
    const { s } = setup();
    const a = spawn(s);
    const b = spawn(s);
    s.preempt();
    expect(s.current).toBe(b);
    for (let i = 0; i < 99; i++) expect(s.tick()).toBe(false);
    expect(s.tick()).toBe(true);
    expect(s.current).toBe(b); // tick only flags
    expect(s.preempt()).toBe(a);
  });

  it('lets a yielding thread keep its ticks and go to the tail of runnable', () => {
    const { s, p } = setup();
    const a = spawn(s);
    const b = spawn(s);
    s.preempt();
    runTicks(s, 10);
    expect(s.yield()).toBe(a);
    expect(s.listMembers(p.runnable)).toEqual([b]);
    expect(s.ticksLeftOf(b)).toBe(123);
  });

  it('sends a woken thread with no ticks left to the expired queue; it gets a fresh slice when it runs', () => {
    const { s, p } = setup();
    const a = spawn(s);
    const b = spawn(s);
    s.preempt(); // b
    runTicks(s, 100);
    runTicks(s, 100); // a ran 100, b runs again with 33
    expect(s.current).toBe(b);
    for (let i = 0; i < 33; i++) s.tick(); // kernel has not rescheduled yet
    expect(s.ticksLeftOf(b)).toBe(0);
    const q = s.createWaitQueue();
    s.sleepOn(q); // b blocks with an empty slice
    expect(s.current).toBe(a);
    s.wakeOne(q);
    expect(s.listMembers(p.expired)).toEqual([b]);
    expect(s.ticksLeftOf(b)).toBe(0);
    runTicks(s, 33); // a's slice ends: swap, b's turn, and its fresh slice
    expect(s.current).toBe(b);
    expect(s.ticksLeftOf(b)).toBe(133);
  });

  it('gives CPU-bound threads of equal priority equal shares', () => {
    const s = new Scheduler();
    const ts = [1, 2, 3, 4].map(() => spawn(s));
    s.preempt();
    runTicks(s, 133 * 4 * 5);
    for (const t of ts) expect(s.runTicksOf(t)).toBe(133 * 5);
  });

  it('gives CPU-bound threads shares proportional to priority', () => {
    const s = new Scheduler();
    const hi = spawn(s, Priority.PAGER);
    const lo = spawn(s, Priority.NORMAL);
    s.preempt();
    runTicks(s, (266 + 133) * 6);
    expect(s.runTicksOf(hi)).toBe(266 * 6);
    expect(s.runTicksOf(lo)).toBe(133 * 6);
  });

  it('dispatches in a stable order (deterministic)', () => {
    const a = setup();
    const b = setup();
    for (const { s } of [a, b]) {
      spawn(s, Priority.LOW);
      spawn(s, Priority.SERVER);
      spawn(s, Priority.REALTIME);
      s.preempt();
    }
    expect(dispatchOrder(a.s, 3000)).toEqual(dispatchOrder(b.s, 3000));
  });

  it('peeks at the next thread without switching: runnable first, then expired, then idle', () => {
    const { s, p } = setup();
    expect(s.pickNext()).toBe(IDLE_THREAD);
    const a = spawn(s);
    const b = spawn(s);
    expect(s.pickNext()).toBe(b);
    expect(s.current).toBe(IDLE_THREAD);
    s.preempt(); // b
    runTicks(s, 100);
    runTicks(s, 100); // b again, 33 left
    runTicks(s, 33); // b expires; a runs with 33 left, b waits in expired
    expect(s.current).toBe(a);
    expect(s.listMembers(p.runnable)).toEqual([]);
    expect(s.pickNext()).toBe(b);
    expect(s.current).toBe(a);
  });
});

describe('Codezero policy: yield', () => {
  it('a plain yield keeps the slice and goes to the tail of runnable', () => {
    const { s, p } = setup();
    const a = spawn(s);
    const b = spawn(s);
    s.preempt(); // b runs
    runTicks(s, 10);
    s.yield();
    expect(s.current).toBe(a);
    expect(s.listMembers(p.runnable)).toEqual([b]);
    expect(s.ticksLeftOf(b)).toBe(123);
  });

  it('a forfeiting yield gives up the slice: the thread waits on expired behind everyone of this round', () => {
    const { s, p } = setup();
    const a = spawn(s);
    const b = spawn(s);
    s.preempt(); // b runs
    runTicks(s, 10);
    s.yield({ forfeit: true });
    expect(s.current).toBe(a);
    expect(s.listMembers(p.runnable)).toEqual([]);
    expect(s.listMembers(p.expired)).toEqual([b]);
    expect(s.ticksLeftOf(b)).toBe(0);
    const acc = s.accounting();
    expect(acc.forfeited).toBe(123);
    expect(acc.granted).toBe(acc.consumed + acc.forfeited + acc.outstanding);
    // A thread that forfeits on every turn without spending a tick cannot keep a waiting one off the processor.
    runTicks(s, 133); // a uses up its slice and goes to expired behind b
    expect(s.current).toBe(b);
    expect(s.ticksLeftOf(b)).toBe(133);
    s.yield({ forfeit: true });
    expect(s.current).toBe(a);
  });
});
