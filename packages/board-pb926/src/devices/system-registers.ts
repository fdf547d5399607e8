import type { Clock, MmioDevice } from '../api.js';
import { ticksAt } from '../internal/ticks.js';

/** SYS_ID of the Versatile PB926 as QEMU reports it (manufacturer 0x41, board field 0x100 in bits 27:16). */
export const PB926_SYS_ID = 0x41007004;
/** SYS_PROCID0 of the ARM926EJ-S core tile as QEMU reports it. */
export const PB926_PROC_ID = 0x02000000;
/** The value that unlocks the lockable registers (SYS_LOCK). */
export const SYS_LOCK_KEY = 0xa05f;

/** Options of {@link SystemRegisters}. */
export interface SystemRegistersOptions {
  /** Called when the guest requests a board reset through SYS_RESETCTL (bit 8, unlocked). */
  readonly onResetRequest?: () => void;
}

/**
 * The Versatile system registers at 0x10000000, as QEMU 7.2's arm_sysctl for versatilepb
 * (board ID 0x41007004, PROCID 0x02000000), with one addition: the 100 Hz counter at
 * +0x24 counts guest time (QEMU reads 0 there). Registers decode on their exact offset,
 * so byte or halfword accesses that are not at a register's first byte read 0.
 *
 * | off | register | behaviour |
 * |---|---|---|
 * | 0x00 | ID | 0x41007004 |
 * | 0x04 | SW | 0 |
 * | 0x08 | LED | read/write |
 * | 0x0C–0x1C | OSC0–4 | 0, writes ignored (as QEMU) |
 * | 0x20 | LOCK | 0xA05F unlocks; other values stored as value & 0x7FFF |
 * | 0x24 | 100HZ | guest time × 100, 32 bits |
 * | 0x28/0x2C | CFGDATA1/2 | read/write |
 * | 0x30/0x34 | FLAGS (set) / FLAGSCLR | |
 * | 0x38/0x3C | NVFLAGS (set) / NVFLAGSCLR | kept across reset |
 * | 0x40 | RESETCTL | write when unlocked; bit 8 requests a reset |
 * | 0x44 | PCICTL | 1 |
 * | 0x50 | CLCD | reset 0x1F00, bits 13:8 read-only |
 * | 0x5C | 24MHz | guest time × 24 000 000, 32 bits |
 * | 0x84 | PROCID0 | 0x02000000 |
 * | 0x88 | PROCID1 | 0xFF000000 |
 * | others | | 0 |
 */
export class SystemRegisters implements MmioDevice {
  /** `versatile-sysregs`. */
  readonly name = 'versatile-sysregs';
  /** 4 KiB. */
  readonly size = 0x1000;
  private leds = 0;
  private lockval = 0;
  private cfgdata1 = 0;
  private cfgdata2 = 0;
  private flags = 0;
  private nvflags = 0;
  private resetlevel = 0;
  private clcd = 0x1f00;
  private readonly clock: Clock;
  private readonly onResetRequest: (() => void) | undefined;

  /** Creates the block; counters follow `clock`. */
  constructor(clock: Clock, options: SystemRegistersOptions = {}) {
    this.clock = clock;
    this.onResetRequest = options.onResetRequest;
  }

  /** Reset values (NVFLAGS are kept). */
  reset(): void {
    this.leds = 0;
    this.lockval = 0;
    this.cfgdata1 = 0;
    this.cfgdata2 = 0;
    this.flags = 0;
    this.resetlevel = 0;
    this.clcd = 0x1f00;
  }

  /** Reads a register. */
  read(offset: number): number {
    switch (offset) {
      case 0x00:
        return PB926_SYS_ID;
      case 0x08:
        return this.leds;
      case 0x20:
        return this.lockval;
      case 0x24:
        return ticksAt(this.clock.now(), 100) % 0x100000000;
      case 0x28:
        return this.cfgdata1;
      case 0x2c:
        return this.cfgdata2;
      case 0x30:
        return this.flags >>> 0;
      case 0x38:
        return this.nvflags >>> 0;
      case 0x40:
        return this.resetlevel;
      case 0x44:
        return 1;
      case 0x50:
        return this.clcd;
      case 0x5c:
        return ticksAt(this.clock.now(), 24_000_000) % 0x100000000;
      case 0x84:
        return PB926_PROC_ID;
      case 0x88:
        return 0xff000000;
      default:
        return 0;
    }
  }

  /** Writes a register. */
  write(offset: number, value: number): void {
    switch (offset) {
      case 0x08:
        this.leds = value;
        break;
      case 0x20:
        this.lockval = value === SYS_LOCK_KEY ? value : value & 0x7fff;
        break;
      case 0x28:
        this.cfgdata1 = value;
        break;
      case 0x2c:
        this.cfgdata2 = value;
        break;
      case 0x30:
        this.flags |= value;
        break;
      case 0x34:
        this.flags &= ~value;
        break;
      case 0x38:
        this.nvflags |= value;
        break;
      case 0x3c:
        this.nvflags &= ~value;
        break;
      case 0x40:
        if (this.lockval === SYS_LOCK_KEY) {
          this.resetlevel = value;
          if ((value & 0x100) !== 0) this.onResetRequest?.();
        }
        break;
      case 0x50:
        this.clcd = (this.clcd & 0x3f00) | (value & ~0x3f00);
        break;
      default:
        break;
    }
  }
}
