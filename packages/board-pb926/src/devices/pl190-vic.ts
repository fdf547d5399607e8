import type { CpuInterruptInputs, InterruptLine, MmioDevice } from '../api.js';
import { unconnectedLine } from '../signal-line.js';
import { PCELL_ID, primeCellId } from './primecell-id.js';

const ID = [0x90, 0x11, 0x04, 0x00, ...PCELL_ID];
/** Priority level meaning "no vectored interrupt in service". */
const IDLE = 17;

/**
 * ARM PrimeCell PL190 vectored interrupt controller, 32 level-sensitive inputs, as QEMU
 * 7.2 models it:
 * - IRQSTATUS = (inputs | SOFTINT) & INTENABLE & ~INTSELECT; FIQSTATUS = (inputs |
 *   SOFTINT) & INTSELECT (QEMU does not gate FIQs with INTENABLE, and neither do we).
 * - 16 vector slots (VECTCNTLn: enable bit 5, source in bits 4:0; VECTADDRn), slot 0 the
 *   highest priority, then the non-vectored level (DEFVECTADDR).
 * - Reading VECTADDR acknowledges: the current priority rises to the highest pending
 *   vectored slot (any pending source of that slot, enabled or not, as in QEMU) and lower
 *   priorities are masked from the IRQ output until VECTADDR is written (end of
 *   interrupt), which restores the previous level. Nested acknowledges are remembered.
 * - PROTECTION is stored (bit 0) but not enforced, like QEMU.
 */
export class Pl190Vic implements MmioDevice {
  /** `pl190`. */
  readonly name = 'pl190';
  /** 4 KiB. */
  readonly size = 0x1000;
  private level = 0;
  private soft = 0;
  private enable = 0;
  private select = 0;
  private protection = 0;
  private readonly vectCntl = new Uint8Array(16);
  /** Slots 0–15 and the default vector at 16. */
  private readonly vectAddr = new Uint32Array(17);
  /** prioMask[p]: sources of slots with a higher priority than p. */
  private readonly prioMask = new Uint32Array(18);
  private priority = IDLE;
  private readonly prevPriority = new Int32Array(17);
  private irqOut: InterruptLine;
  private fiqOut: InterruptLine;
  private irqLevel = false;
  private fiqLevel = false;
  private readonly lines: InterruptLine[];

  /** Creates the controller; outputs can also be attached later with {@link Pl190Vic.connect}. */
  constructor(irq: InterruptLine = unconnectedLine, fiq: InterruptLine = unconnectedLine) {
    this.irqOut = irq;
    this.fiqOut = fiq;
    this.lines = Array.from({ length: 32 }, (_, n) => ({ set: (l: boolean) => { this.setInput(n, l); } }));
    this.reset();
  }

  /** Attaches the IRQ and FIQ outputs (for example the CPU's inputs) and drives them. */
  connect(irq: InterruptLine, fiq: InterruptLine): void {
    this.irqOut = irq;
    this.fiqOut = fiq;
    irq.set(this.irqLevel);
    fiq.set(this.fiqLevel);
  }

  /** Attaches a CPU's IRQ and FIQ inputs (for example an arm-core `Cpu`) and drives them. */
  connectCpu(cpu: CpuInterruptInputs): void {
    this.connect(
      {
        set: (level) => {
          cpu.setIrq(level);
        },
      },
      {
        set: (level) => {
          cpu.setFiq(level);
        },
      },
    );
  }

  /** The input line for source `n` (0–31). */
  input(n: number): InterruptLine {
    return this.lines[n & 31]!;
  }

  /** Sets the level of source `n`. */
  setInput(n: number, level: boolean): void {
    const bit = 1 << (n & 31);
    const next = level ? this.level | bit : this.level & ~bit;
    if (next === this.level) return;
    this.level = next;
    this.update();
  }

  /** Current IRQ output level. */
  get irq(): boolean {
    return this.irqLevel;
  }

