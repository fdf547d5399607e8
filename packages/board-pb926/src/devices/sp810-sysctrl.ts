import type { MmioDevice } from '../api.js';
import { PCELL_ID, primeCellId } from './primecell-id.js';

const ID = [0x10, 0x18, 0x14, 0x00, ...PCELL_ID];
/** REFCLK, the slow timer clock an SP810 clock select may choose. */
export const SP810_REFCLK_HZ = 32_768;
/** TIMCLK, the fast timer clock (1 MHz on the Versatile). */
export const SP810_TIMCLK_HZ = 1_000_000;
/** SCCTRL bit of timer n's clock select (TimerEnNSel): bits 15, 17, 19, 21. */
export const SCCTRL_TIMER_SELECT = [1 << 15, 1 << 17, 1 << 19, 1 << 21] as const;

/**
 * ARM SP810 system controller, register-level model (QEMU's versatilepb maps nothing at
 * 0x101E0000, so this device is only mapped on request). SCCTRL (0x00) is read/write
 * and reports the timer clock selects through `onTimerClock(timer, hz)`;
 * SCSYSSTAT 0x04, SCIMCTRL 0x08, SCIMSTAT 0x0C, SCXTALCTRL 0x10, SCPLLCTRL 0x14,
 * SCPLLFCTRL 0x18, SCPERCTRL0/1 0x1C/0x20 are stored; SCPEREN 0x24 / SCPERDIS 0x28 set and
 * clear SCPERCLKEN (0x2C, also read at SCPERSTAT 0x30); SCSYSID0–3 read 0. Nothing else
 * (mode changes, PLLs) has an effect.
 */
export class Sp810SysCtrl implements MmioDevice {
  /** `sp810`. */
  readonly name = 'sp810';
  /** 4 KiB. */
  readonly size = 0x1000;
  private readonly regs = new Uint32Array(9);
  private perClkEn = 0;
  private readonly onTimerClock: ((timer: number, hz: number) => void) | undefined;

  /** Creates the controller; `onTimerClock` hears every timer clock select after an SCCTRL write. */
  constructor(onTimerClock?: (timer: number, hz: number) => void) {
    this.onTimerClock = onTimerClock;
  }

  /** Reset: every register 0 (all timers on REFCLK). */
  reset(): void {
    this.regs.fill(0);
    this.perClkEn = 0;
    this.reportTimerClocks();
  }

  /** The clock timer `n` (0–3) is selected to run at, from SCCTRL. */
  timerHz(n: number): number {
    const bit = SCCTRL_TIMER_SELECT[n & 3]!;
    return (this.regs[0]! & bit) !== 0 ? SP810_TIMCLK_HZ : SP810_REFCLK_HZ;
  }

  /** Reads a register. */
  read(offset: number): number {
    const id = primeCellId(ID, offset);
    if (id >= 0) return id;
    if ((offset & 3) !== 0) return 0;
    if (offset <= 0x20) return this.regs[offset >> 2]!;
    if (offset === 0x2c || offset === 0x30) return this.perClkEn >>> 0;
    return 0;
  }

  /** Writes a register. */
  write(offset: number, value: number): void {
    if ((offset & 3) !== 0) return;
    if (offset <= 0x20) {
      this.regs[offset >> 2] = value;
      if (offset === 0) this.reportTimerClocks();
    } else if (offset === 0x24) {
      this.perClkEn |= value;
    } else if (offset === 0x28) {
      this.perClkEn &= ~value;
    }
  }

  private reportTimerClocks(): void {
    if (this.onTimerClock === undefined) return;
    for (let n = 0; n < 4; n++) this.onTimerClock(n, this.timerHz(n));
  }
}
