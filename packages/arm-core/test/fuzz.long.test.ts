import { describe, expect, it } from 'vitest';
import { fuzz } from './support/fuzz.js';

describe('fuzz: random instructions from random states (long)', () => {
  it('10 000 000 instructions never throw and give the same result twice', () => {
    const a = fuzz(5_000_000, 7);
    const b = fuzz(5_000_000, 7);
    expect(a).toBe(b);
    expect(fuzz(5_000_000, 8)).not.toBe(a);
  }, 600_000);
});
