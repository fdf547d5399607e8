import { describe, expect, it } from 'vitest';
import { SystemRegisters, VirtualClock } from '../src/index.js';
import { SYS, testBoard } from './helpers.js';

describe('system registers', () => {
  it('reproduces the sysregs lines of the interrupts golden', () => {
    const b = testBoard();
    expect([b.r32(SYS), b.r32(SYS + 0x84)]).toEqual([0x41007004, 0x02000000]);
    b.w32(SYS + 0x08, 0xa5);
    b.w32(SYS + 0x34, 0xffffffff);
    b.w32(SYS + 0x30, 0x00c0ffee);
    b.w32(SYS + 0x34, 0xee);
    expect([b.r32(SYS + 0x08) & 0xff, b.r32(SYS + 0x30)]).toEqual([0xa5, 0x00c0ff00]);
    const a = b.r32(SYS + 0x5c);
    b.clock.advance(100_000);
    const c = b.r32(SYS + 0x5c);
    expect(c - a).toBe(24_000); // 1 ms of guest time
  });

  it('derives both counters from guest time and wraps the 24 MHz one at 32 bits', () => {
    const clock = new VirtualClock({ instructionsPerSecond: 1_000_000_000 });
    const s = new SystemRegisters(clock);
    clock.advance(1_234_567_891);
    expect(s.read(0x24)).toBe(123);
    expect(s.read(0x5c)).toBe(Math.floor(1_234_567_891 * 0.024));
    clock.advance(200 * 1e9); // 24e6 * 201.23 s > 2^32
    const ticks = BigInt(201_234_567_891) * 24_000_000n / 1_000_000_000n;
    expect(s.read(0x5c)).toBe(Number(ticks % 0x100000000n));
  });

  it('locks RESETCTL behind 0xA05F and reports reset requests', () => {
    const clock = new VirtualClock();
    let resets = 0;
    const s = new SystemRegisters(clock, { onResetRequest: () => resets++ });
    s.write(0x40, 0x100);
    expect([s.read(0x40), resets]).toEqual([0, 0]);
    s.write(0x20, 0xa05f);
    expect(s.read(0x20)).toBe(0xa05f);
    s.write(0x40, 0x105);
    expect([s.read(0x40), resets]).toEqual([0x105, 1]);
    s.write(0x20, 0x12345);
    expect(s.read(0x20)).toBe(0x2345);
  });

  it('keeps the other QEMU behaviours: CLCD read-only bits, PCICTL, PROCID1, NVFLAGS, zeros', () => {
    const s = new SystemRegisters(new VirtualClock());
    expect(s.read(0x50)).toBe(0x1f00);
    s.write(0x50, 0xffff);
    expect(s.read(0x50)).toBe(0xdf00 | 0xff | 0x1f00);
    expect([s.read(0x44), s.read(0x88), s.read(0x04), s.read(0x0c), s.read(0x1c)]).toEqual([1, 0xff000000, 0, 0, 0]);
    s.write(0x0c, 5);
    expect(s.read(0x0c)).toBe(0);
    s.write(0x28, 1);
    s.write(0x2c, 2);
    s.write(0x38, 0xf0);
    s.write(0x3c, 0x30);
    expect([s.read(0x28), s.read(0x2c), s.read(0x38)]).toEqual([1, 2, 0xc0]);
    s.reset();
    expect([s.read(0x28), s.read(0x38), s.read(0x01)]).toEqual([0, 0xc0, 0]);
  });
});
