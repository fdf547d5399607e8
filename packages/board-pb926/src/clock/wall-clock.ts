import type { Clock, ClockEventHandler, WallClockOptions } from '../api.js';
import { EventQueue } from '../internal/event-queue.js';

/**
 * Guest time that follows the host clock (for interactive use). Same event queue as the
 * virtual clock; {@link WallClock.instructionsUntil} only estimates, so a machine polls it
 * in bounded slices. Not deterministic by design.
 */
export class WallClock implements Clock {
  /** Always `wall`. */
  readonly kind = 'wall' as const;
  private readonly host: () => number;
  private readonly origin: number;
  private readonly ipsEstimate: number;
  private readonly maxSlice: number;
  private readonly queue = new EventQueue();
  private readonly nowFn = (): number => this.now();

  /** Creates a clock whose time 0 is now. */
  constructor(options: WallClockOptions = {}) {
    this.host = options.hostMilliseconds ?? (() => performance.now());
    this.origin = this.host();
    this.ipsEstimate = options.estimatedInstructionsPerSecond ?? 100_000_000;
    this.maxSlice = options.maxSlice ?? 100_000;
  }

  /** Guest nanoseconds (whole), from the host clock. */
  now(): number {
    return Math.floor((this.host() - this.origin) * 1e6);
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

  /** An estimate, at least 1 and at most the configured slice while `time` is ahead. */
  instructionsUntil(time: number): number {
    const d = time - this.now();
    if (d <= 0) return 0;
    const est = Math.ceil((d * this.ipsEstimate) / 1e9);
    return Math.max(1, Math.min(this.maxSlice, est));
  }
}
