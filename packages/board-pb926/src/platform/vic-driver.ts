import type { InterruptController } from '@codezero-ts/kernel';
import type { MmioDevice } from '../api.js';
import type { PhysicalBus } from '../physical-bus.js';
import { PB926_ADDRESS, PB926_VIC_IRQ } from '../pb926-map.js';

/** PL190 registers the driver uses (offsets from the VIC base). */
const VIC_IRQSTATUS = 0x00;
const VIC_INTSELECT = 0x0c;
const VIC_INTENABLE = 0x10;
const VIC_INTENCLEAR = 0x14;
const VIC_SOFTINTCLEAR = 0x1c;
/** SIC registers the driver uses (offsets from the SIC base). */
const SIC_STATUS = 0x00;
const SIC_ENSET = 0x08;
const SIC_ENCLR = 0x0c;
const SIC_PICENCLR = 0x24;

/** First interrupt number of the SIC's sources in the platform numbering. */
export const SIC_IRQ_BASE = 32;
/** Interrupt numbers of the PB926 platform: VIC 0–31, then SIC 0–31 as 32–63. */
export const PB926_IRQ_COUNT = 64;

/**
 * The kernel's interrupt-controller driver for the PB926: the PL190 VIC with the Versatile
 * SIC cascaded on VIC input 31, programmed through their registers on the physical bus.
 *
 * Numbering, as the original's two-chip setup: 0–31 are VIC inputs, 32–63 are SIC inputs
 * 0–31. At start every source is masked, every input routed to IRQ (none to FIQ), and the
 * cascade (VIC 31) enabled; SIC pass-through to VIC 21–30 is off, so every SIC source
 * arrives through the summary line. Number 31 itself is the cascade: enabling or disabling
 * it does nothing and it is never reported.
 *
 * `pending` reads VIC IRQSTATUS (sources that are raised and enabled) and answers the
 * lowest-numbered one; for the cascade it reads SIC STATUS and answers `32 + n`. It runs
 * after every CPU slice, so it reads IRQSTATUS from the VIC's register window without going
 * through the bus decoder; every other access goes through the bus.
 */
export class VicSicDriver implements InterruptController {
  /** 64: VIC 0–31 and SIC 0–31. */
  readonly count = PB926_IRQ_COUNT;
  readonly #bus: PhysicalBus;
  readonly #vic: number;
  readonly #sic: number;
  /** The VIC's register window, read directly by `pending` (the bus decode is skipped on this hot path). */
  readonly #vicRegs: MmioDevice | null;

  /** Initialises both controllers as described above. */
  constructor(bus: PhysicalBus, vicBase: number = PB926_ADDRESS.vic, sicBase: number = PB926_ADDRESS.sic) {
    this.#bus = bus;
    this.#vic = vicBase;
    this.#sic = sicBase;
    this.#vicRegs = bus.region(vicBase).device;
    bus.write32(vicBase + VIC_INTENCLEAR, 0xffffffff);
    bus.write32(vicBase + VIC_INTSELECT, 0);
    bus.write32(vicBase + VIC_SOFTINTCLEAR, 0xffffffff);
    bus.write32(sicBase + SIC_ENCLR, 0xffffffff);
    bus.write32(sicBase + SIC_PICENCLR, 0xffffffff);
    bus.write32(vicBase + VIC_INTENABLE, 1 << PB926_VIC_IRQ.sic);
  }

  /** Unmasks source `irq`. */
  enable(irq: number): void {
    if (irq >= SIC_IRQ_BASE) {
      if (irq < PB926_IRQ_COUNT) this.#bus.write32(this.#sic + SIC_ENSET, 1 << (irq - SIC_IRQ_BASE));
    } else if (irq >= 0 && irq !== PB926_VIC_IRQ.sic) {
      this.#bus.write32(this.#vic + VIC_INTENABLE, 1 << irq);
    }
  }

  /** Masks source `irq`. */
  disable(irq: number): void {
    if (irq >= SIC_IRQ_BASE) {
      if (irq < PB926_IRQ_COUNT) this.#bus.write32(this.#sic + SIC_ENCLR, 1 << (irq - SIC_IRQ_BASE));
    } else if (irq >= 0 && irq !== PB926_VIC_IRQ.sic) {
      this.#bus.write32(this.#vic + VIC_INTENCLEAR, 1 << irq);
    }
  }

  /** The lowest-numbered raised and enabled source, or -1. */
  pending(): number {
    const regs = this.#vicRegs;
    const status = regs === null ? this.#bus.read32(this.#vic + VIC_IRQSTATUS) : regs.read(VIC_IRQSTATUS, 4) | 0;
    if (status === 0) return -1;
    const low = status & -status;
    const n = 31 - Math.clz32(low);
    if (n !== PB926_VIC_IRQ.sic) return n;
    const sic = this.#bus.read32(this.#sic + SIC_STATUS);
    if (sic === 0) return -1;
    return SIC_IRQ_BASE + 31 - Math.clz32(sic & -sic);
  }
}
