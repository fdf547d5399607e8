import type { InterruptLine, MmioDevice } from '../api.js';

/** Sources 21–30 may bypass the SIC straight to the same-numbered VIC inputs. */
const PIC_PASSTHROUGH = 0x7fe00000;

/**
 * The Versatile PB secondary interrupt controller (at 0x10003000), as QEMU 7.2's
 * `versatilepb_sic`:
 * - 0x00 STATUS = raw & enable, 0x04 RAWSTAT, 0x08 ENABLE (read) / ENSET (write),
 *   0x0C ENCLR, 0x10 SOFTINTSET, 0x14 SOFTINTCLR, 0x20 PICENABLE (read) / PICENSET,
 *   0x24 PICENCLR.
 * - The summary output (STATUS ≠ 0) drives VIC input 31.
 * - Sources 21–30 whose PICENABLE bit is set also drive VIC inputs 21–30 directly; only
 *   those bits can be set in PICENABLE. A source whose pass-through is disabled leaves the
 *   VIC input at its last level (QEMU does not lower it).
 * - QEMU quirk kept: SOFTINTSET/SOFTINTCLR with a nonzero value set/clear ENABLE bit 0, and
 *   reading 0x10 gives RAWSTAT bit 0; there is no separate soft-interrupt latch.
 */
export class VersatileSic implements MmioDevice {
  /** `versatile-sic`. */
  readonly name = 'versatile-sic';
  /** 4 KiB. */
  readonly size = 0x1000;
  private level = 0;
  private mask = 0;
  private picEnable = 0;
  private readonly lines: InterruptLine[];
  private readonly parent: (n: number, level: boolean) => void;

  /**
   * Creates the controller. `parent(n, level)` drives VIC input `n` (31 for the summary,
   * 21–30 for pass-through sources).
   */
  constructor(parent: (n: number, level: boolean) => void) {
    this.parent = parent;
    this.lines = Array.from({ length: 32 }, (_, n) => ({ set: (l: boolean) => { this.setInput(n, l); } }));
  }

  /** The input line for source `n` (0–31). */
  input(n: number): InterruptLine {
    return this.lines[n & 31]!;
  }

  /** Sets the level of source `n`. */
  setInput(n: number, level: boolean): void {
    const bit = 1 << (n & 31);
    this.level = level ? this.level | bit : this.level & ~bit;
    if ((this.picEnable & bit) !== 0) this.parent(n & 31, level);
    this.updateSummary();
  }

  /** Power-on state: no source enabled. */
  reset(): void {
    this.mask = 0;
    this.picEnable = 0;
    this.updateSummary();
  }

  /** Reads a register. */
  read(offset: number): number {
    switch (offset >> 2) {
      case 0:
        return (this.level & this.mask) >>> 0;
      case 1:
        return this.level >>> 0;
      case 2:
        return this.mask >>> 0;
      case 4:
        return this.level & 1;
      case 8:
        return this.picEnable >>> 0;
      default:
        return 0;
    }
  }

  /** Writes a register. */
  write(offset: number, value: number): void {
    switch (offset >> 2) {
      case 2:
        this.mask |= value;
        break;
      case 3:
        this.mask &= ~value;
        break;
      case 4:
        if (value !== 0) this.mask |= 1;
        break;
      case 5:
        if (value !== 0) this.mask &= ~1;
        break;
      case 8:
        this.picEnable |= value & PIC_PASSTHROUGH;
        this.drivePassthrough();
        break;
      case 9:
        this.picEnable &= ~value;
        this.drivePassthrough();
        break;
      default:
        return;
    }
    this.updateSummary();
  }

  private drivePassthrough(): void {
    for (let n = 21; n <= 30; n++) {
      const bit = 1 << n;
      if ((this.picEnable & bit) !== 0) this.parent(n, (this.level & bit) !== 0);
    }
  }

  private updateSummary(): void {
    this.parent(31, (this.level & this.mask) !== 0);
  }
}
