import type { EnqueueKind, PolicyHost, SchedulingPolicy, ThreadId } from '../api.js';
import { NO_THREAD, SCHED_TICKS } from '../api.js';
import { SchedulerError } from '../scheduler-error.js';
import { codezeroTimeslice } from '../timeslice.js';

/**
 * Codezero's policy: two queues, runnable and expired.
 * - A thread made runnable (started, resumed, woken) goes to the front of runnable.
 * - A thread that lost the processor with ticks left goes to the back of runnable.
 * - A thread with no ticks left goes to the back of expired, however it is queued (preempted,
 *   yielding, woken or resumed), and its slice stays empty until it is picked: the fresh
 *   slice is given when it starts running. So an empty slice marks a thread that waits for
 *   the next round; taking it off a queue and queueing it again (suspend then resume, a
 *   priority change) cannot carry a fresh slice past the threads already waiting.
 * - When runnable is empty the two swap (an O(1) exchange of list ids); when both are
 *   empty nothing is picked and the idle thread runs.
 * Slices are `ticksPerSecond × priority / 30` (see {@link codezeroTimeslice}).
 */
export class CodezeroPolicy implements SchedulingPolicy {
  /** @inheritDoc */
  readonly name = 'codezero';
  /** Tick rate the slices are computed for. */
  readonly ticksPerSecond: number;
  private host: PolicyHost | null = null;
  private runnableList = -1;
  private expiredList = -1;
  /** Number of times the queues have swapped. */
  swaps = 0;

  /** @param ticksPerSecond - tick rate for slice lengths, default 1000. */
  constructor(ticksPerSecond: number = SCHED_TICKS) {
    if (!Number.isInteger(ticksPerSecond) || ticksPerSecond < 1) {
      throw new SchedulerError('EINVAL', `ticksPerSecond must be a positive integer, got ${ticksPerSecond}`);
    }
    this.ticksPerSecond = ticksPerSecond;
  }

  /** @inheritDoc */
  bind(host: PolicyHost): void {
    if (this.host !== null) throw new SchedulerError('ESTATE', 'a CodezeroPolicy belongs to one scheduler only');
    this.host = host;
    this.runnableList = host.newList();
    this.expiredList = host.newList();
  }

  /** @inheritDoc */
  timeslice(priority: number): number {
    return codezeroTimeslice(priority, this.ticksPerSecond);
  }

  /** @inheritDoc */
  enqueue(tid: ThreadId, kind: EnqueueKind): void {
    const host = this.host!;
    if (host.ticksLeft(tid) <= 0) {
      host.pushBack(this.expiredList, tid);
    } else if (kind === 'wake') {
      host.pushFront(this.runnableList, tid);
    } else {
      host.pushBack(this.runnableList, tid);
    }
  }

  /** @inheritDoc */
  pickNext(): ThreadId {
    const host = this.host!;
    if (host.count(this.runnableList) === 0) {
      if (host.count(this.expiredList) === 0) return NO_THREAD;
      const r = this.runnableList;
      this.runnableList = this.expiredList;
      this.expiredList = r;
      this.swaps++;
    }
    const t = host.popFront(this.runnableList);
    if (host.ticksLeft(t) <= 0) host.refill(t);
    return t;
  }

  /** @inheritDoc */
  peek(): ThreadId {
    const host = this.host!;
    const t = host.first(this.runnableList);
    return t !== NO_THREAD ? t : host.first(this.expiredList);
  }

  /** @inheritDoc */
  shouldPreempt(): boolean {
    return false;
  }

  /** @inheritDoc */
  remove(tid: ThreadId): void {
    this.host!.unlink(tid);
  }

  /**
   * A priority change only matters at the thread's next refill, so the thread keeps its
   * place: a thread waiting for the next round does not join the current one, one whose
   * turn in this round has come (after a swap, before its refill) keeps it, and a pager that
   * sets a waiting thread's priority over and over cannot push it behind threads that
   * started waiting after it.
   */
  requeue(): void {
    // Nothing moves.
  }

  /** @inheritDoc */
  queues(): readonly number[] {
    return [this.runnableList, this.expiredList];
  }

  /** Id of the list that is the runnable queue right now (it changes at each swap). */
  get runnable(): number {
    return this.runnableList;
  }

  /** Id of the list that is the expired queue right now. */
  get expired(): number {
    return this.expiredList;
  }
}
