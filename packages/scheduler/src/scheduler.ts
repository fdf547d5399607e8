import type {
  CreateOptions,
  Placement,
  SchedulerLike,
  SchedulerOptions,
  SchedulingPolicy,
  SleepOptions,
  SleepOutcome,
  StopReason,
  ThreadId,
  ThreadInfo,
  TraceSink,
  WakeOptions,
  WakeResult,
  YieldOptions,
} from './api.js';
import { IDLE_THREAD, MAX_PRIORITY, NO_THREAD, Priority, SCHED_TICKS, ThreadState } from './api.js';
import { IdPool } from './internal/id-pool.js';
import { LinkArena } from './internal/link-arena.js';
import { PolicyFields, TableHost } from './internal/policy-host.js';
import { CodezeroPolicy } from './policies/codezero-policy.js';
import { SchedulerError } from './scheduler-error.js';
import { codezeroGranularity, splitTicks } from './timeslice.js';

// Per-thread flag bits.
const F_SUSPEND = 1; // a suspend was requested and not honoured yet
const F_INTERRUPTIBLE = 2; // the current sleep may be interrupted
const F_SAFE = 4; // queued while at a safe point (preempted in user mode, or never ran)
const F_PREPARED = 8; // between prepareToSleep and sleepPrepared/cancelSleep

// Stop reasons as small integers on the hot path.
const R_PREEMPTED = 0;
const R_EXPIRED = 1;
const R_GRANULARITY = 2;
const R_YIELD = 3;
const R_SLEEP = 4;
const R_SUSPEND = 5;
const R_EXIT = 6;
const REASONS: readonly StopReason[] = ['preempted', 'expired', 'granularity', 'yield', 'sleep', 'suspend', 'exit'];
/**
 * The options of a call that gives none: one shared empty object, so that the calls a
 * kernel makes at every system call (yield, sleep, wake) allocate nothing.
 */
const NO_OPTIONS: Readonly<Record<string, never>> = Object.freeze({});

const W_WOKEN = 0;
const W_INTERRUPTED = 1;

/** Tick bookkeeping of a scheduler (see {@link Scheduler.accounting}). */
export interface TickAccounting {
  /** Ticks counted by `tick()`. */
  readonly now: number;
  /** Ticks during which the idle thread was current. */
  readonly idleTicks: number;
  /** Ticks charged to threads other than idle (Σ runTicks of every thread ever created). */
  readonly charged: number;
  /** Ticks ever put into timeslices: first slices, refills, and the extra tick a fork may create. */
  readonly granted: number;
  /** Ticks taken out of timeslices by charging (≤ charged: a thread at zero is not charged below zero). */
  readonly consumed: number;
  /** Ticks left in the slices of threads when they exited. */
  readonly forfeited: number;
  /** Σ ticksLeft over live threads. */
  readonly outstanding: number;
}

/**
 * Codezero's scheduler core: a thread table in typed arrays, sleeping and waking on wait
 * queues, suspension at safe points, fork tick splitting, and a pluggable runqueue policy
 * ({@link CodezeroPolicy} by default). Every per-call operation is O(1).
 *
 * The kernel drives it: `tick(userMode)` from the timer interrupt, `preempt(userMode)` at
 * IRQ exit, `syscallExit()` at the end of every system call, and the sleeping, waking,
 * suspending calls from its system calls. After any call, {@link Scheduler.current} is the
 * thread whose context must be loaded.
 */
export class Scheduler implements SchedulerLike {
  /** The runqueue policy. */
  readonly policy: SchedulingPolicy;
  /** Timer ticks per second. */
  readonly ticksPerSecond: number;
  /** At most this many ticks run between reschedules. */
  readonly granularity: number;

  private readonly arena: LinkArena;
  private readonly tt: PolicyFields;
  private readonly ids = new IdPool();
  private readonly trace: TraceSink | null;
  private state: Uint8Array;
  private flags: Uint8Array;
  private wakeResult: Uint8Array;
  private ran: Float64Array;
  private inactiveQ: Int32Array;
  private names: string[] = [];
  /** 1 for list ids that are live wait queues. */
  private wqLive: Uint8Array;
  private readonly freeLists: number[] = [];
  private firstWaitList = 0;

