/**
 * Random operation sequences run against both the Scheduler and the reference Model, with
 * the invariants checked after every step. Shared by the fast and the long property tests.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { ThreadId, TraceSink } from '../src/index.js';
import { CodezeroPolicy, FixedPriorityPolicy, IDLE_THREAD, Scheduler, ThreadState } from '../src/index.js';
import type { ModelPolicy } from './model.js';
import { Model } from './model.js';

export type Op =
  | { readonly k: 'tick'; readonly user: boolean; readonly n: number }
  | { readonly k: 'spawn'; readonly prio: number; readonly start: boolean }
  | { readonly k: 'fork'; readonly start: boolean }
  | { readonly k: 'resume'; readonly pick: number; readonly sync: boolean }
  | { readonly k: 'sleep'; readonly q: number; readonly interruptible: boolean; readonly sync: boolean }
  | { readonly k: 'prepared'; readonly q: number; readonly between: 'none' | 'wake' | 'interrupt' | 'cancel' }
  | { readonly k: 'wakeOne' | 'wakeAll'; readonly q: number; readonly sync: boolean }
  | { readonly k: 'wake'; readonly pick: number; readonly sync: boolean }
  | { readonly k: 'interrupt' | 'suspend' | 'waitInactive' | 'exit' | 'reap'; readonly pick: number }
  | { readonly k: 'setPriority'; readonly pick: number; readonly prio: number }
  | { readonly k: 'syscallExit' | 'yield' }
  | { readonly k: 'bounce'; readonly pick: number };

const QUEUES = 3;

/**
 * Random operations. With `bounce`, a fifth of them are a pager's suspend-then-resume of a
 * thread waiting on a runqueue (no resume when the suspend is left pending): the way a
 * queued thread gets taken off its queue and queued again, over and over. Without it the generator is the one the
 * fixed seeds were recorded with.
 */
export function opArb(maxPrio: number, options: { readonly bounce?: boolean } = {}): fc.Arbitrary<Op> {
  const base = baseOpArb(maxPrio);
  if (options.bounce !== true) return base;
  const bounce = fc.record({ k: fc.constant('bounce' as const), pick: fc.nat(64) });
  return fc.oneof({ arbitrary: base, weight: 4 }, { arbitrary: bounce, weight: 1 });
}

/**
 * A pager's workload: `threads` started threads of random priority (1..maxPrio), then
 * user-mode ticks interleaved with the pager bouncing a queued thread (suspend + resume) or
 * setting a thread's priority (often to the one it has). Few threads and no sleepers keep
 * the wait bound tight, so a thread that gets more than its share shows up quickly.
 */
export function pagerOpsArb(maxPrio: number): fc.Arbitrary<Op[]> {
  const spawn = fc.record({ k: fc.constant('spawn' as const), prio: fc.integer({ min: 1, max: maxPrio }), start: fc.constant(true) });
  const op = fc.oneof(
    { arbitrary: fc.record({ k: fc.constant('tick' as const), user: fc.constant(true), n: fc.integer({ min: 1, max: 6 }) }), weight: 3 },
    { arbitrary: fc.record({ k: fc.constant('bounce' as const), pick: fc.nat(64) }), weight: 3 },
    fc.record({ k: fc.constant('setPriority' as const), pick: fc.nat(64), prio: fc.integer({ min: 1, max: maxPrio }) }),
    fc.record({ k: fc.constant('yield' as const) }),
  );
  return fc.tuple(fc.array(spawn, { minLength: 2, maxLength: 5 }), fc.array(op, { maxLength: 120, size: 'max' })).map(([a, b]) => [...a, ...b]);
}