  /** Current FIQ output level. */
  get fiq(): boolean {
    return this.fiqLevel;
  }

  /** Power-on state: everything 0, no interrupt in service. */
  reset(): void {
    this.soft = 0;
    this.enable = 0;
    this.select = 0;
    this.protection = 0;
    this.vectCntl.fill(0);
    this.vectAddr.fill(0);
    this.prevPriority.fill(0);
    this.priority = IDLE;
    this.prioMask[17] = 0xffffffff;
    this.rebuildPriorities();
    this.irqOut.set(this.irqLevel);
    this.fiqOut.set(this.fiqLevel);
  }

  /** Reads a register. */
  read(offset: number): number {
    const id = primeCellId(ID, offset);
    if (id >= 0) return id;
    if (offset >= 0x100 && offset < 0x140) return this.vectAddr[(offset - 0x100) >> 2]!;
    if (offset >= 0x200 && offset < 0x240) return this.vectCntl[(offset - 0x200) >> 2]!;
    const raw = this.level | this.soft;
    switch (offset >> 2) {
      case 0:
        return (raw & this.enable & ~this.select) >>> 0;
      case 1:
        return (raw & this.select) >>> 0;
      case 2:
        return raw >>> 0;
      case 3:
        return this.select >>> 0;
      case 4:
        return this.enable >>> 0;
      case 6:
        return this.soft >>> 0;
      case 8:
        return this.protection;
      case 12:
        return this.acknowledge();
      case 13:
        return this.vectAddr[16]!;
      default:
        return 0;
    }
  }

  /** Writes a register. */
  write(offset: number, value: number): void {
    if (offset >= 0x100 && offset < 0x140) {
      this.vectAddr[(offset - 0x100) >> 2] = value;
      this.rebuildPriorities();
      return;
    }
    if (offset >= 0x200 && offset < 0x240) {
      this.vectCntl[(offset - 0x200) >> 2] = value;
      this.rebuildPriorities();
      return;
    }
    switch (offset >> 2) {
      case 3:
        this.select = value | 0;
        break;
      case 4:
        this.enable |= value;
        break;
      case 5:
        this.enable &= ~value;
        break;
      case 6:
        this.soft |= value;
        break;
      case 7:
        this.soft &= ~value;
        break;
      case 8:
        this.protection = value & 1;
        break;
      case 12:
        if (this.priority < IDLE) this.priority = this.prevPriority[this.priority]!;
        break;
      case 13:
        this.vectAddr[16] = value;
        break;
      default:
        return;
    }
    this.update();
  }

  /** VECTADDR read: raise the priority to the highest pending slot and return its address. */
  private acknowledge(): number {
    const raw = this.level | this.soft;
    let p = 0;
    while (p < this.priority && (raw & this.prioMask[p + 1]!) === 0) p++;
    if (p === IDLE) return this.vectAddr[16]!;
    if (p < this.priority) {
      this.prevPriority[p] = this.priority;
      this.priority = p;
      this.update();
    }
    return this.vectAddr[this.priority]!;
  }

  private rebuildPriorities(): void {
    let mask = 0;
    for (let i = 0; i < 16; i++) {
      this.prioMask[i] = mask;
      const c = this.vectCntl[i]!;
      if ((c & 0x20) !== 0) mask |= 1 << (c & 31);
    }
    this.prioMask[16] = mask;
    this.update();
  }

  private update(): void {
    const raw = this.level | this.soft;
    const irq = (raw & this.enable & ~this.select & this.prioMask[this.priority]!) !== 0;
    const fiq = (raw & this.select) !== 0;
    if (irq !== this.irqLevel) {
      this.irqLevel = irq;
      this.irqOut.set(irq);
    }
    if (fiq !== this.fiqLevel) {
      this.fiqLevel = fiq;
      this.fiqOut.set(fiq);
    }
  }
}
