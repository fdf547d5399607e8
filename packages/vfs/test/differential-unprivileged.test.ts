import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDifferential } from './support/differential.js';

// The same differential run with an unprivileged effective user on both sides, so the
// permission checks (search, read/write, sticky, set-id clearing, chown rules) are compared
// with the kernel's too. Needs root to switch the effective ids (the test machines run as root).
const canSwitch = process.geteuid?.() === 0 && typeof process.seteuid === 'function' && typeof process.setegid === 'function';

describe.runIf(canSwitch)('differential test against node:fs as an unprivileged user', () => {
  beforeAll(() => {
    process.setegid!(65534);
    process.seteuid!(65534);
  });
  afterAll(() => {
    process.seteuid!(0);
    process.setegid!(0);
  });
  for (const seed of [11, 12]) {
    it(`seed ${seed}: 1500 operations as uid 65534`, () => {
      expect(process.geteuid!()).toBe(65534);
      const r = runDifferential(seed, 1500);
      expect(r.divergences).toEqual([]);
    });
  }
});
