import { describe, expect, it } from 'vitest';
import { fuzz } from './support/fuzz.js';

describe('fuzz: random instructions from random states (long)', () => {
  it('10 000 000 instructions never throw and give the same result twice', () => {
    const a = fuzz(5_000_000, 7);
    const b = fuzz(5_000_000, 7);
    expect(a).toEqual(b);
    expect(a.executed).toBeGreaterThanOrEqual(5_000_000);
    expect(fuzz(5_000_000, 8).digest).not.toBe(a.digest);
  }, 600_000);
});