  private cur: ThreadId = IDLE_THREAD;
  private resched = false;
  private reason = R_PREEMPTED;
  private ticks = 0;
  private sinceDispatch = 0;
  private queued = 0;
  private totalPrio = 0;
  private idleTicks = 0;
  private charged = 0;
  private consumed = 0;

  /** @param options - tick rate, granularity, policy, capacity, trace sink. */
  constructor(options: SchedulerOptions = {}) {
    const tps = options.ticksPerSecond ?? SCHED_TICKS;
    if (!Number.isInteger(tps) || tps < 1) throw new SchedulerError('EINVAL', `ticksPerSecond must be a positive integer, got ${tps}`);
    const gran = options.granularity ?? codezeroGranularity(tps);
    if (!Number.isInteger(gran) || gran < 1) throw new SchedulerError('EINVAL', `granularity must be a positive integer, got ${gran}`);
    const cap = Math.max(4, options.initialCapacity ?? 64);
    this.ticksPerSecond = tps;
    this.granularity = gran;
    this.trace = options.trace ?? null;
    this.arena = new LinkArena(cap, 16);
    this.tt = new PolicyFields(cap);
    this.state = new Uint8Array(cap);
    this.flags = new Uint8Array(cap);
    this.wakeResult = new Uint8Array(cap);
    this.ran = new Float64Array(cap);
    this.inactiveQ = new Int32Array(cap).fill(-1);
    this.wqLive = new Uint8Array(16);
    this.policy = options.policy ?? new CodezeroPolicy(tps);
    const host = new TableHost(this.tt, this.arena);
    host.policy = this.policy;
    this.policy.bind(host);
    this.firstWaitList = this.arena.lists;
    const idle = this.ids.alloc();
    this.names[idle] = 'idle';
    this.state[idle] = ThreadState.RUNNABLE;
  }

  // ---------------------------------------------------------------- state

  /** @inheritDoc */
  get current(): ThreadId {
    return this.cur;
  }

  /** @inheritDoc */
  get needResched(): boolean {
    return this.resched;
  }

  /** @inheritDoc */
  get now(): number {
    return this.ticks;
  }

  /** Σ priorities of runnable threads (queued or running, idle excluded). */
  get totalPriority(): number {
    return this.totalPrio;
  }

  /** Number of runnable threads waiting on the policy's queues (the running one excluded). */
  get queuedCount(): number {
    return this.queued;
  }

  /** Whether `tid` names a thread that exists (created and not reaped). */
  isAlive(tid: ThreadId): boolean {
    return this.ids.has(tid);
  }

  /** A thread's state. */
  stateOf(tid: ThreadId): ThreadState {
    this.check(tid);
    return this.state[tid] as ThreadState;
  }

  /** A thread's priority. */
  priorityOf(tid: ThreadId): number {
    this.check(tid);
    return this.tt.prio[tid]!;
  }

  /** Ticks left in a thread's timeslice. */
  ticksLeftOf(tid: ThreadId): number {
    this.check(tid);
    return this.tt.left[tid]!;
  }

  /** Ticks charged to a thread since it was created. */
  runTicksOf(tid: ThreadId): number {
    this.check(tid);
    return tid === IDLE_THREAD ? this.idleTicks : this.ran[tid]!;
  }

  /** How a thread's last sleep ended (read it when the thread runs again after `sleeping`). */
  wakeResultOf(tid: ThreadId): WakeResult {
    this.check(tid);
    return this.wakeResult[tid] === W_INTERRUPTED ? 'interrupted' : 'woken';
  }

  /** Whether a suspend was requested for the thread and not yet honoured. */
  suspendPending(tid: ThreadId): boolean {
    this.check(tid);
    return (this.flags[tid]! & F_SUSPEND) !== 0;
  }

