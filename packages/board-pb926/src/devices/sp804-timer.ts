import type { Clock, InterruptLine, MmioDevice } from '../api.js';
import { Sp804Counter } from '../internal/sp804-counter.js';
import { PCELL_ID, primeCellId } from './primecell-id.js';

const ID = [0x04, 0x18, 0x14, 0x00, ...PCELL_ID];

/** Input clock of the Versatile's SP804s in QEMU (and TIMCLK on the board): 1 MHz. */
export const SP804_DEFAULT_HZ = 1_000_000;

/**
 * ARM SP804 dual timer: two down-counters (registers at +0x00 and +0x20: LOAD, VALUE,
 * CTRL, INTCLR, RIS, MIS, BGLOAD) sharing one interrupt output (the OR of both masked
 * interrupts), clocked at 1 MHz by default, as QEMU 7.2 models it. See
 * {@link Sp804Counter}-level notes in the README for the modes.
 */
export class Sp804Timer implements MmioDevice {
  /** `sp804`. */
  readonly name = 'sp804';
  /** 4 KiB. */
  readonly size = 0x1000;
  private readonly counters: readonly [Sp804Counter, Sp804Counter];
  private readonly irq: InterruptLine;
  private level = false;

  /** Creates the timer pair on `clock`, driving `irq`. */
  constructor(clock: Clock, irq: InterruptLine, inputHz: number = SP804_DEFAULT_HZ) {
    this.irq = irq;
    const changed = (): void => {
      this.update();
    };
    this.counters = [new Sp804Counter(clock, inputHz, changed), new Sp804Counter(clock, inputHz, changed)];
  }

  /** Counter `n` (0 or 1), for inspection. */
  counter(n: 0 | 1): Sp804Counter {
    return this.counters[n];
  }

  /** Sets the input clock of counter `n` (the SP810 clock select). */
  setInputHz(n: 0 | 1, hz: number): void {
    this.counters[n].setInputHz(hz);
  }

  /** Both counters to reset values. */
  reset(): void {
    this.counters[0].reset();
    this.counters[1].reset();
    this.level = false;
    this.irq.set(false);
  }

  /** Reads a register. */
  read(offset: number): number {
    if (offset < 0x40) {
      const c = this.counters[offset < 0x20 ? 0 : 1];
      switch ((offset & 0x1f) >> 2) {
        case 0:
        case 6:
          return c.load;
        case 1:
          return c.value();
        case 2:
          return c.control;
        case 4:
          return c.intLevel ? 1 : 0;
        case 5:
          return c.output ? 1 : 0;
        default:
          return 0;
      }
    }
    const id = primeCellId(ID, offset);
    return id >= 0 ? id : 0;
  }

  /** Writes a register. */
  write(offset: number, value: number): void {
    if (offset >= 0x40) return;
    const c = this.counters[offset < 0x20 ? 0 : 1];
    switch ((offset & 0x1f) >> 2) {
      case 0:
        c.writeLoad(value);
        break;
      case 2:
        c.writeControl(value);
        break;
      case 3:
        c.clearInterrupt();
        break;
      case 6:
        c.writeBackgroundLoad(value);
        break;
      default:
        return;
    }
    this.update();
  }

  private update(): void {
    const level = this.counters[0].output || this.counters[1].output;
    if (level !== this.level) {
      this.level = level;
      this.irq.set(level);
    }
  }
}