function baseOpArb(maxPrio: number): fc.Arbitrary<Op> {
  const pick = fc.nat(64);
  const q = fc.nat(QUEUES - 1);
  const prio = fc.integer({ min: 0, max: maxPrio });
  return fc.oneof(
    { arbitrary: fc.record({ k: fc.constant('tick' as const), user: fc.boolean(), n: fc.integer({ min: 1, max: 120 }) }), weight: 6 },
    { arbitrary: fc.record({ k: fc.constant('spawn' as const), prio, start: fc.boolean() }), weight: 3 },
    fc.record({ k: fc.constant('fork' as const), start: fc.boolean() }),
    fc.record({ k: fc.constant('resume' as const), pick, sync: fc.boolean() }),
    { arbitrary: fc.record({ k: fc.constant('sleep' as const), q, interruptible: fc.boolean(), sync: fc.boolean() }), weight: 3 },
    fc.record({ k: fc.constant('prepared' as const), q, between: fc.constantFrom('none' as const, 'wake' as const, 'interrupt' as const, 'cancel' as const) }),
    { arbitrary: fc.record({ k: fc.constantFrom('wakeOne' as const, 'wakeAll' as const), q, sync: fc.boolean() }), weight: 3 },
    fc.record({ k: fc.constant('wake' as const), pick, sync: fc.boolean() }),
    fc.record({ k: fc.constantFrom('interrupt' as const, 'suspend' as const, 'waitInactive' as const, 'exit' as const, 'reap' as const), pick }),
    fc.record({ k: fc.constant('setPriority' as const), pick, prio }),
    fc.record({ k: fc.constantFrom('syscallExit' as const, 'yield' as const) }),
  );
}

/** Records the last tick at which each thread was switched in or out. */
class SwitchLog implements TraceSink {
  readonly last = new Map<ThreadId, number>();
  onSwitch(now: number, prev: ThreadId, next: ThreadId): void {
    this.last.set(prev, now);
    this.last.set(next, now);
  }
}

const TPS = 100; // 1..33-tick slices, granularity 10: many expiries and swaps per run
const QUANTUM = 4;

