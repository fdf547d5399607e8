import type { TickTimer } from '@codezero-ts/kernel';
import type { PhysicalBus } from '../physical-bus.js';
import { SP804_DEFAULT_HZ } from '../devices/sp804-timer.js';
import { PB926_ADDRESS, PB926_VIC_IRQ } from '../pb926-map.js';

/** SP804 registers of one counter (offsets from the counter's base). */
const TIMER_LOAD = 0x00;
const TIMER_CTRL = 0x08;
const TIMER_INTCLR = 0x0c;
/** CTRL: enable, periodic, interrupt enable, 32-bit counter, prescale 1. */
const CTRL_ENABLE = 0x80;
const CTRL_PERIODIC = 0x40;
const CTRL_IE = 0x20;
const CTRL_32BIT = 0x02;

/**
 * The kernel's tick driver: counter 0 of SP804 timer 0/1 (VIC 4), clocked at 1 MHz.
 * `start(tps)` stops the counter, writes LOAD = 1 MHz / tps (rounded, at least 1) and sets
 * CTRL to enabled, periodic, interrupt enabled, 32-bit, no prescale; `acknowledge` writes
 * INTCLR. The second counter of the same module shares VIC 4, so the platform keeps it to
 * the kernel; the spare module (timers 2/3, VIC 5) is for user-level drivers.
 */
export class Sp804TickDriver implements TickTimer {
  /** The VIC input of timers 0/1. */
  readonly irq: number = PB926_VIC_IRQ.timer01;
  readonly #bus: PhysicalBus;
  readonly #base: number;
  readonly #inputHz: number;

  /** A driver for the counter at `base` (default timer 0), clocked at `inputHz`. */
  constructor(bus: PhysicalBus, base: number = PB926_ADDRESS.timer01, inputHz: number = SP804_DEFAULT_HZ) {
    this.#bus = bus;
    this.#base = base;
    this.#inputHz = inputHz;
  }

  /** The LOAD value `start(ticksPerSecond)` programs. */
  loadFor(ticksPerSecond: number): number {
    return Math.max(1, Math.round(this.#inputHz / ticksPerSecond));
  }

  /** Programs periodic interrupts at `ticksPerSecond`. */
  start(ticksPerSecond: number): void {
    const bus = this.#bus;
    bus.write32(this.#base + TIMER_CTRL, 0);
    bus.write32(this.#base + TIMER_INTCLR, 1);
    bus.write32(this.#base + TIMER_LOAD, this.loadFor(ticksPerSecond));
    bus.write32(this.#base + TIMER_CTRL, CTRL_ENABLE | CTRL_PERIODIC | CTRL_IE | CTRL_32BIT);
  }

  /** Clears the timer's interrupt. */
  acknowledge(): void {
    this.#bus.write32(this.#base + TIMER_INTCLR, 1);
  }
}
