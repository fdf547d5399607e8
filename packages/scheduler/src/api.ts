/**
 * Public interfaces and types of @codezero-ts/scheduler.
 * @packageDocumentation
 */

/**
 * A thread handle: a small non-negative integer, dense and reused lowest-first after
 * {@link SchedulerLike.reap}. Id 0 is always the idle thread.
 */
export type ThreadId = number;

/** The id of the idle thread, which runs when nothing else is runnable. */
export const IDLE_THREAD: ThreadId = 0;

/** "No thread", returned by {@link SchedulingPolicy.pickNext} when every queue is empty. */
export const NO_THREAD: ThreadId = -1;

/** Codezero's named priorities (higher runs longer under the Codezero policy). */
export const Priority = {
  REALTIME: 10,
  PAGER: 8,
  SERVER: 6,
  NORMAL: 4,
  LOW: 2,
} as const;

/** Highest priority any policy accepts (the fixed-priority policy has 256 levels, 0..255). */
export const MAX_PRIORITY = 255;

/** Ticks per second of Codezero's timer (1 ms tick). */
export const SCHED_TICKS = 1000;

/**
 * Lifecycle state of a thread. The thread that is running is `RUNNABLE` and is
 * {@link SchedulerLike.current}.
 */
export const ThreadState = {
  /** Created or suspended: holds no place on any queue until resumed. */
  INACTIVE: 0,
  /** Running, or waiting on a runqueue for the processor. */
  RUNNABLE: 1,
  /** Blocked on a wait queue (or prepared to block on one). */
  SLEEPING: 2,
  /** Exited and not yet reaped; its id is not reusable until {@link SchedulerLike.reap}. */
  ZOMBIE: 3,
} as const;

/** One of the {@link ThreadState} values. */
export type ThreadState = (typeof ThreadState)[keyof typeof ThreadState];

/**
 * How a sleep ended, as seen by the sleeper when it runs again.
 * - `woken`: an ordinary wakeup (wake one / wake all / wake this thread);
 * - `interrupted`: the sleep was interrupted (a suspend request, a destroy, an explicit
 *   interrupt); the kernel turns this into `-EINTR`.
 */
export type WakeResult = 'woken' | 'interrupted';

/**
 * Immediate outcome of a call that asks the current thread to sleep:
 * `sleeping` when the thread is now asleep (another thread was or will be picked), or the
 * {@link WakeResult} when the thread did not sleep at all because its event was already
 * pending (a wakeup between prepare and sleep, or a pending suspend/interrupt).
 */
export type SleepOutcome = 'sleeping' | WakeResult;

/** Why a thread stopped running, as recorded by the trace. */
export type StopReason =
  /** Its timeslice ran out (it went to the expired queue; a fresh slice comes with its next turn). */
  | 'expired'
  /** It ran for the granularity bound without a reschedule. */
  | 'granularity'
  /** Another thread was made runnable and a reschedule was requested. */
  | 'preempted'
  /** It gave up the processor voluntarily. */
  | 'yield'
  /** It went to sleep on a wait queue. */
  | 'sleep'
  /** It was suspended (became inactive). */
  | 'suspend'
  /** It exited. */
  | 'exit'
  /** The span is still open at the end of the trace. */
  | 'running';

/** Options of {@link SchedulerLike.create}. */
export interface CreateOptions {
  /** Priority, an integer 0..{@link MAX_PRIORITY}. Default {@link Priority.NORMAL}. */
  readonly priority?: number;
  /** A name for traces and Gantt charts. Default `t<id>`. */
  readonly name?: string;
}

/** Options of the sleeping calls. */
export interface SleepOptions {
  /** Whether {@link SchedulerLike.interrupt} (and suspend requests) may end the sleep. Default true. */
  readonly interruptible?: boolean;
  /**
   * Synchronous (default true): pick the next thread now. Asynchronous: only mark the
   * thread asleep and request a reschedule; the kernel calls `schedule()` later (for
   * example at IRQ exit).
   */
  readonly sync?: boolean;
}

/** Options of {@link SchedulerLike.yield}. */
export interface YieldOptions {
  /**
   * Give up the rest of the timeslice too (default false): the thread is queued with no ticks
   * left, so under the Codezero policy it waits behind every thread of the current round and
   * gets a fresh slice at its next turn. For a thread whose yields cost no time (a kernel's
   * host-side server thread): a yield loop of such a thread never uses up its slice by ticks,
   * so without this it would keep the runnable queue from ever emptying.
   */
  readonly forfeit?: boolean;
}

/** Options of the waking calls. */
export interface WakeOptions {
  /**
   * Synchronous: the caller (the current thread) is preempted at once so that the woken
   * thread, placed at the front, runs now. Asynchronous (default): the woken thread is
   * queued and a reschedule is requested for the next preemption point.
   */
  readonly sync?: boolean;
  /** The result the sleeper will see. Default `woken`. */
  readonly result?: WakeResult;
}

