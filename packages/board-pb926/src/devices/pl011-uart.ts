import type { ByteSink, InterruptLine, MmioDevice } from '../api.js';
import { PCELL_ID, primeCellId } from './primecell-id.js';

const ID = [0x11, 0x10, 0x14, 0x00, ...PCELL_ID];

/** Interrupt bits of RIS/MIS/IMSC/ICR. */
export const UART_INT_RX = 0x10;
/** Transmit interrupt. */
export const UART_INT_TX = 0x20;
/** FR: receive FIFO empty. */
export const FR_RXFE = 0x10;
/** FR: transmit FIFO full (never set by this model). */
export const FR_TXFF = 0x20;
/** FR: receive FIFO full. */
export const FR_RXFF = 0x40;
/** FR: transmit FIFO empty. */
export const FR_TXFE = 0x80;
const LCR_FEN = 0x10;
const FIFO_DEPTH = 16;

/**
 * ARM PrimeCell PL011 UART, as QEMU 7.2 models it:
 * - DR write sends the byte to the output sink at once and sets the TX interrupt; the
 *   transmitter is never busy or full (FR reads TXFE, never TXFF/BUSY).
 * - Received bytes (from {@link Pl011Uart.receive}) enter a 16-entry FIFO (1 entry when
 *   LCR_H.FEN is clear); bytes beyond that wait in a host-side backlog and move in as the
 *   guest reads DR. The RX interrupt is raised when the FIFO goes from empty to one entry
 *   and dropped when it is emptied (QEMU's trigger level is always 1; IFLS is stored only).
 * - IBRD, FBRD, LCR_H, CR, IFLS, ILPR, DMACR are stored; toggling LCR_H.FEN empties the
 *   FIFO. RSR holds the error bits of the last byte read; a write clears it.
 * - The interrupt output is RIS & IMSC (no receive timeout, modem or error interrupts).
 */
export class Pl011Uart implements MmioDevice {
  /** `pl011`. */
  readonly name = 'pl011';
  /** 4 KiB. */
  readonly size = 0x1000;
  private readonly fifo = new Uint16Array(FIFO_DEPTH);
  private readPos = 0;
  private readCount = 0;
  private readonly backlog: number[] = [];
  private flags = FR_TXFE | FR_RXFE;
  private lcr = 0;
  private rsr = 0;
  private cr = 0x300;
  private ifls = 0x12;
  private ibrd = 0;
  private fbrd = 0;
  private ilpr = 0;
  private dmacr = 0;
  private imsc = 0;
  private ris = 0;
  private level = false;
  private readonly irq: InterruptLine;
  /** Where transmitted bytes go (may be replaced at any time). */
  output: ByteSink | undefined;

  /** Creates the UART driving `irq`, sending bytes to `output`. */
  constructor(irq: InterruptLine, output?: ByteSink) {
    this.irq = irq;
    this.output = output;
  }

  /** Power-on values (FR 0x90, CR 0x300, IFLS 0x12, the rest 0); drops received bytes. */
  reset(): void {
    this.readPos = 0;
    this.readCount = 0;
    this.backlog.length = 0;
    this.flags = FR_TXFE | FR_RXFE;
    this.lcr = 0;
    this.rsr = 0;
    this.cr = 0x300;
    this.ifls = 0x12;
    this.ibrd = 0;
    this.fbrd = 0;
    this.ilpr = 0;
    this.dmacr = 0;
    this.imsc = 0;
    this.ris = 0;
    this.update();
  }

  /** Queues bytes typed by the host; they enter the FIFO as space allows. */
  receive(bytes: Iterable<number>): void {
    for (const b of bytes) this.backlog.push(b & 0xff);
    this.fill();
  }

  /** Bytes received but not yet read by the guest (FIFO and backlog). */
  get pendingInput(): number {
    return this.readCount + this.backlog.length;
  }

  /** True when the guest has RX space (what QEMU's can-receive test answers). */
  canReceive(): boolean {
    return this.readCount < ((this.lcr & LCR_FEN) !== 0 ? FIFO_DEPTH : 1);
  }

  /** Reads a register. */
  read(offset: number): number {
    const id = primeCellId(ID, offset);
    if (id >= 0) return id;
    switch (offset >> 2) {
      case 0:
        return this.readData();
      case 1:
        return this.rsr;
      case 6:
        return this.flags;
      case 8:
        return this.ilpr;
      case 9:
        return this.ibrd;
      case 10:
        return this.fbrd;
      case 11:
        return this.lcr;
      case 12:
        return this.cr;
      case 13:
        return this.ifls;
      case 14:
        return this.imsc;
      case 15:
        return this.ris;
      case 16:
        return this.ris & this.imsc;
      case 18:
        return this.dmacr;
      default:
        return 0;
    }
  }

  /** Writes a register. */
  write(offset: number, value: number): void {
    switch (offset >> 2) {
      case 0:
        this.output?.(value & 0xff);
        this.ris |= UART_INT_TX;
        this.update();
        break;
      case 1:
        this.rsr = 0;
        break;
      case 8:
        this.ilpr = value;
        break;
      case 9:
        this.ibrd = value;
        break;
      case 10:
        this.fbrd = value;
        break;
      case 11:
        if (((this.lcr ^ value) & LCR_FEN) !== 0) {
          this.readCount = 0;
          this.readPos = 0;
        }
        this.lcr = value;
        this.fill();
        break;
      case 12:
        this.cr = value;
        break;
      case 13:
        this.ifls = value;
        break;
      case 14:
        this.imsc = value;
        this.update();
        break;
      case 17:
        this.ris &= ~value;
        this.update();
        break;
      case 18:
        this.dmacr = value;
        break;
      default:
        break;
    }
  }

  private readData(): number {
    this.flags &= ~FR_RXFF;
    const c = this.fifo[this.readPos]!;
    if (this.readCount > 0) {
      this.readCount--;
      this.readPos = (this.readPos + 1) & (FIFO_DEPTH - 1);
    }
    if (this.readCount === 0) {
      this.flags |= FR_RXFE;
      this.ris &= ~UART_INT_RX;
    }
    this.rsr = c >> 8;
    this.update();
    this.fill();
    return c;
  }

  private fill(): void {
    while (this.backlog.length > 0 && this.canReceive()) this.put(this.backlog.shift()!);
  }

  private put(value: number): void {
    this.fifo[(this.readPos + this.readCount) & (FIFO_DEPTH - 1)] = value;
    this.readCount++;
    this.flags &= ~FR_RXFE;
    if ((this.lcr & LCR_FEN) === 0 || this.readCount === FIFO_DEPTH) this.flags |= FR_RXFF;
    if (this.readCount === 1) {
      this.ris |= UART_INT_RX;
      this.update();
    }
  }

  private update(): void {
    const level = (this.ris & this.imsc) !== 0;
    if (level !== this.level) {
      this.level = level;
      this.irq.set(level);
    }
  }
}
