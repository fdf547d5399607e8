import type { Clock } from '../api.js';

/** CTRL bits of an SP804 timer. */
export const CTRL_ONESHOT = 0x01;
/** 32-bit counter (else 16-bit). */
export const CTRL_32BIT = 0x02;
/** Interrupt enable. */
export const CTRL_IE = 0x20;
/** Periodic (reload from LOAD/BGLOAD) instead of free-running. */
export const CTRL_PERIODIC = 0x40;
/** Timer enable. */
export const CTRL_ENABLE = 0x80;

const STOPPED = 0;
const CONTINUOUS = 1;
const ONE_SHOT = 2;

/**
 * One of the two counters of an SP804, following QEMU 7.2's arm_timer/ptimer model:
 * the counter counts down from its reload value at the input clock divided by the
 * prescaler, interrupts when it reaches 0 and reloads (periodic and free-running) or
 * stops at 0 (one-shot). The period is the reload value in ticks; free-running mode
 * reloads with 0xFFFFFFFF (or 0xFFFF), not LOAD. VALUE is computed from the clock when
 * read; only the expiry is an event.
 */
export class Sp804Counter {
  /** LOAD/BGLOAD register. */
  load = 0;
  /** CTRL register as written. */
  control = CTRL_IE;
  /** Raw interrupt status. */
  intLevel = false;
  private mode = STOPPED;
  /** Count while stopped. */
  private count = 0;
  /** Reload value used by the counter (LOAD, or the maximum when free-running). */
  private limit = 0;
  private startTime = 0;
  private startCount = 0;
  private event = 0;
  private inputHz: number;
  private nsPerTick: number;
  private readonly clock: Clock;
  private readonly changed: () => void;
  private readonly expire = (time: number): void => {
    this.onExpiry(time);
  };

  /** Creates a counter clocked at `inputHz`; `changed` is called when the interrupt output may change. */
  constructor(clock: Clock, inputHz: number, changed: () => void) {
    this.clock = clock;
    this.inputHz = inputHz;
    this.nsPerTick = 1e9 / inputHz;
    this.changed = changed;
  }

  /** Interrupt output: raw status gated by CTRL.IE. */
  get output(): boolean {
    return this.intLevel && (this.control & CTRL_IE) !== 0;
  }

  /** Back to reset values (CTRL = IE, everything else 0, stopped). */
  reset(): void {
    this.stop();
    this.load = 0;
    this.control = CTRL_IE;
    this.intLevel = false;
    this.count = 0;
    this.limit = 0;
    this.nsPerTick = 1e9 / this.inputHz;
  }

  /** Current counter value. */
  value(): number {
    if (this.mode === STOPPED) return this.count;
    const elapsed = Math.ceil((this.clock.now() - this.startTime) / this.nsPerTick);
    const v = this.startCount - elapsed;
    return v > 0 ? v : 0;
  }

  /** LOAD write: new reload value, counter restarts from it. */
  writeLoad(value: number): void {
    this.load = value >>> 0;
    this.recalibrate(true);
    if (this.mode !== STOPPED) this.start(this.mode === ONE_SHOT);
  }

  /** BGLOAD write: new reload value for the next period; the count continues. */
  writeBackgroundLoad(value: number): void {
    this.load = value >>> 0;
    this.recalibrate(false);
  }

  /** CTRL write: stops, applies mode and prescale, and (when enabled) restarts from the reload value. */
  writeControl(value: number): void {
    if (this.mode !== STOPPED) {
      this.count = this.value();
      this.stop();
    }
    this.control = value >>> 0;
    this.nsPerTick = 1e9 / this.prescaledHz();
    const enabled = (value & CTRL_ENABLE) !== 0;
    this.recalibrate(enabled);
    if (enabled) this.start((value & CTRL_ONESHOT) !== 0);
  }

  /** INTCLR write. */
  clearInterrupt(): void {
    this.intLevel = false;
    this.changed();
  }

  /** Changes the input clock (SP810 clock select); a running counter keeps its value. */
  setInputHz(hz: number): void {
    if (hz === this.inputHz) return;
    const running = this.mode;
    if (running !== STOPPED) {
      this.count = this.value();
      this.stop();
    }
    this.inputHz = hz;
    this.nsPerTick = 1e9 / this.prescaledHz();
    if (running !== STOPPED) this.resume(running);
  }

  private prescaledHz(): number {
    switch ((this.control >> 2) & 3) {
      case 1:
        return this.inputHz / 16;
      case 2:
        return this.inputHz / 256;
      default:
        return this.inputHz;
    }
  }

  private recalibrate(reload: boolean): void {
    if ((this.control & (CTRL_PERIODIC | CTRL_ONESHOT)) === 0) {
      this.limit = (this.control & CTRL_32BIT) !== 0 ? 0xffffffff : 0xffff;
    } else {
      this.limit = this.load;
    }
    if (reload) this.count = this.limit;
  }

  private start(oneShot: boolean): void {
    this.stop();
    if (this.count === 0) {
      // A zero count interrupts at once and reloads; a zero reload value stops the counter.
      this.raise();
      this.count = this.limit;
      if (this.count === 0) return;
    }
    this.resume(oneShot ? ONE_SHOT : CONTINUOUS);
  }

  private resume(mode: number): void {
    this.mode = mode;
    this.startTime = this.clock.now();
    this.startCount = this.count;
    this.event = this.clock.at(this.startTime + Math.ceil(this.count * this.nsPerTick), this.expire);
  }

  private stop(): void {
    if (this.mode !== STOPPED) this.clock.cancel(this.event);
    this.mode = STOPPED;
  }

  private onExpiry(time: number): void {
    if (this.mode === ONE_SHOT) {
      this.mode = STOPPED;
      this.count = 0;
    } else if (this.limit === 0) {
      this.mode = STOPPED;
      this.count = 0;
    } else {
      this.startTime = time;
      this.startCount = this.limit;
      this.event = this.clock.at(time + Math.ceil(this.limit * this.nsPerTick), this.expire);
    }
    this.raise();
  }

  private raise(): void {
    this.intLevel = true;
    this.changed();
  }
}
