import { describe, expect, it } from 'vitest';
import { T0, T1, T2, T3, VIC, testBoard } from './helpers.js';

// The timer sections of the `interrupts` bare-metal image (packages/userland), replayed at
// register level with the guest's interrupt handlers written in TypeScript: the lines
// must equal what QEMU printed for the real image.
const GOLDEN = `timer0 periodic: ticks=5 ctrl after=00000062
timer0 periodic: 5 events
  irq vect=00000400 status=00000010 detail=001
  irq vect=00000400 status=00000010 detail=001
  irq vect=00000400 status=00000010 detail=001
  irq vect=00000400 status=00000010 detail=001
  irq vect=00000400 status=00000010 detail=001
timer1 one-shot: ticks=1 value after=00000000 ris=0; timer2 periodic ticks=3
timer1 one-shot + timer2 periodic: 4 events
  irq vect=00000400 status=00000010 detail=002
  irq vect=00000500 status=00000020 detail=004
  irq vect=00000500 status=00000020 detail=004
  irq vect=00000500 status=00000020 detail=004
timer2 as FIQ: ticks=2 fiqs=2
timer2 fiq: 2 events
  fiq vect=00000000 status=00000020 detail=001
  fiq vect=00000000 status=00000020 detail=001
`;

const hex = (v: number, w = 8): string => (v >>> 0).toString(16).padStart(w, '0');

describe('interrupts image, timer sections', () => {
  it('prints what QEMU printed', () => {
    const b = testBoard();
    const out: string[] = [];
    const pr = (s: string): void => {
      out.push(s);
    };
    const timers = [T0, T1, T2, T3];
    const ticks = [0, 0, 0, 0];
    const stopAfter = [0, 0, 0, 0];
    let fiqCount = 0;
    let irqMasked = true;
    let fiqMasked = true;
    const events: { kind: string; vect: number; status: number; detail: number }[] = [];

    const serviceTimers = (): void => {
      timers.forEach((base, t) => {
        if (b.r32(base + 0x14) !== 0) {
          b.w32(base + 0x0c, 1);
          ticks[t]!++;
          if (stopAfter[t]! > 0 && ticks[t]! >= stopAfter[t]!) b.w32(base + 8, b.r32(base + 8) & ~0x80);
        }
      });
    };
    const irqHandler = (): void => {
      const vect = b.r32(VIC + 0x30);
      const status = b.r32(VIC);
      let detail = 0;
      if ((status & 0x30) !== 0) {
        timers.forEach((base, t) => (detail |= b.r32(base + 0x14) << t));
        serviceTimers();
      }
      events.push({ kind: 'irq', vect, status, detail });
      b.w32(VIC + 0x30, 0);
    };
    const fiqHandler = (): void => {
      const status = b.r32(VIC + 4);
      fiqCount++;
      events.push({ kind: 'fiq', vect: 0, status, detail: b.r32(T2 + 0x14) });
      serviceTimers();
    };
    const deliver = (): void => {
      for (;;) {
        if (b.cpuFiq.level && !fiqMasked) fiqHandler();
        else if (b.cpuIrq.level && !irqMasked) irqHandler();
        else return;
      }
    };
    const waitTicks = (t: number, n: number): void => {
      while (ticks[t]! < n) {
        const next = b.clock.nextEventTime();
        expect(next).toBeLessThan(Infinity); // otherwise the guest would wait forever
        b.clock.advance(b.clock.instructionsUntil(next));
        b.clock.runDue();
        deliver();
      }
    };
    const printEvents = (what: string): void => {
      pr(`${what}: ${events.length} events`);
      for (const e of events) pr(`  ${e.kind} vect=${hex(e.vect)} status=${hex(e.status)} detail=${hex(e.detail, 3)}`);
      events.length = 0;
    };

    // timers_periodic_oneshot()
    b.w32(VIC + 0x100, 0x400);
    b.w32(VIC + 0x200, 0x20 | 4);
    b.w32(VIC + 0x104, 0x500);
    b.w32(VIC + 0x204, 0x20 | 5);
    b.w32(VIC + 0x10, (1 << 4) | (1 << 5));
    irqMasked = false;
    stopAfter[0] = 5;
    b.w32(T0, 1000);
    b.w32(T0 + 8, 0x80 | 0x40 | 0x20 | 0x02);
    waitTicks(0, 5);
    pr(`timer0 periodic: ticks=${ticks[0]} ctrl after=${hex(b.r32(T0 + 8))}`);
    printEvents('timer0 periodic');
    b.w32(T1, 500);
    b.w32(T1 + 8, 0x80 | 0x01 | 0x20 | 0x02);
    waitTicks(1, 1);
    stopAfter[2] = 3;
    b.w32(T2, 2000);
    b.w32(T2 + 8, 0x80 | 0x40 | 0x20 | 0x02);
    waitTicks(2, 3);
    pr(
      `timer1 one-shot: ticks=${ticks[1]} value after=${hex(b.r32(T1 + 4))} ris=${b.r32(T1 + 0x10)}; timer2 periodic ticks=${ticks[2]}`,
    );
    printEvents('timer1 one-shot + timer2 periodic');
    b.w32(T1 + 8, 0);
    irqMasked = true;
    b.w32(VIC + 0x14, 0xffffffff);
    b.w32(VIC + 0x200, 0);
    b.w32(VIC + 0x204, 0);

    // timer_fiq()
    b.w32(VIC + 0x0c, 1 << 5);
    b.w32(VIC + 0x10, 1 << 5);
    ticks[2] = 0;
    stopAfter[2] = 2;
    b.w32(T2, 700);
    b.w32(T2 + 8, 0x80 | 0x40 | 0x20 | 0x02);
    fiqMasked = false;
    waitTicks(2, 2);
    fiqMasked = true;
    pr(`timer2 as FIQ: ticks=${ticks[2]} fiqs=${fiqCount}`);
    printEvents('timer2 fiq');

    expect(out.join('\n') + '\n').toBe(GOLDEN);
  });
});
