import { describe, expect, it } from 'vitest';
import { runDifferential } from './support/differential.js';

describe('differential test against node:fs', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: 1500 random operations agree with the host kernel`, () => {
      const r = runDifferential(seed, 1500);
      expect(r.divergences).toEqual([]);
      expect(Object.keys(r.counts).length).toBeGreaterThan(15);
    });
  }
});