/** A snapshot of one thread, for debugging and tests (allocates; not for hot paths). */
export interface ThreadInfo {
  readonly id: ThreadId;
  readonly name: string;
  readonly priority: number;
  readonly state: ThreadState;
  /** Ticks left in the current timeslice. */
  readonly ticksLeft: number;
  /** Ticks this thread has been charged since it was created. */
  readonly runTicks: number;
  /** A suspend was requested and has not been honoured yet. */
  readonly suspendPending: boolean;
  /** The wait queue it sleeps (or is prepared to sleep) on, or -1. */
  readonly waitQueue: number;
  /** Whether its current sleep may be interrupted. */
  readonly interruptible: boolean;
  /** How its last sleep ended. */
  readonly lastWake: WakeResult;
}

/** Where a thread is, for invariant checks: exactly one of these at any time. */
export type Placement =
  | { readonly kind: 'current' }
  | { readonly kind: 'runqueue'; readonly queue: number }
  | { readonly kind: 'waitqueue'; readonly queue: number }
  | { readonly kind: 'none' };

/**
 * The runqueue half of a scheduler: where runnable threads wait and which one runs next.
 * The thread table, sleeping, waking and suspension are common to every policy; only
 * this part changes. Implementations must be O(1) per call.
 */
export interface SchedulingPolicy {
  /** A short name, e.g. `codezero` or `fixed-priority`. */
  readonly name: string;
  /** Called once by the scheduler that owns the policy, before any other call. */
  bind(host: PolicyHost): void;
  /** Length in ticks of a fresh timeslice for a thread of this priority. */
  timeslice(priority: number): number;
  /**
   * Queue a runnable thread that is not running. `kind` says why: `wake` (woken, resumed,
   * started), `preempted` (it was running and lost the processor) or `yield`. The policy
   * gives a thread with no ticks left a fresh slice, either here or when it picks the thread.
   */
  enqueue(tid: ThreadId, kind: EnqueueKind): void;
  /** Remove the thread to run next from its queue and return it, or {@link NO_THREAD}. */
  pickNext(): ThreadId;
  /**
   * Whether waking `woken` should preempt `running` at the next preemption point (an
   * asynchronous wakeup). Codezero never preempts on wakeup; a fixed-priority policy does
   * when the woken thread has a higher priority.
   */
  shouldPreempt(woken: ThreadId, running: ThreadId): boolean;
  /** The thread {@link SchedulingPolicy.pickNext} would return, left in place; or {@link NO_THREAD}. */
  peek(): ThreadId;
  /** Take a queued thread off its queue (it is being suspended, exits or changes priority). */
  remove(tid: ThreadId): void;
  /**
   * Optional: a queued thread's priority has just changed; move it to where it now belongs.
   * Without it the scheduler calls `remove` (before the change) and `enqueue(tid, 'preempted')`
   * (after it).
   */
  requeue?(tid: ThreadId): void;
  /** Ids of the policy's queues in the order it serves them (for invariant checks). */
  queues(): readonly number[];
}

/** Why a thread is being queued (see {@link SchedulingPolicy.enqueue}). */
export type EnqueueKind = 'wake' | 'preempted' | 'yield';

/**
 * What a {@link SchedulingPolicy} may use of its scheduler: intrusive O(1) lists that
 * share the scheduler's link arrays, and per-thread fields.
 */
export interface PolicyHost {
  /** Allocate a new empty list and return its id. */
  newList(): number;
  /** Link a thread (on no list) at the front of a list. */
  pushFront(list: number, tid: ThreadId): void;
  /** Link a thread (on no list) at the back of a list. */
  pushBack(list: number, tid: ThreadId): void;
  /** Unlink and return the first thread of a list, or {@link NO_THREAD} if it is empty. */
  popFront(list: number): ThreadId;
  /** Unlink a thread from the list it is on. */
  unlink(tid: ThreadId): void;
  /** The list a thread is on, or -1. */
  listOf(tid: ThreadId): number;
  /** Number of threads on a list. */
  count(list: number): number;
  /** First thread of a list, or {@link NO_THREAD}. */
  first(list: number): ThreadId;
  /** A thread's priority. */
  priority(tid: ThreadId): number;
  /** A thread's ticks left. */
  ticksLeft(tid: ThreadId): number;
  /** Give a thread a fresh timeslice. */
  refill(tid: ThreadId): void;
}

/** Receives scheduling events; {@link TraceRecorder} implements it. */
export interface TraceSink {
  /** The processor switched from `prev` to `next` at tick `now`; `reason` says why `prev` stopped. */
  onSwitch(now: number, prev: ThreadId, next: ThreadId, reason: StopReason): void;
}

