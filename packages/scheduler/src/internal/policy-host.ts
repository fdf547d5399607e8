import type { PolicyHost, SchedulingPolicy, ThreadId } from '../api.js';
import type { LinkArena } from './link-arena.js';

/**
 * The per-thread fields a policy may read or change, shared by the scheduler and its
 * {@link TableHost}. The arrays are replaced (grown) by the scheduler; the host always
 * reads them through this object.
 */
export class PolicyFields {
  prio: Uint8Array;
  left: Int32Array;
  /** Ticks ever put into timeslices. */
  granted = 0;
  /** Ticks thrown away (left in a slice when it was replaced, or when a thread exited). */
  forfeited = 0;

  constructor(capacity: number) {
    this.prio = new Uint8Array(capacity);
    this.left = new Int32Array(capacity);
  }
}

/** The {@link PolicyHost} a scheduler hands to its policy: prototype methods, no closures. */
export class TableHost implements PolicyHost {
  /** Set by the scheduler right after the policy is chosen. */
  policy: SchedulingPolicy | null = null;

  constructor(
    private readonly fields: PolicyFields,
    private readonly arena: LinkArena,
  ) {}

  newList(): number {
    return this.arena.newList();
  }

  pushFront(list: number, tid: ThreadId): void {
    this.arena.pushFront(list, tid);
  }

  pushBack(list: number, tid: ThreadId): void {
    this.arena.pushBack(list, tid);
  }

  popFront(list: number): ThreadId {
    return this.arena.popFront(list);
  }

  unlink(tid: ThreadId): void {
    this.arena.remove(tid);
  }

  listOf(tid: ThreadId): number {
    return this.arena.list[tid]!;
  }

  count(list: number): number {
    return this.arena.size[list]!;
  }

  first(list: number): ThreadId {
    return this.arena.head[list]!;
  }

  priority(tid: ThreadId): number {
    return this.fields.prio[tid]!;
  }

  ticksLeft(tid: ThreadId): number {
    return this.fields.left[tid]!;
  }

  refill(tid: ThreadId): void {
    const f = this.fields;
    const slice = this.policy!.timeslice(f.prio[tid]!);
    f.forfeited += f.left[tid]!;
    f.granted += slice;
    f.left[tid] = slice;
  }
}