/** Run one op sequence against scheduler and model, checking everything after every step. */
export function runAgainstModel(policy: ModelPolicy, ops: readonly Op[]): void {
  const log = new SwitchLog();
  const s = new Scheduler({
    ticksPerSecond: TPS,
    initialCapacity: 4,
    trace: log,
    policy: policy === 'codezero' ? new CodezeroPolicy(TPS) : new FixedPriorityPolicy({ quantum: QUANTUM }),
  });
  const m = new Model(policy, TPS, s.granularity, QUANTUM);
  const wq: number[] = [];
  for (let i = 0; i < QUEUES; i++) {
    const id = s.createWaitQueue();
    wq.push(id);
    m.wqs.set(id, []);
  }
  const bound = new WaitBound(log);

  for (const op of ops) {
    const live = s.threads().filter((t) => t !== IDLE_THREAD);
    const chosen = live.length === 0 ? -1 : live[('pick' in op ? op.pick : 0) % live.length]!;
    const cur = s.current;
    const curRunnable = cur !== IDLE_THREAD && s.stateOf(cur) === ThreadState.RUNNABLE && s.info(cur).waitQueue === -1;
    switch (op.k) {
      case 'tick':
        for (let i = 0; i < op.n; i++) {
          s.tick(op.user);
          m.tick(op.user);
          s.preempt(op.user);
          m.preempt(op.user);
          checkLight(s, m);
          bound.check(s);
        }
        break;
      case 'spawn': {
        const t = s.create({ priority: op.prio });
        expect(m.create(op.prio)).toBe(t);
        bound.extra += s.ticksLeftOf(t) + s.policy.timeslice(op.prio);
        if (op.start) {
          s.resume(t);
          m.resume(t, false);
        }
        break;
      }
      case 'fork': {
        if (cur === IDLE_THREAD) break;
        const t = s.fork(cur);
        m.fork(cur, t);
        bound.extra += 1 + s.ticksLeftOf(t) + s.policy.timeslice(s.priorityOf(t));
        if (op.start) {
          s.resume(t);
          m.resume(t, false);
        }
        break;
      }
      case 'resume':
        if (chosen < 0) break;
        expect(s.resume(chosen, { sync: op.sync })).toBe(m.t(chosen).state === 'inactive');
        m.resume(chosen, op.sync);
        break;
      case 'sleep':
        if (!curRunnable) break;
        expect(s.sleepOn(wq[op.q]!, { interruptible: op.interruptible, sync: op.sync })).toBe(m.sleepOn(wq[op.q]!, op.interruptible, op.sync));
        break;
      case 'prepared': {
        if (!curRunnable) break;
        const q = wq[op.q]!;
        const r = s.prepareToSleep(q);
        expect(m.prepare(q, true)).toBe(r);
        if (r !== 'sleeping') break;
        if (op.between === 'cancel') {
          s.cancelSleep();
          m.t(cur).state = 'runnable';
          m.t(cur).prepared = false;
          m.wqs.get(q)!.pop();
          break;
        }
        if (op.between === 'wake') expect(s.wake(cur)).toBe(m.wake(cur, false));
        if (op.between === 'interrupt') expect(s.interrupt(cur)).toBe(m.interrupt(cur));
        expect(s.sleepPrepared()).toBe(m.sleepPrepared(true));
        break;
      }
      case 'wakeOne':
        expect(s.wakeOne(wq[op.q]!, { sync: op.sync })).toBe(m.wakeOne(wq[op.q]!, op.sync));
        break;
      case 'wakeAll':
        expect(s.wakeAll(wq[op.q]!, { sync: op.sync })).toBe(m.wakeAll(wq[op.q]!, op.sync));
        break;
      case 'wake':
        if (chosen < 0) break;
        expect(s.wake(chosen, { sync: op.sync })).toBe(m.wake(chosen, op.sync));
        break;
      case 'interrupt':
        if (chosen < 0) break;
        expect(s.interrupt(chosen)).toBe(m.interrupt(chosen));
        break;
      case 'suspend':
        if (chosen < 0) break;
        expect(s.suspend(chosen)).toBe(m.suspend(chosen));
        break;
      case 'waitInactive': {
        if (chosen < 0 || !curRunnable || chosen === cur) break;
        const r = s.waitInactive(chosen);
        if (r === 'sleeping') {
          const q = s.info(cur).waitQueue;
          const target = m.t(chosen);
          if (target.waiters === null) {
            target.waiters = q;
            m.wqs.set(q, []);
          }
          expect(m.sleepOn(q, true, true)).toBe('sleeping');
        } else if (r === 'interrupted') {
          // The waiter has a suspend pending: its interruptible wait does not start.
          expect(m.prepare(wq[0]!, true)).toBe('interrupted');
        } else {
          expect(['inactive', 'zombie']).toContain(m.t(chosen).state);
        }
        break;
      }
      case 'exit':
        if (chosen < 0 || s.stateOf(chosen) === ThreadState.ZOMBIE) break;
        s.exit(chosen);
        m.exit(chosen);
        break;
      case 'reap':
        if (chosen < 0 || s.stateOf(chosen) !== ThreadState.ZOMBIE) break;
        s.reap(chosen);
        m.reap(chosen);
        break;
      case 'setPriority':
        if (chosen < 0) break;
        if (op.prio > s.priorityOf(chosen)) bound.extra += s.policy.timeslice(op.prio);
        s.setPriority(chosen, op.prio);
        m.setPriority(chosen, op.prio);
        break;
      case 'bounce': {
        // An adversarial pager: it bounces the thread at the tail of the last queue the policy
        // serves (under Codezero, the one that used up its slice last and waits for the next
        // round), but never the only thread of that queue.
        const lists = s.policy.queues();
        const last = s.listMembers(lists[lists.length - 1]!);
        const target = last.length >= 2 ? last[last.length - 1]! : -1;
        if (target < 0) break;
        const done = s.suspend(target);
        expect(m.suspend(target)).toBe(done);
        if (!done) break;
        expect(s.resume(target)).toBe(m.t(target).state === 'inactive');
        m.resume(target, false);
        break;
      }
      case 'syscallExit':
        s.syscallExit();
        m.syscallExit();
        break;
      case 'yield':
        if (cur === IDLE_THREAD) break;
        s.yield();
        m.yield();
        break;
    }
    check(s, m, policy, wq);
    bound.check(s);
  }
}

