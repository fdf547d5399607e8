import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BoardError, VirtualClock, WallClock } from '../src/index.js';
import { errorCode } from './helpers.js';

describe('VirtualClock', () => {
  it('derives time from the instruction count at 10 ns per instruction by default', () => {
    const c = new VirtualClock();
    expect(c.now()).toBe(0);
    c.advance(123);
    expect(c.instructions()).toBe(123);
    expect(c.now()).toBe(1230);
    expect(c.nanosecondsPerInstruction).toBe(10);
  });

  it('follows an attached instruction counter and refuses advance()', () => {
    let n = 0;
    const c = new VirtualClock({ instructionsPerSecond: 1_000_000_000, instructionCounter: () => n });
    n = 77;
    expect(c.now()).toBe(77);
    expect(() => {
      c.advance(1);
    }).toThrow(BoardError);
  });

  it('rejects rates that do not divide 1e9', () => {
    expect(() => new VirtualClock({ instructionsPerSecond: 3 })).toThrow(/divisor/);
    expect(errorCode(() => new VirtualClock({ instructionsPerSecond: 0 }))).toBe('bad-rate');
    expect(() => { new VirtualClock().advance(-1); }).toThrow(BoardError);
  });

  it('fires due events in time then scheduling order, including ones scheduled by handlers', () => {
    const c = new VirtualClock();
    const log: string[] = [];
    c.at(100, () => log.push('b'));
    c.at(50, () => log.push('a'));
    c.at(100, (t) => {
      log.push(`c@${t}`);
      c.at(10, () => log.push('late'));
    });
    c.at(1000, () => log.push('future'));
    expect(c.nextEventTime()).toBe(50);
    expect(c.instructionsUntil(50)).toBe(5);
    expect(c.runDue()).toBe(0);
    c.advance(10);
    expect(c.runDue()).toBe(4);
    expect(log).toEqual(['a', 'b', 'c@100', 'late']);
    expect(c.nextEventTime()).toBe(1000);
    expect(c.instructionsUntil(1000)).toBe(90);
    expect(c.instructionsUntil(1001)).toBe(91);
    expect(c.instructionsUntil(5)).toBe(0);
    expect(c.instructionsUntil(Infinity)).toBe(Infinity);
  });

  it('cancels events once', () => {
    const c = new VirtualClock();
    let fired = 0;
    const a = c.at(10, () => fired++);
    c.at(20, () => fired++);
    expect(c.cancel(a)).toBe(true);
    expect(c.cancel(a)).toBe(false);
    expect(c.nextEventTime()).toBe(20);
    c.advance(5);
    expect(c.runDue()).toBe(1);
    expect(fired).toBe(1);
    expect(c.nextEventTime()).toBe(Infinity);
  });

  it('matches a sorted-list model under random schedules and cancellations', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.record({ t: fc.nat(1000) }), fc.record({ cancel: fc.nat(40) }), fc.record({ adv: fc.nat(30) })), {
          maxLength: 120,
        }),
        (ops) => {
          const c = new VirtualClock({ instructionsPerSecond: 1_000_000_000 });
          const fired: number[] = [];
          const model: { t: number; id: number }[] = [];
          const ids: number[] = [];
          const expected: number[] = [];
          for (const op of ops) {
            if ('t' in op) {
              const id = c.at(op.t, () => fired.push(id));
              ids.push(id);
              model.push({ t: op.t, id });
            } else if ('cancel' in op) {
              const id = ids[op.cancel % Math.max(1, ids.length)];
              if (id === undefined) continue;
              const i = model.findIndex((m) => m.id === id);
              expect(c.cancel(id)).toBe(i >= 0);
              if (i >= 0) model.splice(i, 1);
            } else {
              c.advance(op.adv);
              c.runDue();
              model.sort((a, b) => a.t - b.t || a.id - b.id);
              while (model.length > 0 && model[0]!.t <= c.now()) expected.push(model.shift()!.id);
            }
            const next = model.length === 0 ? Infinity : Math.min(...model.map((m) => m.t));
            expect(c.nextEventTime()).toBe(next);
          }
          expect(fired).toEqual(expected);
        },
      ),
    );
  });
});

describe('WallClock', () => {
  it('follows the injected host clock and estimates bounded slices', () => {
    let ms = 1000;
    const c = new WallClock({ hostMilliseconds: () => ms, estimatedInstructionsPerSecond: 1_000_000, maxSlice: 500 });
    expect(c.kind).toBe('wall');
    expect(c.now()).toBe(0);
    ms += 2;
    expect(c.now()).toBe(2_000_000);
    let fired = false;
    c.at(2_500_000, () => (fired = true));
    expect(c.instructionsUntil(2_500_000)).toBe(500);
    expect(c.instructionsUntil(2_000_100)).toBe(1);
    expect(c.runDue()).toBe(0);
    ms += 1;
    expect(c.instructionsUntil(2_500_000)).toBe(0);
    expect(c.runDue()).toBe(1);
    expect(fired).toBe(true);
    const id = c.at(1e12, () => undefined);
    expect(c.nextEventTime()).toBe(1e12);
    expect(c.cancel(id)).toBe(true);
  });
});