  /** Ids of every live thread, idle included, in increasing order (allocates). */
  threads(): ThreadId[] {
    const out: ThreadId[] = [];
    for (let t = 0; t < this.ids.highWater; t++) if (this.ids.has(t)) out.push(t);
    return out;
  }

  /** A snapshot of one thread (allocates). */
  info(tid: ThreadId): ThreadInfo {
    this.check(tid);
    const l = this.arena.list[tid]!;
    return {
      id: tid,
      name: this.names[tid] ?? `t${tid}`,
      priority: this.tt.prio[tid]!,
      state: this.state[tid] as ThreadState,
      ticksLeft: this.tt.left[tid]!,
      runTicks: this.runTicksOf(tid),
      suspendPending: (this.flags[tid]! & F_SUSPEND) !== 0,
      waitQueue: l >= this.firstWaitList ? l : -1,
      interruptible: (this.flags[tid]! & F_INTERRUPTIBLE) !== 0,
      lastWake: this.wakeResultOf(tid),
    };
  }

  /** A thread's name. */
  nameOf(tid: ThreadId): string {
    this.check(tid);
    return this.names[tid] ?? `t${tid}`;
  }

  /** Where a thread is: on a runqueue, on a wait queue, running, or nowhere. */
  placement(tid: ThreadId): Placement {
    this.check(tid);
    const l = this.arena.list[tid]!;
    if (l !== -1) return l >= this.firstWaitList ? { kind: 'waitqueue', queue: l } : { kind: 'runqueue', queue: l };
    return tid === this.cur ? { kind: 'current' } : { kind: 'none' };
  }

  /** The threads on a list (runqueue or wait queue), front to back (allocates). */
  listMembers(list: number): ThreadId[] {
    if (!Number.isInteger(list) || list < 0 || list >= this.arena.lists) throw new SchedulerError('EQUEUE', `no list ${list}`);
    return this.arena.toArray(list);
  }

  /** Tick bookkeeping, for conservation checks (allocates). */
  accounting(): TickAccounting {
    let outstanding = 0;
    for (let t = 1; t < this.ids.highWater; t++) if (this.ids.has(t)) outstanding += this.tt.left[t]!;
    return {
      now: this.ticks,
      idleTicks: this.idleTicks,
      charged: this.charged,
      granted: this.tt.granted,
      consumed: this.consumed,
      forfeited: this.tt.forfeited,
      outstanding,
    };
  }

  // ---------------------------------------------------------------- lifecycle

  /** @inheritDoc */
  create(options: CreateOptions = {}): ThreadId {
    const p = options.priority ?? Priority.NORMAL;
    checkPriority(p);
    const t = this.ids.alloc();
    if (t >= this.state.length) this.grow(t + 1);
    this.names[t] = options.name ?? `t${t}`;
    this.state[t] = ThreadState.INACTIVE;
    this.tt.prio[t] = p;
    this.flags[t] = F_SAFE;
    this.wakeResult[t] = W_WOKEN;
    this.ran[t] = 0;
    const slice = this.policy.timeslice(p);
    this.tt.left[t] = slice;
    this.tt.granted += slice;
    return t;
  }

  /**
   * Create an inactive copy of `parent` (fork, thread_control COPY_SPACE): same priority
   * unless overridden; the parent's remaining ticks `t` are split, the child gets ⌈t/2⌉ and
   * the parent keeps ⌊t/2⌋ but at least one.
   */
  fork(parent: ThreadId, options: CreateOptions = {}): ThreadId {
    this.checkUser(parent);
    if (this.state[parent] === ThreadState.ZOMBIE) throw new SchedulerError('ESTATE', `thread ${parent} has exited and cannot fork`);
    const t = this.tt.left[parent]!;
    const child = this.create({ priority: options.priority ?? this.tt.prio[parent]!, ...(options.name === undefined ? {} : { name: options.name }) });
    const split = splitTicks(t);
    this.tt.granted += split.child + split.parent - t - this.tt.left[child]!;
    this.tt.left[child] = split.child;
    this.tt.left[parent] = split.parent;
    return child;
  }

