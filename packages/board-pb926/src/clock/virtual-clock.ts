import type { ClockEventHandler, VirtualClockLike, VirtualClockOptions } from '../api.js';
import { BoardError } from '../errors.js';
import { EventQueue } from '../internal/event-queue.js';

/** Default guest instruction rate of {@link VirtualClock}: 100 M instructions per second. */
export const DEFAULT_INSTRUCTIONS_PER_SECOND = 100_000_000;

/**
 * Deterministic guest time: `now() = instructions × (10^9 / instructionsPerSecond)` ns,
 * never the host clock. The instruction count comes from an injected counter (the CPU's)
 * or from {@link VirtualClock.advance}.
 */
export class VirtualClock implements VirtualClockLike {
  /** Always `virtual`. */
  readonly kind = 'virtual' as const;
  /** Nanoseconds per instruction (an integer). */
  readonly nanosecondsPerInstruction: number;
  /** Instructions per guest second. */
  readonly instructionsPerSecond: number;
  private readonly counter: (() => number) | undefined;
  private count = 0;
  private readonly queue = new EventQueue();
  private readonly nowFn = (): number => this.now();

  /** Creates a clock at time 0; throws {@link BoardError} `bad-rate` for a rate not dividing 10^9. */
  constructor(options: VirtualClockOptions = {}) {
    const ips = options.instructionsPerSecond ?? DEFAULT_INSTRUCTIONS_PER_SECOND;
    if (!Number.isInteger(ips) || ips <= 0 || 1e9 % ips !== 0) {
      throw new BoardError('bad-rate', `instructionsPerSecond must be a positive divisor of 1e9, got ${String(ips)}`);
    }
    this.instructionsPerSecond = ips;
    this.nanosecondsPerInstruction = 1e9 / ips;
    this.counter = options.instructionCounter;
  }

  /** Instructions counted so far. */
  instructions(): number {
    return this.counter === undefined ? this.count : this.counter();
  }

  /** Adds `count` instructions to the internal count; throws `bad-advance` with an external counter. */
  advance(count: number): void {
    if (this.counter !== undefined) {
      throw new BoardError('bad-advance', 'advance() is not available when an instruction counter is attached');
    }
    if (!Number.isInteger(count) || count < 0) {
      throw new BoardError('bad-advance', `advance() needs a non-negative integer, got ${String(count)}`);
    }
    this.count += count;
  }

  /** Guest nanoseconds. */
  now(): number {
    return this.instructions() * this.nanosecondsPerInstruction;
  }

  /** Schedules an event. */
  at(time: number, handler: ClockEventHandler): number {
    return this.queue.add(time, handler);
  }

  /** Cancels an event. */
  cancel(id: number): boolean {
    return this.queue.cancel(id);
  }

  /** Earliest pending event time. */
  nextEventTime(): number {
    return this.queue.peekTime();
  }

  /** Fires due events. */
  runDue(): number {
    return this.queue.runDue(this.nowFn);
  }

  /** Instructions until `time`: ceil((time − now) / ns per instruction), 0 when reached. */
  instructionsUntil(time: number): number {
    if (time === Infinity) return Infinity;
    const d = time - this.now();
    return d <= 0 ? 0 : Math.ceil(d / this.nanosecondsPerInstruction);
  }
}
