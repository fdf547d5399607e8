import { describe, expect, it } from 'vitest';
import { Pl190Vic, SignalLine } from '../src/index.js';
import { VIC, idBytes, testBoard } from './helpers.js';

function vic(): { v: Pl190Vic; irq: SignalLine; fiq: SignalLine } {
  const irq = new SignalLine();
  const fiq = new SignalLine();
  return { v: new Pl190Vic(irq, fiq), irq, fiq };
}

describe('PL190 VIC', () => {
  it('identifies itself and resets to zero', () => {
    const b = testBoard();
    expect(idBytes(b, VIC)).toEqual([0x90, 0x11, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1]);
    for (const off of [0x0, 0x4, 0x8, 0xc, 0x10, 0x18, 0x20, 0x30, 0x34, 0x100, 0x13c, 0x200, 0x23c]) {
      expect(b.r32(VIC + off)).toBe(0);
    }
  });

  it('reproduces the register lines of the interrupts golden', () => {
    const b = testBoard();
    b.w32(VIC + 0x14, 0xffffffff);
    b.w32(VIC + 0x1c, 0xffffffff);
    b.w32(VIC + 0x0c, 0);
    b.w32(VIC + 0x10, 0x8000003a);
    b.w32(VIC + 0x0c, 0x8);
    expect([b.r32(VIC + 0x10), b.r32(VIC + 0x0c), b.r32(VIC + 0x20)]).toEqual([0x8000003a, 8, 0]);
    b.w32(VIC + 0x18, 0xa);
    expect([b.r32(VIC + 0x18), b.r32(VIC + 0x08), b.r32(VIC + 0x00), b.r32(VIC + 0x04)]).toEqual([0xa, 0xa, 2, 8]);
    expect(b.cpuIrq.level).toBe(true);
    expect(b.cpuFiq.level).toBe(true);
    b.w32(VIC + 0x1c, 0xffffffff);
    expect(b.cpuIrq.level).toBe(false);
    expect(b.cpuFiq.level).toBe(false);
  });

  it('gives the vectored VECTADDR sequence of the golden (3330, 1110, def0)', () => {
    const b = testBoard();
    b.w32(VIC + 0x34, 0xdef0);
    b.w32(VIC + 0x100, 0x3330);
    b.w32(VIC + 0x200, 0x20 | 3);
    b.w32(VIC + 0x104, 0x1110);
    b.w32(VIC + 0x204, 0x20 | 1);
    b.w32(VIC + 0x10, 0b1110);
    expect([b.r32(VIC + 0x200), b.r32(VIC + 0x100), b.r32(VIC + 0x34)]).toEqual([0x23, 0x3330, 0xdef0]);
    b.w32(VIC + 0x18, 0b1110);
    const v1 = b.r32(VIC + 0x30);
    b.w32(VIC + 0x1c, 1 << 3);
    b.w32(VIC + 0x30, 0);
    const v2 = b.r32(VIC + 0x30);
    b.w32(VIC + 0x1c, 1 << 1);
    b.w32(VIC + 0x30, 0);
    const v3 = b.r32(VIC + 0x30);
    b.w32(VIC + 0x1c, 1 << 2);
    b.w32(VIC + 0x30, 0);
    expect([v1, v2, v3]).toEqual([0x3330, 0x1110, 0xdef0]);
  });

  it('masks lower priorities while a vectored interrupt is in service and nests', () => {
    const { v, irq } = vic();
    v.write(0x100, 0xa0);
    v.write(0x200, 0x20 | 5); // slot 0: source 5
    v.write(0x104, 0xb0);
    v.write(0x204, 0x20 | 7); // slot 1: source 7
    v.write(0x34, 0xd0);
    v.write(0x10, (1 << 5) | (1 << 7) | (1 << 9));
    v.setInput(7, true);
    expect(irq.level).toBe(true);
    expect(v.read(0x30)).toBe(0xb0); // acknowledge slot 1
    expect(irq.level).toBe(false); // source 7 itself is masked now
    v.setInput(9, true); // non-vectored: lower priority, masked
    expect(irq.level).toBe(false);
    v.setInput(5, true); // slot 0: higher, goes through
    expect(irq.level).toBe(true);
    expect(v.read(0x30)).toBe(0xa0);
    expect(irq.level).toBe(false);
    v.setInput(5, false);
    v.write(0x30, 0); // back to slot 1
    expect(irq.level).toBe(false);
    v.setInput(7, false);
    v.write(0x30, 0); // back to idle: source 9 is pending
    expect(irq.level).toBe(true);
    expect(v.read(0x30)).toBe(0xd0);
    expect(v.read(0x30)).toBe(0xd0); // a second read at the same level keeps it
    v.write(0x30, 0);
    v.setInput(9, false);
    expect(irq.level).toBe(false);
    expect(v.read(0x30)).toBe(0xd0); // nothing pending: default address
  });

  it('routes INTSELECT sources to FIQ (even when not enabled, as QEMU)', () => {
    const { v, irq, fiq } = vic();
    v.write(0x0c, 1 << 4);
    v.setInput(4, true);
    expect(fiq.level).toBe(true);
    expect(irq.level).toBe(false);
    expect(v.read(0x04)).toBe(1 << 4);
    expect(v.read(0x00)).toBe(0);
    v.write(0x0c, 0);
    expect(fiq.level).toBe(false);
    expect(irq.level).toBe(false);
    v.write(0x10, 1 << 4);
    expect(irq.level).toBe(true);
    v.write(0x14, 1 << 4);
    expect(irq.level).toBe(false);
  });

  it('stores PROTECTION bit 0 and ignores writes to read-only registers', () => {
    const { v } = vic();
    v.write(0x20, 0xff);
    expect(v.read(0x20)).toBe(1);
    v.write(0x00, 0xffffffff);
    v.write(0x08, 0xffffffff);
    expect(v.read(0x08)).toBe(0);
    expect(v.read(0x300)).toBe(0);
    v.reset();
    expect(v.read(0x20)).toBe(0);
  });

  it('drives late-connected outputs with the current level', () => {
    const v = new Pl190Vic();
    v.write(0x10, 1);
    v.setInput(0, true);
    expect(v.irq).toBe(true);
    const irq = new SignalLine();
    const fiq = new SignalLine();
    v.connect(irq, fiq);
    expect(irq.level).toBe(true);
    expect(fiq.level).toBe(false);
    v.input(0).set(false);
    expect(irq.level).toBe(false);
    expect(v.fiq).toBe(false);
  });
});