/** Light per-tick comparison: who runs and whether a reschedule is pending. */
function checkLight(s: Scheduler, m: Model): void {
  if (s.current !== m.cur || s.needResched !== m.resched) {
    expect({ cur: s.current, resched: s.needResched, now: s.now }).toEqual({ cur: m.cur, resched: m.resched, now: m.now });
  }
}

const STATE_NAMES = ['inactive', 'runnable', 'sleeping', 'zombie'];

/** Compare with the model and check the structural invariants. */
function check(s: Scheduler, m: Model, policy: ModelPolicy, wq: readonly number[]): void {
  const ids = s.threads();
  const runqueues = s.policy.queues();
  const waitQueues = [...new Set([...wq, ...m.wqs.keys()])];
  // Same threads, same fields, same queues in the same order.
  const real = {
    ids,
    cur: s.current,
    resched: s.needResched,
    now: s.now,
    threads: ids.filter((t) => t !== IDLE_THREAD).map((t) => {
      const i = s.info(t);
      return [t, STATE_NAMES[i.state], i.ticksLeft, i.runTicks, i.suspendPending, i.priority, i.state === ThreadState.RUNNABLE ? i.lastWake : '-'];
    }),
    runqueues: runqueues.map((l) => s.listMembers(l)),
    waitqueues: waitQueues.map((q) => s.listMembers(q)),
    queued: s.queuedCount,
    totalPriority: s.totalPriority,
  };
  const model = {
    ids: [...m.threads.keys()].sort((a, b) => a - b),
    cur: m.cur,
    resched: m.resched,
    now: m.now,
    threads: real.ids.filter((t) => t !== IDLE_THREAD && m.threads.has(t)).map((t) => {
      const mt = m.t(t);
      return [t, mt.state, mt.left, mt.ran, mt.suspend, mt.prio, mt.state === 'runnable' ? mt.wake : '-'];
    }),
    runqueues: policy === 'codezero' ? [m.runnable, m.expired] : runqueues.map((_, i) => m.levels[255 - i]),
    waitqueues: waitQueues.map((q) => m.wqs.get(q)),
    queued: m.queuedCount(),
    totalPriority: m.totalPriority(),
  };
  if (JSON.stringify(real) !== JSON.stringify(model)) expect(real).toEqual(model);

  // Every thread is in exactly one place, consistent with its state.
  const seen = new Map<ThreadId, string>();
  const problems: string[] = [];
  const place = (where: string, list: readonly number[]): void => {
    for (const t of list) {
      if (seen.has(t)) problems.push(`thread ${t} in ${where} and ${seen.get(t) ?? ''}`);
      seen.set(t, where);
    }
  };
  let queued = 0;
  runqueues.forEach((l, i) => {
    queued += real.runqueues[i]!.length;
    place(`runqueue ${l}`, real.runqueues[i]!);
  });
  waitQueues.forEach((q, i) => {
    place(`waitqueue ${q}`, real.waitqueues[i]!);
  });
  if (s.current !== IDLE_THREAD && !seen.has(s.current)) seen.set(s.current, 'current');
  if (seen.has(IDLE_THREAD)) problems.push('idle is on a queue');
  for (const t of ids) {
    if (t === IDLE_THREAD) continue;
    const where = seen.get(t) ?? 'none';
    const st = s.stateOf(t);
    if (st === ThreadState.RUNNABLE && !(where === 'current' || where.startsWith('runqueue'))) problems.push(`runnable ${t} is in ${where}`);
    if (st === ThreadState.SLEEPING && !where.startsWith('waitqueue')) problems.push(`sleeping ${t} is in ${where}`);
    if ((st === ThreadState.INACTIVE || st === ThreadState.ZOMBIE) && where !== 'none') problems.push(`inactive/zombie ${t} is in ${where}`);
    const p = s.placement(t);
    const pw = p.kind === 'none' || p.kind === 'current' ? p.kind : `${p.kind} ${p.queue}`;
    if (pw !== where) problems.push(`placement of ${t} says ${pw}, lists say ${where}`);
  }
  // Counts match.
  if (s.queuedCount !== queued) problems.push(`queuedCount ${s.queuedCount} but ${queued} queued`);
  // Ticks are conserved.
  const acc = s.accounting();
  if (acc.idleTicks + acc.charged !== acc.now) problems.push(`idle ${acc.idleTicks} + charged ${acc.charged} ≠ now ${acc.now}`);
  if (acc.charged !== acc.consumed) problems.push(`charged ${acc.charged} ≠ consumed ${acc.consumed}`);
  if (acc.granted !== acc.consumed + acc.outstanding + acc.forfeited) problems.push(`granted ≠ consumed + outstanding + forfeited: ${JSON.stringify(acc)}`);
  expect(problems).toEqual([]);
}

