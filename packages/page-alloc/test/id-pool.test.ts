import { describe, expect, it } from 'vitest';
import { IdPool, PageAllocError } from '../src/index.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof PageAllocError) return e.code;
    throw e;
  }
  return undefined;
}

describe('IdPool', () => {
  it('hands out the lowest free id and lets specific ids be claimed', () => {
    const p = new IdPool(100, { firstId: 10 });
    expect(p.allocate()).toBe(10);
    expect(p.claim(12)).toBe(true);
    expect(p.claim(12)).toBe(false);
    expect(p.allocate()).toBe(11);
    expect(p.allocate()).toBe(13);
    p.free(11);
    expect(p.allocate()).toBe(11);
    expect(p.usedCount).toBe(4);
  });

  it('gives typed errors for double frees and ids outside the pool', () => {
    const p = new IdPool(8);
    expect(codeOf(() => { p.free(3); })).toBe('double-free');
    expect(codeOf(() => { p.free(8); })).toBe('out-of-range');
    expect(codeOf(() => p.claim(-1))).toBe('out-of-range');
    expect(codeOf(() => p.allocateRange(0))).toBe('bad-size');
    expect(codeOf(() => p.allocateRange(2, 3))).toBe('bad-alignment');
    expect(codeOf(() => new IdPool(0))).toBe('bad-config');
  });

  it('returns -1 when exhausted', () => {
    const p = new IdPool(3);
    expect([p.allocate(), p.allocate(), p.allocate(), p.allocate()]).toEqual([0, 1, 2, -1]);
  });

  it('allocates and frees contiguous aligned ranges', () => {
    const p = new IdPool(256);
    p.claim(1);
    expect(p.allocateRange(4)).toBe(2);
    expect(p.allocateRange(8, 8)).toBe(8);
    expect(p.allocateRange(1)).toBe(0);
    expect(codeOf(() => { p.freeRange(5, 4); })).toBe('double-free');
    expect(p.usedCount).toBe(14);
    p.freeRange(2, 4);
    expect(p.allocateRange(3)).toBe(2);
    expect(p.allocateRange(250)).toBe(-1);
    expect(codeOf(() => p.allocateRange(300))).toBe('bad-size');
  });

  it('copies for fork: parent and child evolve independently', () => {
    const parent = new IdPool(64);
    parent.allocate();
    parent.allocate();
    const child = parent.clone();
    expect(child.allocate()).toBe(2);
    expect(parent.isUsed(2)).toBe(false);
    parent.free(0);
    expect(child.isUsed(0)).toBe(true);
    expect(child.usedIds()).toEqual([0, 1, 2]);
    expect(parent.usedIds()).toEqual([1]);
  });

  it('finds the lowest free id quickly in a large, nearly full pool', () => {
    const p = new IdPool(1 << 20);
    for (let i = 0; i < 1 << 20; i++) p.allocate();
    expect(p.allocate()).toBe(-1);
    p.free(777_777);
    p.free(900_000);
    expect(p.allocate()).toBe(777_777);
    expect(p.allocate()).toBe(900_000);
  });
});
