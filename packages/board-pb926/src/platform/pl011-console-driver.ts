import type { ConsolePort } from '@codezero-ts/kernel';
import type { PhysicalBus } from '../physical-bus.js';
import { FR_RXFE, FR_TXFF } from '../devices/pl011-uart.js';
import { PB926_ADDRESS } from '../pb926-map.js';

/** PL011 registers the driver uses. */
const UART_DR = 0x00;
const UART_FR = 0x18;
const UART_IBRD = 0x24;
const UART_FBRD = 0x28;
const UART_LCR_H = 0x2c;
const UART_CR = 0x30;
const UART_IMSC = 0x38;
const UART_ICR = 0x44;
/** LCR_H: 8 data bits, FIFOs on. */
const LCR_8BIT_FIFO = 0x70;
/** CR: UART, transmitter and receiver enabled. */
const CR_ENABLE = 0x301;
/** 38 400 baud from the board's 24 MHz UART clock: 24e6 / (16 × 38400) = 39.0625. */
const IBRD_38400 = 39;
const FBRD_38400 = 4;
/** How long `write` waits for room in the transmit FIFO (a modelled UART never needs to). */
const TX_SPINS = 1 << 16;

/**
 * The kernel's console driver on a PL011 (default UART0). Initialisation as a boot loader
 * does it: disable, clear and mask interrupts, 38 400 baud, 8N1 with FIFOs, enable. `write`
 * waits while FR.TXFF is set (bounded), then writes DR; `read` answers -1 while FR.RXFE is
 * set, else the byte read from DR.
 */
export class Pl011ConsoleDriver implements ConsolePort {
  readonly #bus: PhysicalBus;
  readonly #base: number;

  /** Initialises the UART at `base`. */
  constructor(bus: PhysicalBus, base: number = PB926_ADDRESS.uart0) {
    this.#bus = bus;
    this.#base = base;
    bus.write32(base + UART_CR, 0);
    bus.write32(base + UART_IMSC, 0);
    bus.write32(base + UART_ICR, 0x7ff);
    bus.write32(base + UART_IBRD, IBRD_38400);
    bus.write32(base + UART_FBRD, FBRD_38400);
    bus.write32(base + UART_LCR_H, LCR_8BIT_FIFO);
    bus.write32(base + UART_CR, CR_ENABLE);
  }

  /** Sends one byte. */
  write(byte: number): void {
    const bus = this.#bus;
    for (let i = 0; i < TX_SPINS && (bus.read32(this.#base + UART_FR) & FR_TXFF) !== 0; i++);
    bus.write32(this.#base + UART_DR, byte & 0xff);
  }

  /** Receives one byte, or -1 when the receive FIFO is empty. */
  read(): number {
    const bus = this.#bus;
    if ((bus.read32(this.#base + UART_FR) & FR_RXFE) !== 0) return -1;
    return bus.read32(this.#base + UART_DR) & 0xff;
  }
}
