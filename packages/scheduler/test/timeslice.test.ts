import { describe, expect, it } from 'vitest';
import { codezeroGranularity, codezeroTimeslice, Priority, SCHED_TICKS, splitTicks } from '../src/index.js';

describe('timeslices', () => {
  it('are ticksPerSecond × priority / 30, rounded down: 133 normal, 266 pager at 1000 Hz', () => {
    expect(SCHED_TICKS).toBe(1000);
    expect(codezeroTimeslice(Priority.NORMAL)).toBe(133);
    expect(codezeroTimeslice(Priority.PAGER)).toBe(266);
    expect(codezeroTimeslice(Priority.REALTIME)).toBe(333);
    expect(codezeroTimeslice(Priority.SERVER)).toBe(200);
    expect(codezeroTimeslice(Priority.LOW)).toBe(66);
  });

  it('scale with the tick rate and never drop below one tick', () => {
    expect(codezeroTimeslice(Priority.NORMAL, 100)).toBe(13);
    expect(codezeroTimeslice(0)).toBe(1);
    expect(codezeroTimeslice(1, 10)).toBe(1);
  });

  it('granularity is ticksPerSecond / 10 (100 at 1000 Hz)', () => {
    expect(codezeroGranularity()).toBe(100);
    expect(codezeroGranularity(250)).toBe(25);
    expect(codezeroGranularity(5)).toBe(1);
  });
});

describe('fork tick splitting', () => {
  it('gives the child ⌈t/2⌉ and the parent ⌊t/2⌋', () => {
    expect(splitTicks(133)).toEqual({ child: 67, parent: 66 });
    expect(splitTicks(10)).toEqual({ child: 5, parent: 5 });
    expect(splitTicks(2)).toEqual({ child: 1, parent: 1 });
  });

  it('leaves the parent at least one tick, so one tick left never gives two zeros', () => {
    expect(splitTicks(1)).toEqual({ child: 1, parent: 1 });
    expect(splitTicks(0)).toEqual({ child: 0, parent: 1 });
  });
});