  /**
   * Make an inactive (new or suspended) thread runnable, at the front of the runqueue under
   * the Codezero policy (thread_control RUN). Returns false if it was not inactive.
   * Synchronous: the caller is preempted at once. Asynchronous (default): a reschedule is
   * requested only if the policy says the new thread preempts the running one (or idle runs).
   */
  resume(tid: ThreadId, options: WakeOptions = NO_OPTIONS): boolean {
    this.checkUser(tid);
    if (this.state[tid] !== ThreadState.INACTIVE) return false;
    this.state[tid] = ThreadState.RUNNABLE;
    this.totalPrio += this.tt.prio[tid]!;
    this.wakeResult[tid] = W_WOKEN;
    this.flags[tid] = (this.flags[tid]! & ~F_SUSPEND) | F_SAFE;
    this.makeReady(tid, options.sync === true);
    return true;
  }

  /**
   * Ask a thread to suspend (thread_control SUSPEND). It becomes inactive at once when that
   * is safe: it is already inactive or a zombie, or it waits on a runqueue after being
   * preempted in user mode (or never ran). Otherwise the request stays pending: an
   * interruptible sleep is interrupted (the sleeper sees `interrupted`), and the thread
   * suspends itself at its next safe point (`syscallExit()`, or a tick in user mode).
   * Returns true when the thread is inactive on return. Use {@link Scheduler.waitInactive}
   * to wait for the rest.
   */
  suspend(tid: ThreadId): boolean {
    this.checkUser(tid);
    const s = this.state[tid]!;
    if (s === ThreadState.INACTIVE || s === ThreadState.ZOMBIE) return true;
    this.flags[tid]! |= F_SUSPEND;
    if (s === ThreadState.SLEEPING) {
      if ((this.flags[tid]! & F_INTERRUPTIBLE) !== 0) this.wakeThread(tid, W_INTERRUPTED, false);
      return false;
    }
    if (tid === this.cur || (this.flags[tid]! & F_SAFE) === 0) return false;
    this.policy.remove(tid);
    this.queued--;
    this.becomeInactive(tid);
    return true;
  }

  /**
   * Current thread waits until `target` is inactive or a zombie (the waiting half of
   * thread_control SUSPEND and WAIT). Returns `woken` at once if it already is.
   */
  waitInactive(target: ThreadId, options: SleepOptions = NO_OPTIONS): SleepOutcome {
    this.checkUser(target);
    const s = this.state[target]!;
    if (s === ThreadState.INACTIVE || s === ThreadState.ZOMBIE) return 'woken';
    let q = this.inactiveQ[target]!;
    if (q === -1) {
      q = this.createWaitQueue();
      this.inactiveQ[target] = q;
    }
    return this.sleepOn(q, options);
  }

  /**
   * A thread exits: it leaves every queue, becomes a zombie, forfeits its ticks, and the
   * threads waiting for it to become inactive are woken. If it was running, the next
   * thread is picked at once.
   */
  exit(tid: ThreadId): void {
    this.checkUser(tid);
    const s = this.state[tid]!;
    if (s === ThreadState.ZOMBIE) throw new SchedulerError('ESTATE', `thread ${tid} has already exited`);
    if (s === ThreadState.RUNNABLE) {
      this.totalPrio -= this.tt.prio[tid]!;
      if (tid !== this.cur) {
        this.policy.remove(tid);
        this.queued--;
      }
    } else if (s === ThreadState.SLEEPING) {
      this.arena.remove(tid);
    }
    this.state[tid] = ThreadState.ZOMBIE;
    this.flags[tid] = 0;
    this.tt.forfeited += this.tt.left[tid]!;
    this.tt.left[tid] = 0;
    this.wakeInactiveWaiters(tid);
    if (tid === this.cur) {
      this.reason = R_EXIT;
      this.schedule();
    }
  }

