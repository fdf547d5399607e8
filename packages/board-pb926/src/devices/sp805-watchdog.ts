import type { Clock, InterruptLine, MmioDevice } from '../api.js';
import { PCELL_ID, primeCellId } from './primecell-id.js';

const ID = [0x05, 0x18, 0x14, 0x00, ...PCELL_ID];
/** Key written to WdogLock to allow writes to the other registers. */
export const WDOG_UNLOCK_KEY = 0x1acce551;
const CTRL_INTEN = 1;
const CTRL_RESEN = 2;

/**
 * ARM SP805 watchdog, register-level model (QEMU's versatilepb maps no watchdog, so this
 * device is only mapped on request). The counter runs while Control.INTEN is set,
 * counting down from Load at `inputHz` (1 MHz by default); at zero it raises the
 * interrupt and reloads, and if the interrupt is still raised at the next zero with
 * Control.RESEN set, it asserts the reset output. Load, IntClr and enabling reload the
 * counter. Writes are ignored while WdogLock is locked (anything but 0x1ACCE551 locks;
 * it reads 1 when locked). The period is Load ticks, like the SP804 model.
 */
export class Sp805Watchdog implements MmioDevice {
  /** `sp805`. */
  readonly name = 'sp805';
  /** 4 KiB. */
  readonly size = 0x1000;
  private load = 0xffffffff;
  private control = 0;
  private raw = false;
  private locked = false;
  private itcr = 0;
  private running = false;
  private startTime = 0;
  private startCount = 0xffffffff;
  private event = 0;
  private readonly nsPerTick: number;
  private readonly clock: Clock;
  private readonly irq: InterruptLine;
  private readonly onReset: (() => void) | undefined;
  private readonly expire = (time: number): void => {
    this.onZero(time);
  };

  /** Creates the watchdog. `onReset` is called when the reset output is asserted. */
  constructor(clock: Clock, irq: InterruptLine, onReset?: () => void, inputHz = 1_000_000) {
    this.clock = clock;
    this.irq = irq;
    this.onReset = onReset;
    this.nsPerTick = 1e9 / inputHz;
  }

  /** Current count. */
  value(): number {
    if (!this.running) return this.startCount;
    const v = this.startCount - Math.ceil((this.clock.now() - this.startTime) / this.nsPerTick);
    return v > 0 ? v : 0;
  }

  /** Reset: Load and Value 0xFFFFFFFF, stopped, unlocked. */
  reset(): void {
    this.stop();
    this.load = 0xffffffff;
    this.startCount = 0xffffffff;
    this.control = 0;
    this.raw = false;
    this.locked = false;
    this.itcr = 0;
    this.irq.set(false);
  }

  /** Reads a register. */
  read(offset: number): number {
    const id = primeCellId(ID, offset);
    if (id >= 0) return id;
    switch (offset) {
      case 0x000:
        return this.load;
      case 0x004:
        return this.value();
      case 0x008:
        return this.control;
      case 0x010:
        return this.raw ? 1 : 0;
      case 0x014:
        return this.raw && (this.control & CTRL_INTEN) !== 0 ? 1 : 0;
      case 0xc00:
        return this.locked ? 1 : 0;
      case 0xf00:
        return this.itcr;
      default:
        return 0;
    }
  }

  /** Writes a register. */
  write(offset: number, value: number): void {
    if (offset === 0xc00) {
      this.locked = value >>> 0 !== WDOG_UNLOCK_KEY;
      return;
    }
    if (this.locked) return;
    switch (offset) {
      case 0x000:
        this.load = value >>> 0;
        this.restart();
        break;
      case 0x008: {
        const wasOn = (this.control & CTRL_INTEN) !== 0;
        this.control = value & 3;
        if ((this.control & CTRL_INTEN) === 0) {
          this.startCount = this.value();
          this.stop();
        } else if (!wasOn) {
          this.restart();
        }
        break;
      }
      case 0x00c:
        this.raw = false;
        this.restart();
        break;
      case 0xf00:
        this.itcr = value & 1;
        break;
      default:
        break;
    }
    this.update();
  }

  private restart(): void {
    this.stop();
    this.startCount = this.load;
    if ((this.control & CTRL_INTEN) === 0) return;
    this.running = true;
    this.startTime = this.clock.now();
    this.event = this.clock.at(this.startTime + Math.ceil(this.load * this.nsPerTick), this.expire);
  }

  private stop(): void {
    if (this.running) this.clock.cancel(this.event);
    this.running = false;
  }

  private onZero(time: number): void {
    if (this.raw && (this.control & CTRL_RESEN) !== 0) this.onReset?.();
    this.raw = true;
    this.update();
    this.startTime = time;
    this.startCount = this.load;
    this.event = this.clock.at(time + Math.max(1, Math.ceil(this.load * this.nsPerTick)), this.expire);
  }

  private update(): void {
    this.irq.set(this.raw && (this.control & CTRL_INTEN) !== 0);
  }
}
