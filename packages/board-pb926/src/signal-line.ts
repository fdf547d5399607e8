import type { InterruptLine } from './api.js';

/**
 * An {@link InterruptLine} that remembers its level and reports changes to an optional
 * listener. Useful as a probe in tests and as the glue between a device output and
 * whatever consumes it (for example the CPU's `setIrq`).
 */
export class SignalLine implements InterruptLine {
  /** Current level. */
  level = false;
  /** Number of low-to-high transitions seen. */
  rises = 0;
  private readonly onChange: ((level: boolean) => void) | undefined;

  /** Creates a line, low, calling `onChange` when the level changes. */
  constructor(onChange?: (level: boolean) => void) {
    this.onChange = onChange;
  }

  /** Drives the line. */
  set(level: boolean): void {
    if (level === this.level) return;
    this.level = level;
    if (level) this.rises++;
    this.onChange?.(level);
  }
}

/** An {@link InterruptLine} that ignores its input (an unconnected output). */
export const unconnectedLine: InterruptLine = {
  set(): void {
    /* nothing is wired to it */
  },
};