  /** Free a zombie's id for reuse (thread_control RECYCLE / after WAIT). */
  reap(tid: ThreadId): void {
    this.checkUser(tid);
    if (this.state[tid] !== ThreadState.ZOMBIE) throw new SchedulerError('ESTATE', `thread ${tid} is not a zombie`);
    const q = this.inactiveQ[tid]!;
    if (q !== -1) {
      this.destroyWaitQueue(q);
      this.inactiveQ[tid] = -1;
    }
    this.state[tid] = ThreadState.INACTIVE;
    this.ids.free(tid);
  }

  /**
   * Change a thread's priority; a queued thread is requeued where the policy says (Codezero:
   * it keeps its place until its next refill; fixed priority: on its new level).
   */
  setPriority(tid: ThreadId, priority: number): void {
    this.checkUser(tid);
    checkPriority(priority);
    const old = this.tt.prio[tid]!;
    if (this.state[tid] === ThreadState.RUNNABLE) {
      this.totalPrio += priority - old;
      if (tid !== this.cur) {
        if (this.policy.requeue !== undefined) {
          this.tt.prio[tid] = priority;
          this.policy.requeue(tid);
        } else {
          this.policy.remove(tid);
          this.tt.prio[tid] = priority;
          this.policy.enqueue(tid, 'preempted');
        }
        return;
      }
    }
    this.tt.prio[tid] = priority;
  }

  // ---------------------------------------------------------------- time and switching

  /**
   * One timer tick, charged to the current thread. Requests a reschedule when its slice
   * runs out or it has run `granularity` ticks since it was dispatched. When the tick
   * interrupted user mode (`userMode`, the default) a pending suspend of the current
   * thread is honoured here; a tick that interrupted the kernel never suspends.
   * Returns {@link Scheduler.needResched}.
   */
  tick(userMode = true): boolean {
    this.ticks++;
    const t = this.cur;
    if (t === IDLE_THREAD) {
      this.idleTicks++;
      if (this.queued > 0) this.resched = true;
      return this.resched;
    }
    this.ran[t]!++;
    this.charged++;
    const left = this.tt.left[t]!;
    if (left > 0) {
      this.tt.left[t] = left - 1;
      this.consumed++;
    }
    if (left <= 1) {
      this.resched = true;
      this.reason = R_EXPIRED;
    } else if (++this.sinceDispatch >= this.granularity) {
      this.resched = true;
      if (this.reason === R_PREEMPTED) this.reason = R_GRANULARITY;
    }
    if (userMode && (this.flags[t]! & F_SUSPEND) !== 0 && this.state[t] === ThreadState.RUNNABLE) {
      this.becomeInactive(t);
      this.resched = true;
      this.reason = R_SUSPEND;
    }
    return this.resched;
  }

  /**
   * The IRQ-exit preemption point: honours a pending suspend if the interrupt came from
   * user mode, then reschedules if one was requested. Returns the thread to run.
   */
  preempt(userMode = true): ThreadId {
    const t = this.cur;
    if (userMode && t !== IDLE_THREAD && (this.flags[t]! & F_SUSPEND) !== 0 && this.state[t] === ThreadState.RUNNABLE) {
      this.becomeInactive(t);
      this.resched = true;
      this.reason = R_SUSPEND;
    }
    if (this.resched) this.switchFrom(userMode);
    return this.cur;
  }

  /**
   * The end-of-syscall safe point: a pending suspend of the current thread is honoured,
   * then a requested reschedule happens. Returns the thread to run.
   */
  syscallExit(): ThreadId {
    const t = this.cur;
    if (t !== IDLE_THREAD && (this.flags[t]! & F_SUSPEND) !== 0 && this.state[t] === ThreadState.RUNNABLE) {
      this.becomeInactive(t);
      this.reason = R_SUSPEND;
      this.resched = true;
    }
    if (this.resched) this.switchFrom(true);
    return this.cur;
  }

