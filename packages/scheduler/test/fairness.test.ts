import { describe, expect, it } from 'vitest';
import { jainIndex, Priority, Scheduler } from '../src/index.js';
import { runTicks, spawn } from './helpers.js';

describe("Jain's fairness index", () => {
  it('is 1 for equal shares, 1/n when one party gets everything', () => {
    expect(jainIndex([5, 5, 5, 5])).toBe(1);
    expect(jainIndex([12, 0, 0, 0])).toBe(0.25);
    expect(jainIndex([])).toBe(1);
    expect(jainIndex([1, 3])).toBeCloseTo(0.8, 12);
  });

  it('is at least 0.99 for 8 equal-priority CPU-bound threads over 10 000 ticks', () => {
    const s = new Scheduler();
    const ts = Array.from({ length: 8 }, () => spawn(s));
    s.preempt();
    runTicks(s, 10_000);
    const ticks = ts.map((t) => s.runTicksOf(t));
    expect(ticks.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(jainIndex(ticks)).toBeGreaterThanOrEqual(0.99);
  });

  it('gives shares proportional to priority over 10 000 ticks (within 0.2 points)', () => {
    const s = new Scheduler();
    const prios = [Priority.LOW, Priority.NORMAL, Priority.SERVER, Priority.PAGER, Priority.REALTIME];
    const ts = prios.map((p) => spawn(s, p));
    s.preempt();
    runTicks(s, 10_000);
    const sum = prios.reduce((a, b) => a + b, 0);
    ts.forEach((t, i) => {
      expect(Math.abs((100 * s.runTicksOf(t)) / 10_000 - (100 * prios[i]!) / sum)).toBeLessThan(0.2);
    });
  });
});
