import type { PlatformClock } from '@codezero-ts/kernel';
import type { Clock } from '../api.js';

/** Longest host sleep of one wall-clock `idle` call, in milliseconds. */
const MAX_IDLE_SLEEP_MS = 50;

/**
 * The kernel's view of the board clock ({@link Clock}: the deterministic `VirtualClock` or
 * the `WallClock`). Slices end at the next device event; `idle` moves guest time to the
 * next event: on the virtual clock by counting the instructions it skips as guest time (so
 * `now()` jumps, `cpu.instructions` does not), on the wall clock by sleeping the host
 * thread until it is due (at most 50 ms a call).
 */
export class BoardPlatformClock implements PlatformClock {
  readonly #clock: Clock;
  readonly #skip: (instructions: number) => void;
  readonly #sleeper = new Int32Array(new SharedArrayBuffer(4));
  /** Called after every `idle` that advanced time, with the instructions (virtual) or ms (wall) it skipped. */
  onIdle: ((skipped: number) => void) | null = null;

  /** Wraps `clock`; `skip(n)` adds n idle instructions to the virtual clock's count. */
  constructor(clock: Clock, skip: (instructions: number) => void) {
    this.#clock = clock;
    this.#skip = skip;
  }

  /** Guest nanoseconds. */
  now(): number {
    return this.#clock.now();
  }

  /** Instructions until the next device event (at least 1), `Infinity` when none is pending. */
  instructionsUntilEvent(): number {
    const next = this.#clock.nextEventTime();
    if (next === Infinity) return Infinity;
    return Math.max(1, this.#clock.instructionsUntil(next));
  }

  /** Fires due device events. */
  runDue(): void {
    this.#clock.runDue();
  }

  /** Advances to the next device event and fires it; false when none will ever come. */
  idle(): boolean {
    const clock = this.#clock;
    const next = clock.nextEventTime();
    if (next === Infinity) return false;
    let skipped: number;
    if (clock.kind === 'virtual') {
      skipped = clock.instructionsUntil(next);
      if (skipped > 0) this.#skip(skipped);
    } else {
      skipped = Math.min(MAX_IDLE_SLEEP_MS, Math.max(0, (next - clock.now()) / 1e6));
      if (skipped > 0) Atomics.wait(this.#sleeper, 0, 0, skipped);
    }
    clock.runDue();
    this.onIdle?.(skipped);
    return true;
  }
}