  /**
   * Pick the next thread. A current thread that is still runnable is queued again (the
   * policy decides where); one that sleeps, is inactive or exited is not. The idle thread
   * runs when no thread is queued. Returns the new current thread.
   */
  schedule(): ThreadId {
    return this.switchFrom(false);
  }

  /**
   * The current thread gives up the processor (thread_switch). With `forfeit` it also gives
   * up the ticks left in its slice (counted as forfeited). Returns the thread to run.
   */
  yield(options: YieldOptions = NO_OPTIONS): ThreadId {
    const cur = this.cur;
    if (options.forfeit === true && cur !== IDLE_THREAD) {
      this.tt.forfeited += this.tt.left[cur]!;
      this.tt.left[cur] = 0;
    }
    this.reason = R_YIELD;
    return this.switchFrom(false);
  }

  /**
   * The thread that would run next if the current one stopped being runnable now, without
   * switching (allocation-free, O(1)); {@link IDLE_THREAD} when nothing is queued.
   */
  pickNext(): ThreadId {
    const t = this.policy.peek();
    return t === NO_THREAD ? IDLE_THREAD : t;
  }

  private switchFrom(safe: boolean): ThreadId {
    const prev = this.cur;
    const reason = this.reason;
    if (prev !== IDLE_THREAD && this.state[prev] === ThreadState.RUNNABLE && this.arena.list[prev] === -1) {
      this.flags[prev] = safe ? this.flags[prev]! | F_SAFE : this.flags[prev]! & ~F_SAFE;
      this.policy.enqueue(prev, reason === R_YIELD ? 'yield' : 'preempted');
      this.queued++;
    }
    let next = this.policy.pickNext();
    if (next === NO_THREAD) next = IDLE_THREAD;
    else this.queued--;
    this.cur = next;
    this.resched = false;
    this.reason = R_PREEMPTED;
    this.sinceDispatch = 0;
    if (this.trace !== null) this.trace.onSwitch(this.ticks, prev, next, REASONS[reason]!);
    return next;
  }

  // ---------------------------------------------------------------- sleeping and waking

  /** Create a wait queue; returns its id. */
  createWaitQueue(): number {
    const id = this.freeLists.pop() ?? this.arena.newList();
    if (id >= this.wqLive.length) {
      const b = new Uint8Array(Math.max(this.wqLive.length * 2, id + 16));
      b.set(this.wqLive);
      this.wqLive = b;
    }
    this.wqLive[id] = 1;
    return id;
  }

  /** Destroy an empty wait queue; its id may be handed out again. */
  destroyWaitQueue(queue: number): void {
    this.checkQueue(queue);
    if (this.arena.size[queue] !== 0) throw new SchedulerError('ESTATE', `wait queue ${queue} still has sleepers`);
    this.wqLive[queue] = 0;
    this.freeLists.push(queue);
  }

  /** Number of threads on a wait queue (prepared or asleep). */
  sleepers(queue: number): number {
    this.checkQueue(queue);
    return this.arena.size[queue]!;
  }

  /**
   * The current thread sleeps on `queue` (at its back). An interruptible sleep does not
   * start if a suspend is pending: the result is `interrupted` at once. Synchronous
   * (default): the next thread is picked now. Returns `sleeping`, or the result when the
   * thread did not sleep.
   */
  sleepOn(queue: number, options: SleepOptions = NO_OPTIONS): SleepOutcome {
    const r = this.prepareToSleep(queue, options);
    if (r !== 'sleeping') return r;
    return this.sleepPrepared(options);
  }

