import { describe, expect, it } from 'vitest';
import { VersatileSic } from '../src/index.js';
import { SIC, UART3, VIC, testBoard } from './helpers.js';

describe('Versatile SIC', () => {
  it('reproduces the SIC lines of the interrupts golden', () => {
    const b = testBoard();
    expect([b.r32(SIC), b.r32(SIC + 4), b.r32(SIC + 8), b.r32(SIC + 0x20)]).toEqual([0, 0, 0, 0]);
    b.w32(SIC + 8, 1 << 6);
    b.w32(SIC + 8, 1 << 9);
    b.w32(SIC + 0xc, 1 << 9);
    expect(b.r32(SIC + 8)).toBe(0x40);
    b.w32(SIC + 0x20, 0xffffffff);
    expect(b.r32(SIC + 0x20)).toBe(0x7fe00000);
    b.w32(SIC + 0x24, 0xffffffff);
    expect(b.r32(SIC + 0x20)).toBe(0);
    b.w32(UART3 + 0x38, 1 << 5);
    b.w32(UART3, 0x78);
    expect([b.r32(UART3 + 0x3c), b.r32(UART3 + 0x40), b.r32(SIC), b.r32(SIC + 4), b.r32(VIC + 8) >>> 31]).toEqual([
      0x20, 0x20, 0x40, 0x40, 1,
    ]);
    b.w32(VIC + 0x34, 0x3100);
    b.w32(VIC + 0x10, 1 << 31);
    expect(b.cpuIrq.level).toBe(true);
    expect(b.r32(VIC + 0x30)).toBe(0x3100);
    expect(b.r32(VIC)).toBe(0x80000000);
    b.w32(UART3 + 0x44, 0x7ff);
    expect([b.r32(UART3 + 0x40), b.r32(SIC)]).toEqual([0, 0]);
    expect(b.cpuIrq.level).toBe(false);
  });

  it('passes sources 21-30 straight to the VIC when PIC-enabled, leaving the line as it was when disabled', () => {
    const vic = new Map<number, boolean>();
    const s = new VersatileSic((n, l) => vic.set(n, l));
    s.setInput(22, true);
    expect(vic.get(22)).toBeUndefined();
    expect(vic.get(31)).toBe(false);
    s.write(0x20, 1 << 22);
    expect(vic.get(22)).toBe(true);
    s.setInput(22, false);
    expect(vic.get(22)).toBe(false);
    s.setInput(22, true);
    s.write(0x24, 1 << 22);
    s.setInput(22, false);
    expect(vic.get(22)).toBe(true);
    s.write(0x20, 1 << 5); // outside 21-30: ignored
    expect(s.read(0x20)).toBe(0);
    s.write(0x08, 1 << 22);
    s.setInput(22, true);
    expect(vic.get(31)).toBe(true);
    expect(s.read(0x00)).toBe(1 << 22);
  });

  it('keeps the QEMU soft-interrupt quirk: SOFTINTSET/CLR toggle enable bit 0', () => {
    const s = new VersatileSic(() => undefined);
    s.write(0x10, 0x80);
    expect(s.read(0x08)).toBe(1);
    s.write(0x14, 0);
    expect(s.read(0x08)).toBe(1);
    s.write(0x14, 4);
    expect(s.read(0x08)).toBe(0);
    s.setInput(0, true);
    expect(s.read(0x10)).toBe(1);
    expect(s.read(0x30)).toBe(0);
    s.write(0x08, 0xff);
    s.reset();
    expect(s.read(0x08)).toBe(0);
  });
});
