import { describe, expect, it } from 'vitest';
import { fuzz } from './support/fuzz.js';

describe("fuzz on architecture 'v4t' (long)", () => {
  it('2 000 000 random instructions never throw and give the same result twice', () => {
    const a = fuzz(2_000_000, 0x4754, 'v4t');
    expect(fuzz(2_000_000, 0x4754, 'v4t')).toEqual(a);
    expect(a.executed).toBeGreaterThanOrEqual(2_000_000);
  });
});