  /**
   * First half of a sleep (used by mutexes): the current thread joins `queue` and is marked
   * asleep but keeps running, so it can release a lock and then call
   * {@link Scheduler.sleepPrepared}. A wakeup that arrives in between makes that call return
   * at once. Returns `sleeping`, or `interrupted` if a suspend is pending (nothing joined).
   */
  prepareToSleep(queue: number, options: SleepOptions = NO_OPTIONS): SleepOutcome {
    this.checkQueue(queue);
    const t = this.cur;
    if (t === IDLE_THREAD) throw new SchedulerError('ESTATE', 'the idle thread cannot sleep');
    if (this.state[t] !== ThreadState.RUNNABLE || (this.flags[t]! & F_PREPARED) !== 0) {
      throw new SchedulerError('ESTATE', `thread ${t} is already prepared to sleep`);
    }
    const interruptible = options.interruptible ?? true;
    if (interruptible && (this.flags[t]! & F_SUSPEND) !== 0) {
      this.wakeResult[t] = W_INTERRUPTED;
      return 'interrupted';
    }
    this.state[t] = ThreadState.SLEEPING;
    this.flags[t] = (interruptible ? this.flags[t]! | F_INTERRUPTIBLE : this.flags[t]! & ~F_INTERRUPTIBLE) | F_PREPARED;
    this.wakeResult[t] = W_WOKEN;
    this.totalPrio -= this.tt.prio[t]!;
    this.arena.pushBack(queue, t);
    return 'sleeping';
  }

  /**
   * Second half of a sleep: if the current thread was woken (or interrupted) since
   * {@link Scheduler.prepareToSleep}, it does not sleep and the result is returned (the
   * "event already pending wakes itself" case); otherwise it sleeps (synchronously by
   * default) and `sleeping` is returned.
   */
  sleepPrepared(options: SleepOptions = NO_OPTIONS): SleepOutcome {
    const t = this.cur;
    if ((this.flags[t]! & F_PREPARED) === 0) throw new SchedulerError('ESTATE', `thread ${t} did not prepare to sleep`);
    this.flags[t]! &= ~F_PREPARED;
    if (this.state[t] !== ThreadState.SLEEPING) return this.wakeResult[t] === W_INTERRUPTED ? 'interrupted' : 'woken';
    this.reason = R_SLEEP;
    if (options.sync ?? true) this.switchFrom(false);
    else this.resched = true;
    return 'sleeping';
  }

  /** Undo {@link Scheduler.prepareToSleep}: the current thread leaves its queue and stays runnable. */
  cancelSleep(): void {
    const t = this.cur;
    this.flags[t]! &= ~F_PREPARED;
    if (this.state[t] !== ThreadState.SLEEPING) return;
    this.arena.remove(t);
    this.state[t] = ThreadState.RUNNABLE;
    this.flags[t]! &= ~F_INTERRUPTIBLE;
    this.totalPrio += this.tt.prio[t]!;
  }

  /** Wake the first sleeper of `queue`; returns it, or {@link NO_THREAD} if there was none. */
  wakeOne(queue: number, options: WakeOptions = NO_OPTIONS): ThreadId {
    this.checkQueue(queue);
    const t = this.arena.head[queue]!;
    if (t === -1) return NO_THREAD;
    this.wakeThread(t, options.result === 'interrupted' ? W_INTERRUPTED : W_WOKEN, options.sync === true);
    return t;
  }

  /**
   * Wake every sleeper of `queue`, in queue order (each goes to the front of the runqueue,
   * so under the Codezero policy the last one woken runs first). Returns how many.
   */
  wakeAll(queue: number, options: WakeOptions = NO_OPTIONS): number {
    this.checkQueue(queue);
    const result = options.result === 'interrupted' ? W_INTERRUPTED : W_WOKEN;
    let n = 0;
    for (let t = this.arena.head[queue]!; t !== -1; t = this.arena.head[queue]!) {
      this.wakeThread(t, result, false);
      n++;
    }
    if (n > 0 && options.sync === true) this.syncSwitch();
    return n;
  }

  /** Wake one particular sleeping thread; returns false if it was not asleep. */
  wake(tid: ThreadId, options: WakeOptions = NO_OPTIONS): boolean {
    this.checkUser(tid);
    if (this.state[tid] !== ThreadState.SLEEPING) return false;
    this.wakeThread(tid, options.result === 'interrupted' ? W_INTERRUPTED : W_WOKEN, options.sync === true);
    return true;
  }