/**
 * The starvation bound (Codezero policy only). A runnable thread X that waits on a
 * runqueue from tick t0 runs again within
 *   B(X) = Σ_{j ≠ X} (ticksLeft_j(t0) + slice_j) + (budget of threads created, forked or raised in priority since t0)
 * ticks. While X waits, another thread j consumes at most what was left of its slice plus
 * one fresh slice: a thread whose slice is empty waits on the expired queue, however it got
 * there, and gets its fresh slice only when it is picked; a pick from the expired queue
 * needs a swap, and the queues swap at most once before X runs (a second swap would need
 * the runnable queue, which then holds X, to be empty). The idle thread never runs while X
 * is queued.
 *
 * t0 is the later of the last switch into or out of X (a thread switched out is queued at
 * that moment) and the moment X last became runnable (woken, resumed; possibly in the middle
 * of a tick, when a suspension honoured there wakes the threads waiting for it). The latter
 * is observed here: `check` runs after every tick and every other operation, and time moves
 * only in ticks, so a thread first seen runnable at a check became runnable at `s.now`.
 */
class WaitBound {
  /** Budget added since the start by new threads, forks and priority raises. */
  extra = 0;
  private readonly runnableSince = new Map<ThreadId, number>();
  private readonly windowStart = new Map<ThreadId, number>();
  private readonly budget = new Map<ThreadId, number>();
  private readonly extraAt = new Map<ThreadId, number>();

  constructor(private readonly log: SwitchLog) {}

  check(s: Scheduler): void {
    if (s.policy.name !== 'codezero') return;
    const live = s.threads().filter((t) => t !== IDLE_THREAD);
    for (const x of live) {
      if (s.stateOf(x) !== ThreadState.RUNNABLE) this.runnableSince.delete(x);
      else if (!this.runnableSince.has(x)) this.runnableSince.set(x, s.now);
    }
    for (const x of live) {
      if (s.placement(x).kind !== 'runqueue') {
        this.windowStart.delete(x);
        continue;
      }
      const start = Math.max(this.log.last.get(x) ?? 0, this.runnableSince.get(x)!);
      if (this.windowStart.get(x) !== start) {
        this.windowStart.set(x, start);
        let b = 0;
        for (const j of live) if (j !== x) b += s.ticksLeftOf(j) + s.policy.timeslice(s.priorityOf(j));
        this.budget.set(x, b);
        this.extraAt.set(x, this.extra);
      }
      const bound = this.budget.get(x)! + (this.extra - this.extraAt.get(x)!);
      if (s.now - start > bound) expect(s.now - start, `thread ${x} waited since ${start}`).toBeLessThanOrEqual(bound);
    }
  }
}
