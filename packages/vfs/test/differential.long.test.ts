import { describe, expect, it } from 'vitest';
import { runDifferential } from './support/differential.js';

const long = process.env['CODEZERO_LONG'] === '1';

describe.runIf(long)('differential test against node:fs (long)', () => {
  // 24 seeds × 5000 operations = 120 000 operations, zero divergences allowed.
  for (let seed = 100; seed < 124; seed++) {
    it(`seed ${seed}: 5000 operations`, { timeout: 120_000 }, () => {
      const r = runDifferential(seed, 5000);
      expect(r.divergences).toEqual([]);
    });
  }
});
