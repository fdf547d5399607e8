import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SignalLine, Sp804Timer, VirtualClock } from '../src/index.js';
import { T0, T1, T2, VIC, idBytes, testBoard } from './helpers.js';

const EN = 0x80;
const PERIODIC = 0x40;
const IE = 0x20;
const B32 = 0x02;
const ONESHOT = 0x01;

function timer(): { clock: VirtualClock; t: Sp804Timer; irq: SignalLine } {
  const clock = new VirtualClock({ instructionsPerSecond: 1_000_000_000 }); // 1 ns steps
  const irq = new SignalLine();
  return { clock, t: new Sp804Timer(clock, irq), irq };
}

function advance(clock: VirtualClock, ns: number): void {
  const end = clock.now() + ns;
  clock.runDue();
  while (clock.now() < end) {
    clock.advance(clock.instructionsUntil(Math.min(clock.nextEventTime(), end)));
    clock.runDue();
  }
}

describe('SP804 dual timer', () => {
  it('reproduces the register lines of the interrupts golden', () => {
    const b = testBoard();
    expect(idBytes(b, 0x101e2000)).toEqual([0x04, 0x18, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1]);
    expect([b.r32(T0 + 8), b.r32(T0), b.r32(T0 + 4), b.r32(T0 + 0x10), b.r32(T0 + 0x14)]).toEqual([0x20, 0, 0, 0, 0]);
    b.w32(T0 + 8, B32 | PERIODIC);
    b.w32(T0, 0x12345678);
    expect([b.r32(T0), b.r32(T0 + 4)]).toEqual([0x12345678, 0x12345678]);
    b.w32(T0 + 0x18, 0x00abcdef);
    expect([b.r32(T0), b.r32(T0 + 0x18), b.r32(T0 + 4)]).toEqual([0xabcdef, 0xabcdef, 0x12345678]);
    b.w32(T0 + 8, PERIODIC);
    b.w32(T0, 0x54321);
    expect(b.r32(T0)).toBe(0x54321);
    b.w32(T0 + 8, B32 | (1 << 2));
    expect(b.r32(T0 + 8)).toBe(6);
    b.w32(T0 + 8, B32 | (2 << 2));
    expect(b.r32(T0 + 8)).toBe(0xa);
  });

  it('interrupts every LOAD microseconds in periodic mode, vectored through VIC 4', () => {
    const b = testBoard();
    b.w32(VIC + 0x100, 0x400);
    b.w32(VIC + 0x200, 0x20 | 4);
    b.w32(VIC + 0x10, (1 << 4) | (1 << 5));
    b.w32(T0, 1000);
    b.w32(T0 + 8, EN | PERIODIC | IE | B32);
    let ticks = 0;
    for (let ms = 0; ms < 5; ms++) {
      b.run(999_990);
      expect(b.cpuIrq.level).toBe(false);
      b.run(10);
      expect(b.cpuIrq.level).toBe(true);
      expect(b.r32(VIC + 0x30)).toBe(0x400);
      expect(b.r32(VIC)).toBe(0x10);
      expect(b.r32(T0 + 0x14)).toBe(1);
      b.w32(T0 + 0xc, 1);
      b.w32(VIC + 0x30, 0);
      ticks++;
    }
    expect(ticks).toBe(5);
    b.w32(T0 + 8, b.r32(T0 + 8) & ~EN);
    expect(b.r32(T0 + 8)).toBe(0x62);
    b.run(5_000_000);
    expect(b.cpuIrq.level).toBe(false);
  });

  it('counts VALUE down at 1 MHz, /16 and /256, as QEMU rounds (floor of the remaining time)', () => {
    const { clock, t } = timer();
    t.write(0x00, 100);
    t.write(0x08, EN | PERIODIC | B32);
    expect(t.read(0x04)).toBe(100);
    advance(clock, 1);
    expect(t.read(0x04)).toBe(99);
    advance(clock, 999);
    expect(t.read(0x04)).toBe(99);
    advance(clock, 1);
    expect(t.read(0x04)).toBe(98);
    t.write(0x08, EN | PERIODIC | B32 | (1 << 2)); // /16: restarts from LOAD
    expect(t.read(0x04)).toBe(100);
    advance(clock, 16_000 * 10);
    expect(t.read(0x04)).toBe(90);
    t.write(0x08, EN | PERIODIC | B32 | (2 << 2));
    advance(clock, 256_000 * 25);
    expect(t.read(0x04)).toBe(75);
  });

  it('runs one-shot once and stops at 0 with CTRL unchanged', () => {
    const { clock, t, irq } = timer();
    t.write(0x00, 500);
    t.write(0x08, EN | ONESHOT | IE | B32);
    advance(clock, 500_000);
    expect(irq.level).toBe(true);
    expect(t.read(0x04)).toBe(0);
    t.write(0x0c, 1);
    expect(irq.level).toBe(false);
    advance(clock, 10_000_000);
    expect(irq.level).toBe(false);
    expect([t.read(0x04), t.read(0x10), t.read(0x08)]).toEqual([0, 0, EN | ONESHOT | IE | B32]);
  });

  it('free-runs from the maximum (QEMU) and wraps', () => {
    const { clock, t } = timer();
    t.write(0x00, 10);
    t.write(0x08, EN | B32);
    expect(t.read(0x04)).toBe(0xffffffff);
    t.write(0x08, EN); // 16-bit
    expect(t.read(0x04)).toBe(0xffff);
    advance(clock, 0xffff * 1000);
    expect(t.read(0x10)).toBe(1);
    expect(t.read(0x14)).toBe(0); // IE clear
    advance(clock, 1000);
    expect(t.read(0x04)).toBe(0xfffe);
  });

  it('uses BGLOAD for the next period without restarting the current one', () => {
    const { clock, t, irq } = timer();
    t.write(0x00, 100);
    t.write(0x08, EN | PERIODIC | IE | B32);
    advance(clock, 50_000);
    t.write(0x18, 10);
    expect(t.read(0x04)).toBe(50);
    advance(clock, 50_000);
    expect(irq.level).toBe(true);
    t.write(0x0c, 1);
    expect(t.read(0x04)).toBe(10);
    advance(clock, 10_000);
    expect(irq.level).toBe(true);
  });

  it('interrupts at once for a zero count and stops with a zero reload value', () => {
    const { clock, t, irq } = timer();
    t.write(0x08, EN | PERIODIC | IE | B32);
    expect(irq.level).toBe(true);
    t.write(0x0c, 1);
    advance(clock, 1_000_000);
    expect(irq.level).toBe(false);
    expect(clock.nextEventTime()).toBe(Infinity);
  });

  it('shares one interrupt output between its two counters', () => {
    const b = testBoard();
    b.w32(T1, 300);
    b.w32(T1 + 8, EN | PERIODIC | IE | B32);
    b.w32(T2, 200);
    b.w32(T2 + 8, EN | PERIODIC | IE | B32);
    b.w32(VIC + 0x0c, 1 << 5); // timer 2/3 as FIQ
    b.w32(VIC + 0x10, (1 << 4) | (1 << 5));
    b.run(200_000);
    expect(b.cpuFiq.level).toBe(true);
    expect(b.cpuIrq.level).toBe(false);
    b.run(100_000);
    expect(b.cpuIrq.level).toBe(true);
    expect(b.r32(VIC + 0x8)).toBe(0x30);
    b.w32(T1 + 0xc, 1);
    b.w32(T2 + 0xc, 1);
    expect(b.cpuIrq.level || b.cpuFiq.level).toBe(false);
    b.w32(T0 + 8, IE); // reset values elsewhere
    expect(b.r32(0x101e2f00)).toBe(0);
    expect(b.r32(0x101e2040)).toBe(0);
  });

  it('reads VALUE like a reference model after random clock advances (periodic)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom(0, 1, 2),
        fc.array(fc.integer({ min: 0, max: 3_000_000 }), { minLength: 1, maxLength: 20 }),
        (load, pre, steps) => {
          const { clock, t } = timer();
          t.write(0x00, load);
          t.write(0x08, EN | PERIODIC | B32 | (pre << 2));
          const period = 1000 * [1, 16, 256][pre]!;
          let interrupts = 0;
          let elapsed = 0;
          for (const s of steps) {
            advance(clock, s);
            elapsed += s;
            if (t.read(0x10) === 1) {
              interrupts++;
              t.write(0x0c, 1);
            }
            // Reference: time into the current period r; VALUE = LOAD at an expiry, else
            // LOAD minus the ticks started so far (QEMU's floor of the remaining time).
            const r = elapsed % (load * period);
            const expected = r === 0 ? load : load - Math.ceil(r / period);
            expect(t.read(0x04)).toBe(expected);
          }
          expect(interrupts).toBeLessThanOrEqual(steps.length);
          expect(interrupts > 0).toBe(elapsed >= load * period);
        },
      ),
      { numRuns: 200 },
    );
  });
});