  /**
   * Interrupt a thread's interruptible sleep: it wakes with `interrupted`. Returns false
   * (and does nothing) if it is not in an interruptible sleep.
   */
  interrupt(tid: ThreadId, options: WakeOptions = NO_OPTIONS): boolean {
    this.checkUser(tid);
    if (this.state[tid] !== ThreadState.SLEEPING || (this.flags[tid]! & F_INTERRUPTIBLE) === 0) return false;
    this.wakeThread(tid, W_INTERRUPTED, options.sync === true);
    return true;
  }

  // ---------------------------------------------------------------- internals

  private wakeThread(t: ThreadId, result: number, sync: boolean): void {
    this.arena.remove(t);
    this.state[t] = ThreadState.RUNNABLE;
    this.wakeResult[t] = result;
    this.totalPrio += this.tt.prio[t]!;
    this.flags[t] = this.flags[t]! & ~(F_INTERRUPTIBLE | F_SAFE);
    if (t === this.cur) return; // woken between prepare and sleep: it keeps running
    this.makeReady(t, sync);
  }

  private makeReady(t: ThreadId, sync: boolean): void {
    this.policy.enqueue(t, 'wake');
    this.queued++;
    if (sync) this.syncSwitch();
    else if (this.cur === IDLE_THREAD || this.state[this.cur] !== ThreadState.RUNNABLE || this.policy.shouldPreempt(t, this.cur)) {
      this.resched = true;
    }
  }

  private syncSwitch(): void {
    this.reason = R_PREEMPTED;
    this.switchFrom(false);
  }

  private becomeInactive(t: ThreadId): void {
    this.state[t] = ThreadState.INACTIVE;
    this.totalPrio -= this.tt.prio[t]!;
    this.flags[t] = (this.flags[t]! & ~(F_SUSPEND | F_INTERRUPTIBLE)) | F_SAFE;
    this.wakeInactiveWaiters(t);
  }

  private wakeInactiveWaiters(t: ThreadId): void {
    const q = this.inactiveQ[t]!;
    if (q === -1) return;
    for (let w = this.arena.head[q]!; w !== -1; w = this.arena.head[q]!) this.wakeThread(w, W_WOKEN, false);
  }

  private check(tid: ThreadId): void {
    if (!this.ids.has(tid)) throw new SchedulerError('ESRCH', `no thread ${tid}`);
  }

  private checkUser(tid: ThreadId): void {
    if (!this.ids.has(tid)) throw new SchedulerError('ESRCH', `no thread ${tid}`);
    if (tid === IDLE_THREAD) throw new SchedulerError('ESTATE', 'the idle thread cannot be operated on');
  }

  private checkQueue(q: number): void {
    if (!(q >= this.firstWaitList && this.wqLive[q] === 1)) throw new SchedulerError('EQUEUE', `no wait queue ${q}`);
  }

  private grow(n: number): void {
    let cap = this.state.length * 2;
    while (cap < n) cap *= 2;
    this.arena.growThreads(cap);
    this.state = growU8(this.state, cap);
    this.tt.prio = growU8(this.tt.prio, cap);
    this.flags = growU8(this.flags, cap);
    this.wakeResult = growU8(this.wakeResult, cap);
    const left = new Int32Array(cap);
    left.set(this.tt.left);
    this.tt.left = left;
    const ran = new Float64Array(cap);
    ran.set(this.ran);
    this.ran = ran;
    const iq = new Int32Array(cap).fill(-1);
    iq.set(this.inactiveQ);
    this.inactiveQ = iq;
  }
}

function checkPriority(p: number): void {
  if (!Number.isInteger(p) || p < 0 || p > MAX_PRIORITY) {
    throw new SchedulerError('EINVAL', `priority must be an integer 0..${MAX_PRIORITY}, got ${p}`);
  }
}

function growU8(a: Uint8Array, cap: number): Uint8Array {
  const b = new Uint8Array(cap);
  b.set(a);
  return b;
}
