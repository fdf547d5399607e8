import { describe, expect, it } from 'vitest';
import { Pl011Uart, SignalLine } from '../src/index.js';
import { UART0, idBytes, testBoard } from './helpers.js';

function uart(): { u: Pl011Uart; irq: SignalLine; out: number[] } {
  const irq = new SignalLine();
  const out: number[] = [];
  return { u: new Pl011Uart(irq, (b) => out.push(b)), irq, out };
}

describe('PL011 UART', () => {
  it('reproduces the register lines of the uart-semihosting golden', () => {
    const b = testBoard();
    for (const base of [UART0, 0x101f2000, 0x101f3000, 0x10009000]) {
      expect(idBytes(b, base)).toEqual([0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1]);
    }
    expect(b.r32(UART0 + 0x18)).toBe(0x90);
    expect([b.r32(UART0 + 0x30), b.r32(UART0 + 0x2c), b.r32(UART0 + 0x34), b.r32(UART0 + 0x38), b.r32(UART0 + 4)]).toEqual([
      0x300, 0, 0x12, 0, 0,
    ]);
    b.w32(UART0 + 0x24, 0x1234);
    b.w32(UART0 + 0x28, 0x2a);
    expect([b.r32(UART0 + 0x24), b.r32(UART0 + 0x28)]).toEqual([0x1234, 0x2a]);
    b.w32(UART0 + 0x2c, 0x70);
    b.w32(UART0 + 0x34, 0x09);
    expect([b.r32(UART0 + 0x2c), b.r32(UART0 + 0x34), b.r32(UART0 + 0x18)]).toEqual([0x70, 0x09, 0x90]);
    b.w32(UART0 + 0x44, 0x7ff);
    expect(b.r32(UART0 + 0x3c)).toBe(0);
    b.w32(UART0, 0x41);
    expect([b.r32(UART0 + 0x3c), b.r32(UART0 + 0x40)]).toEqual([0x20, 0]);
    b.w32(UART0 + 0x38, 0x20);
    expect([b.r32(UART0 + 0x38), b.r32(UART0 + 0x40)]).toEqual([0x20, 0x20]);
    expect(b.r32(0x10140008) & (1 << 12)).toBe(1 << 12);
    expect(b.uart0Out).toEqual([0x41]);
  });

  it('sends bytes to the sink and raises the TX interrupt until cleared', () => {
    const { u, irq, out } = uart();
    u.write(0x38, 0x20);
    expect(irq.level).toBe(false);
    u.write(0x00, 0x1ff);
    expect(out).toEqual([0xff]);
    expect(irq.level).toBe(true);
    u.write(0x44, 0x20);
    expect(irq.level).toBe(false);
    expect(u.read(0x18) & 0x28).toBe(0); // never TXFF or BUSY
  });

  it('receives into a 1-entry holding register without FIFOs, with RX interrupt and flags', () => {
    const { u, irq } = uart();
    u.write(0x38, 0x10);
    u.receive([0x61, 0x62]);
    expect(u.read(0x18)).toBe(0x80 | 0x40); // TXFE, RXFF
    expect(irq.level).toBe(true);
    expect(u.pendingInput).toBe(2);
    expect(u.read(0x00)).toBe(0x61);
    expect(irq.level).toBe(true); // the next byte moved in
    expect(u.read(0x00)).toBe(0x62);
    expect(irq.level).toBe(false);
    expect(u.read(0x18)).toBe(0x90);
    expect(u.read(0x3c)).toBe(0);
    expect(u.read(0x00)).toBe(0); // empty: QEMU returns the stale next slot (never written here)
  });

  it('holds 16 bytes with FIFOs on, and toggling FEN empties the FIFO', () => {
    const { u } = uart();
    u.write(0x2c, 0x10);
    u.receive(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(u.read(0x18) & 0x50).toBe(0x40); // RXFF, not RXFE
    expect(u.pendingInput).toBe(20);
    expect(u.read(0x00)).toBe(1);
    expect(u.read(0x18) & 0x40).toBe(0x40); // refilled from the backlog
    u.write(0x2c, 0x00);
    expect(u.pendingInput).toBe(3); // FIFO contents dropped; 18 moved in, 19 and 20 wait
    expect(u.read(0x00)).toBe(18);
    expect(u.canReceive()).toBe(false);
  });

  it('stores ILPR and DMACR, clears RSR on write, and resets', () => {
    const { u } = uart();
    u.write(0x20, 7);
    u.write(0x48, 3);
    u.write(0x04, 1);
    u.write(0x18, 0);
    expect([u.read(0x20), u.read(0x48), u.read(0x04), u.read(0x18), u.read(0x4c)]).toEqual([7, 3, 0, 0x90, 0]);
    u.write(0x30, 0x301);
    u.reset();
    expect([u.read(0x30), u.read(0x20), u.read(0x48)]).toEqual([0x300, 0, 0]);
  });
});