/** One contiguous stretch of running by one thread. */
export interface TraceSpan {
  readonly tid: ThreadId;
  /** First tick of the stretch (the scheduler's clock when it was dispatched). */
  readonly start: number;
  /** Tick at which it stopped (exclusive). */
  readonly end: number;
  /** Why it stopped. */
  readonly reason: StopReason;
}

/** Options of a scheduler. */
export interface SchedulerOptions {
  /** Timer ticks per second. Default {@link SCHED_TICKS} (1000). */
  readonly ticksPerSecond?: number;
  /**
   * Maximum ticks a thread runs before a reschedule is requested. Default
   * `ticksPerSecond / 10` (100 at 1000 Hz), Codezero's SCHED_GRANULARITY.
   */
  readonly granularity?: number;
  /** The runqueue policy. Default: a new Codezero policy at the same tick rate. */
  readonly policy?: SchedulingPolicy;
  /** Threads the tables hold before they grow (they double as needed). Default 64. */
  readonly initialCapacity?: number;
  /** Where switches are reported (e.g. a {@link TraceRecorder}). */
  readonly trace?: TraceSink;
}

/**
 * The scheduler as the kernel sees it. Everything is synchronous and deterministic; after
 * any call the kernel compares {@link SchedulerLike.current} with the thread whose context
 * is loaded and switches if they differ. `Scheduler` implements it.
 */
export interface SchedulerLike {
  /** The thread that owns the processor (the idle thread when nothing else is runnable). */
  readonly current: ThreadId;
  /** A reschedule was requested and has not happened yet. */
  readonly needResched: boolean;
  /** Ticks counted by {@link SchedulerLike.tick} since creation. */
  readonly now: number;
  /** The policy in use. */
  readonly policy: SchedulingPolicy;
  /** Create an inactive thread. */
  create(options?: CreateOptions): ThreadId;
  /** Create an inactive copy of a thread that takes half of its remaining ticks. */
  fork(parent: ThreadId, options?: CreateOptions): ThreadId;
  /** Make an inactive thread runnable; false if it was not inactive. */
  resume(tid: ThreadId, options?: WakeOptions): boolean;
  /** Count one timer tick against the current thread; returns {@link SchedulerLike.needResched}. */
  tick(userMode?: boolean): boolean;
  /** IRQ-exit preemption point; returns the thread to run. */
  preempt(userMode?: boolean): ThreadId;
  /** End-of-syscall safe point; returns the thread to run. */
  syscallExit(): ThreadId;
  /** Pick the next thread (the current one is requeued if still runnable); returns it. */
  schedule(): ThreadId;
  /** The current thread gives up the processor (and its slice with `forfeit`); returns the thread to run. */
  yield(options?: YieldOptions): ThreadId;
  /** Who would run next if the current thread stopped now (no switch). */
  pickNext(): ThreadId;
  /** Create a wait queue. */
  createWaitQueue(): number;
  /** Destroy an empty wait queue. */
  destroyWaitQueue(queue: number): void;
  /** Current thread sleeps on a wait queue. */
  sleepOn(queue: number, options?: SleepOptions): SleepOutcome;
  /** First half of a sleep: join the queue, keep running. */
  prepareToSleep(queue: number, options?: SleepOptions): SleepOutcome;
  /** Second half of a sleep: sleep unless woken since the prepare. */
  sleepPrepared(options?: SleepOptions): SleepOutcome;
  /** Undo a prepare. */
  cancelSleep(): void;
  /** Wake one sleeper of a queue; returns it or {@link NO_THREAD}. */
  wakeOne(queue: number, options?: WakeOptions): ThreadId;
  /** Wake every sleeper of a queue; returns how many. */
  wakeAll(queue: number, options?: WakeOptions): number;
  /** Wake one particular sleeping thread. */
  wake(tid: ThreadId, options?: WakeOptions): boolean;
  /** Interrupt a sleeper: it wakes with `interrupted` if its sleep is interruptible. */
  interrupt(tid: ThreadId, options?: WakeOptions): boolean;
  /** Ask a thread to suspend; returns true when it is inactive on return. */
  suspend(tid: ThreadId): boolean;
  /** Current thread waits until a thread is inactive or a zombie. */
  waitInactive(target: ThreadId, options?: SleepOptions): SleepOutcome;
  /** Exit a thread (it becomes a zombie). */
  exit(tid: ThreadId): void;
  /** Free a zombie's id. */
  reap(tid: ThreadId): void;
  /** Change a thread's priority. */
  setPriority(tid: ThreadId, priority: number): void;
  /** How a thread's last sleep ended. */
  wakeResultOf(tid: ThreadId): WakeResult;
}
