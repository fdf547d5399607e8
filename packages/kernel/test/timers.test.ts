import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KernelError, receive, send, setMr } from '../src/index.js';
import { TimerQueue } from '../src/internal/timer-queue.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { machine } from './helpers/machine.js';

const spinner = (): Uint8Array => new Asm(0x10000).label('spin').add(1, 1, 1).b('spin').bytes();

describe('TimerQueue', () => {
  it('fires due timers in deadline order, then creation order, and keeps the rest', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 30 }), fc.integer({ min: 0, max: 50 }), (ats, now) => {
        const q = new TimerQueue();
        const fired: number[] = [];
        ats.forEach((at, i) => q.add(at, () => fired.push(i)));
        q.fire(now);
        const expected = ats
          .map((at, i) => ({ at, i }))
          .filter((x) => x.at <= now)
          .sort((x, y) => x.at - y.at || x.i - y.i)
          .map((x) => x.i);
        expect(fired).toEqual(expected);
        expect(q.size).toBe(ats.length - expected.length);
        const rest = ats.filter((at) => at > now);
        expect(q.next).toBe(rest.length === 0 ? Infinity : Math.min(...rest));
      }),
    );
  });

  it('cancel removes one timer once; a callback may add a timer that is already due', () => {
    const q = new TimerQueue();
    const fired: string[] = [];
    const a = q.add(10, () => fired.push('a'));
    q.add(20, () => {
      fired.push('b');
      q.add(5, () => fired.push('c'));
    });
    expect(q.cancel(a)).toBe(true);
    expect(q.cancel(a)).toBe(false);
    q.fire(20);
    expect(fired).toEqual(['b', 'c']);
    expect(q.next).toBe(Infinity);
  });
});

describe('Kernel.setTimer', () => {
  it('wakes a server when every thread waits: run skips idle time to the deadline instead of returning idle', () => {
    const m = machine({ instructionsPerSecond: 1_000_000 });
    const got: number[] = [];
    const srv = m.kernel.spawnServer(function* () {
      for (;;) {
        yield receive();
        got.push(m.platform.clock.now());
      }
    });
    m.kernel.setTimer(250_000_000, () => {
      m.kernel.spawnServer(function* (self) {
        setMr(self, 0, 1);
        yield send(srv);
      });
    });
    expect(m.kernel.pendingTimers).toBe(1);
    expect(m.kernel.run()).toBe('idle');
    expect(got).toHaveLength(1);
    expect(got[0]).toBeGreaterThanOrEqual(250_000_000);
    expect(got[0]).toBeLessThan(252_000_000);
    expect(m.kernel.pendingTimers).toBe(0);
    expect(m.kernel.checkIntegrity()).toEqual([]);
  });

  it('fires while an ARM thread runs, within a tick of the deadline', () => {
    const m = machine({ instructionsPerSecond: 1_000_000 });
    m.kernel.spawnProgram({ image: spinner(), loadAddress: 0x10000 });
    let at = -1;
    m.kernel.setTimer(3_000_000, () => {
      at = m.platform.clock.now();
    });
    expect(m.kernel.run(10_000)).toBe('budget');
    expect(at).toBeGreaterThanOrEqual(3_000_000);
    expect(at).toBeLessThanOrEqual(4_000_000);
  });

  it('cancelled timers never fire; idle time skipped to reach a timer counts against the budget', () => {
    const m = machine({ instructionsPerSecond: 1_000_000 });
    let fired = 0;
    const id = m.kernel.setTimer(1_000_000, () => fired++);
    expect(m.kernel.cancelTimer(id)).toBe(true);
    expect(m.kernel.run()).toBe('idle');
    expect(fired).toBe(0);
    // A timer an hour away: a budget of 10 ms of instructions stops the skipping.
    m.kernel.setTimer(3600e9, () => fired++);
    expect(m.kernel.run(10_000)).toBe('budget');
    expect(fired).toBe(0);
    expect(m.platform.clock.now()).toBeLessThan(20_000_000);
    expect(() => m.kernel.setTimer(Number.NaN, () => fired++)).toThrow(KernelError);
  });
});
