import { describe, expect, it } from 'vitest';
import { Pl031Rtc, SignalLine, Sp805Watchdog, Sp810SysCtrl, VirtualClock, WDOG_UNLOCK_KEY } from '../src/index.js';
import { RTC, SCTL, T0, WDOG, idBytes, testBoard } from './helpers.js';

function clock1ns(): VirtualClock {
  return new VirtualClock({ instructionsPerSecond: 1_000_000_000 });
}

function advance(clock: VirtualClock, ns: number): void {
  const end = clock.now() + ns;
  clock.runDue();
  while (clock.now() < end) {
    clock.advance(clock.instructionsUntil(Math.min(clock.nextEventTime(), end)));
    clock.runDue();
  }
}

describe('PL031 RTC', () => {
  it('reproduces the RTC, watchdog and SP810 lines of the interrupts golden', () => {
    const b = testBoard();
    expect(idBytes(b, RTC)).toEqual([0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1]);
    b.w32(RTC + 4, 0xfffffff0);
    b.w32(RTC + 0x10, 1);
    expect([b.r32(RTC + 4), b.r32(RTC + 0x10), b.r32(RTC + 0x14), b.r32(RTC + 0x18), b.r32(RTC + 0xc)]).toEqual([
      0xfffffff0, 1, 0, 0, 1,
    ]);
    expect(idBytes(b, WDOG)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(b.r32(SCTL)).toBe(0);
  });

  it('counts guest seconds from the epoch, loads, and matches', () => {
    const clock = clock1ns();
    const irq = new SignalLine();
    const r = new Pl031Rtc(clock, irq, 1000);
    expect(r.read(0x00)).toBe(1000);
    advance(clock, 2_500_000_000);
    expect(r.read(0x00)).toBe(1002);
    r.write(0x08, 50);
    expect([r.read(0x00), r.read(0x08)]).toEqual([50, 50]);
    r.write(0x10, 1);
    r.write(0x04, 52);
    advance(clock, 1_499_999_999); // count 51 until t = 4 s
    expect(irq.level).toBe(false);
    advance(clock, 500_000_001);
    expect(r.read(0x00)).toBe(52);
    expect(irq.level).toBe(true);
    expect([r.read(0x14), r.read(0x18)]).toEqual([1, 1]);
    r.write(0x1c, 1);
    expect(irq.level).toBe(false);
    r.write(0x04, 52); // match now: at once
    expect(r.read(0x14)).toBe(1);
    r.reset();
    expect([r.read(0x00), r.read(0x14), r.read(0x04)]).toEqual([1004, 0, 0]);
  });
});

describe('SP805 watchdog (mapped on request)', () => {
  it('interrupts at zero, then resets if not serviced, and honours the lock', () => {
    const clock = clock1ns();
    const irq = new SignalLine();
    let resets = 0;
    const w = new Sp805Watchdog(clock, irq, () => resets++);
    expect([w.read(0x000), w.read(0x004), w.read(0xc00)]).toEqual([0xffffffff, 0xffffffff, 0]);
    w.write(0x000, 100);
    w.write(0x008, 3);
    advance(clock, 50_000);
    expect(w.read(0x004)).toBe(50);
    advance(clock, 50_000);
    expect(irq.level).toBe(true);
    expect([w.read(0x010), w.read(0x014)]).toEqual([1, 1]);
    w.write(0x00c, 0);
    expect(irq.level).toBe(false);
    advance(clock, 100_000);
    expect(resets).toBe(0);
    advance(clock, 100_000);
    expect(resets).toBe(1);
    w.write(0xc00, 0);
    expect(w.read(0xc00)).toBe(1);
    w.write(0x008, 0);
    expect(w.read(0x008)).toBe(3);
    w.write(0xc00, WDOG_UNLOCK_KEY);
    w.write(0x008, 0);
    expect(w.read(0x008)).toBe(0);
    expect(irq.level).toBe(false);
    expect(w.read(0xfe0)).toBe(0x05);
  });

  it('is mapped with extraDevices, together with the SP810', () => {
    const b = testBoard({ extraDevices: true });
    expect(idBytes(b, WDOG).slice(4)).toEqual([0x0d, 0xf0, 0x05, 0xb1]);
    expect(b.watchdog).not.toBeNull();
    expect(b.sysctrl).not.toBeNull();
    b.w32(SCTL + 0x24, 0xf);
    b.w32(SCTL + 0x28, 0x3);
    expect([b.r32(SCTL + 0x2c), b.r32(SCTL + 0x30)]).toEqual([0xc, 0xc]);
  });
});

describe('SP810 timer clock selects', () => {
  it('reports selects and, when honoured, slows the SP804 to 32 kHz', () => {
    const heard: string[] = [];
    const s = new Sp810SysCtrl((t, hz) => heard.push(`${t}:${hz}`));
    s.reset();
    s.write(0, 1 << 17);
    expect(s.read(0)).toBe(1 << 17);
    expect(s.timerHz(1)).toBe(1_000_000);
    expect(heard.slice(-4)).toEqual(['0:32768', '1:1000000', '2:32768', '3:32768']);

    const b = testBoard({ extraDevices: true, honourTimerClockSelect: true });
    b.w32(T0, 1000);
    b.w32(T0 + 8, 0xe2);
    b.run(1_000_000);
    expect(b.r32(T0 + 0x10)).toBe(0); // 1000 ticks at 32 768 Hz take 30.5 ms
    b.w32(SCTL, 1 << 15);
    b.run(1_000_000);
    expect(b.r32(T0 + 0x10)).toBe(1);
  });
});
