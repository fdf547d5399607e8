import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDifferential } from './support/differential.js';

const long = process.env['CODEZERO_LONG'] === '1';
const canSwitch = process.geteuid?.() === 0 && typeof process.seteuid === 'function' && typeof process.setegid === 'function';

describe.runIf(long)('differential test against node:fs (long)', () => {
  // 24 seeds × 5000 operations = 120 000 operations, zero divergences allowed.
  for (let seed = 100; seed < 124; seed++) {
    it(`seed ${seed}: 5000 operations`, { timeout: 120_000 }, () => {
      const r = runDifferential(seed, 5000);
      expect(r.divergences).toEqual([]);
    });
  }
});

describe.runIf(long && canSwitch)('differential test against node:fs as an unprivileged user (long)', () => {
  beforeAll(() => {
    process.setegid!(65534);
    process.seteuid!(65534);
  });
  afterAll(() => {
    process.seteuid!(0);
    process.setegid!(0);
  });
  // 8 seeds × 5000 operations = 40 000 more operations with permission checks in play.
  for (let seed = 500; seed < 508; seed++) {
    it(`seed ${seed}: 5000 operations as uid 65534`, { timeout: 120_000 }, () => {
      const r = runDifferential(seed, 5000);
      expect(r.divergences).toEqual([]);
    });
  }
});
