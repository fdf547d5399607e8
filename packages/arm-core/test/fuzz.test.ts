import { describe, expect, it } from 'vitest';
import { fuzz } from './support/fuzz.js';

describe('fuzz: random instructions from random states', () => {
  it('100 000 instructions never throw and give the same result twice', () => {
    const a = fuzz(100_000, 1);
    const b = fuzz(100_000, 1);
    expect(a).toEqual(b);
    expect(a.executed).toBeGreaterThanOrEqual(100_000);
    expect(fuzz(800, 2).digest).not.toBe(a.digest);
  });
});
