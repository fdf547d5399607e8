import type { Clock, InterruptLine, MmioDevice } from '../api.js';
import { PCELL_ID, primeCellId } from './primecell-id.js';

const ID = [0x31, 0x10, 0x14, 0x00, ...PCELL_ID];
const NS_PER_SECOND = 1e9;
/** Default PL031 time at guest time 0: 2025-01-01T00:00:00Z. */
export const DEFAULT_RTC_EPOCH = 1_735_689_600;

/**
 * ARM PrimeCell PL031 real-time clock, as QEMU 7.2 models it, counting whole seconds of
 * guest time from a configurable epoch (never the host clock):
 * DR 0x00 (count), MR 0x04 (match), LR 0x08 (load: sets the count), CR 0x0C (reads 1,
 * always enabled), IMSC 0x10 (bit 0), RIS 0x14, MIS 0x18, ICR 0x1C. The match interrupt
 * is raised when the count reaches MR (a 32-bit distance: an MR in the past matches after
 * the count wraps).
 */
export class Pl031Rtc implements MmioDevice {
  /** `pl031`. */
  readonly name = 'pl031';
  /** 4 KiB. */
  readonly size = 0x1000;
  private readonly clock: Clock;
  private readonly epoch: number;
  private readonly irq: InterruptLine;
  /** count = offset + whole guest seconds. */
  private tickOffset: number;
  private mr = 0;
  private lr = 0;
  private im = 0;
  private is = 0;
  private event = 0;
  private readonly alarm = (): void => {
    this.event = 0;
    this.is = 1;
    this.update();
  };

  /** Creates the RTC reading `epochSeconds` at guest time 0. */
  constructor(clock: Clock, irq: InterruptLine, epochSeconds: number = DEFAULT_RTC_EPOCH) {
    this.clock = clock;
    this.irq = irq;
    this.epoch = epochSeconds >>> 0;
    this.tickOffset = this.epoch;
  }

  /** The count: epoch (or the last LR value) plus elapsed guest seconds, 32 bits. */
  count(): number {
    return (this.tickOffset + Math.floor(this.clock.now() / NS_PER_SECOND)) >>> 0;
  }

  /** Reset: back to the epoch, registers 0. */
  reset(): void {
    this.cancelAlarm();
    this.tickOffset = this.epoch;
    this.mr = 0;
    this.lr = 0;
    this.im = 0;
    this.is = 0;
    this.update();
  }

  /** Reads a register. */
  read(offset: number): number {
    const id = primeCellId(ID, offset);
    if (id >= 0) return id;
    switch (offset >> 2) {
      case 0:
        return this.count();
      case 1:
        return this.mr;
      case 2:
        return this.lr;
      case 3:
        return 1;
      case 4:
        return this.im;
      case 5:
        return this.is;
      case 6:
        return this.is & this.im;
      default:
        return 0;
    }
  }

  /** Writes a register. */
  write(offset: number, value: number): void {
    switch (offset >> 2) {
      case 1:
        this.mr = value >>> 0;
        this.setAlarm();
        break;
      case 2:
        this.tickOffset += (value >>> 0) - this.count();
        this.lr = value >>> 0;
        this.setAlarm();
        break;
      case 4:
        this.im = value & 1;
        this.update();
        break;
      case 7:
        this.is &= ~value;
        this.update();
        break;
      default:
        break;
    }
  }

  private setAlarm(): void {
    this.cancelAlarm();
    const ticks = (this.mr - this.count()) >>> 0;
    if (ticks === 0) {
      this.alarm();
      return;
    }
    // The next whole-second boundary, then `ticks - 1` seconds more.
    const now = this.clock.now();
    const nextSecond = (Math.floor(now / NS_PER_SECOND) + 1) * NS_PER_SECOND;
    this.event = this.clock.at(nextSecond + (ticks - 1) * NS_PER_SECOND, this.alarm);
  }

  private cancelAlarm(): void {
    if (this.event !== 0) this.clock.cancel(this.event);
    this.event = 0;
  }

  private update(): void {
    this.irq.set((this.is & this.im) !== 0);
  }
}
