import type { EnqueueKind, PolicyHost, SchedulingPolicy, ThreadId } from '../api.js';
import { MAX_PRIORITY, NO_THREAD } from '../api.js';
import { SchedulerError } from '../scheduler-error.js';

const LEVELS = MAX_PRIORITY + 1;
const WORDS = LEVELS >>> 5;

/** Options of {@link FixedPriorityPolicy}. */
export interface FixedPriorityOptions {
  /** Ticks in every timeslice, whatever the priority. Default 10. */
  readonly quantum?: number;
}

/**
 * Strict fixed-priority round robin, L4 style: 256 levels (0..255), the highest non-empty
 * level always runs, threads of one level take turns. A bitmap of non-empty levels
 * (8 words) and `Math.clz32` find the highest level in constant time.
 * - Woken, resumed and started threads go to the back of their level.
 * - A thread preempted with ticks left goes back to the front of its level, so it finishes
 *   its slice before its peers run (a higher level took the processor, not a peer).
 * - A thread that yields or whose slice ran out gets a fresh slice at the back.
 */
export class FixedPriorityPolicy implements SchedulingPolicy {
  /** @inheritDoc */
  readonly name = 'fixed-priority';
  /** Slice length in ticks. */
  readonly quantum: number;
  private host: PolicyHost | null = null;
  private base = -1;
  private readonly bitmap = new Uint32Array(WORDS);

  /** @param options - slice length. */
  constructor(options: FixedPriorityOptions = {}) {
    const q = options.quantum ?? 10;
    if (!Number.isInteger(q) || q < 1) throw new SchedulerError('EINVAL', `quantum must be a positive integer, got ${q}`);
    this.quantum = q;
  }

  /** @inheritDoc */
  bind(host: PolicyHost): void {
    if (this.host !== null) throw new SchedulerError('ESTATE', 'a FixedPriorityPolicy belongs to one scheduler only');
    this.host = host;
    this.base = host.newList();
    for (let i = 1; i < LEVELS; i++) host.newList();
  }

  /** @inheritDoc */
  timeslice(): number {
    return this.quantum;
  }

  /** @inheritDoc */
  enqueue(tid: ThreadId, kind: EnqueueKind): void {
    const host = this.host!;
    const level = host.priority(tid);
    const list = this.base + level;
    if (host.ticksLeft(tid) <= 0 || kind === 'yield') {
      host.refill(tid);
      host.pushBack(list, tid);
    } else if (kind === 'preempted') {
      host.pushFront(list, tid);
    } else {
      host.pushBack(list, tid);
    }
    this.bitmap[level >>> 5]! |= 1 << (level & 31);
  }

  /** @inheritDoc */
  pickNext(): ThreadId {
    const host = this.host!;
    for (let w = WORDS - 1; w >= 0; w--) {
      const bits = this.bitmap[w]!;
      if (bits !== 0) {
        const level = (w << 5) + 31 - Math.clz32(bits);
        const list = this.base + level;
        const t = host.popFront(list);
        if (host.count(list) === 0) this.bitmap[w] = bits & ~(1 << (level & 31));
        return t;
      }
    }
    return NO_THREAD;
  }

  /** @inheritDoc */
  queues(): readonly number[] {
    const out: number[] = [];
    for (let level = MAX_PRIORITY; level >= 0; level--) out.push(this.base + level);
    return out;
  }

  /** @inheritDoc */
  peek(): ThreadId {
    for (let w = WORDS - 1; w >= 0; w--) {
      const bits = this.bitmap[w]!;
      if (bits !== 0) return this.host!.first(this.base + (w << 5) + 31 - Math.clz32(bits));
    }
    return NO_THREAD;
  }

  /** @inheritDoc */
  shouldPreempt(woken: ThreadId, running: ThreadId): boolean {
    const host = this.host!;
    return host.priority(woken) > host.priority(running);
  }

  /** @inheritDoc */
  remove(tid: ThreadId): void {
    const host = this.host!;
    const list = host.listOf(tid);
    if (list === -1) return;
    host.unlink(tid);
    if (host.count(list) === 0) {
      const level = list - this.base;
      this.bitmap[level >>> 5]! &= ~(1 << (level & 31));
    }
  }
}
